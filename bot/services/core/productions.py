"""Productions: create and edit them, and find which one a command belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import AmbiguousProduction, InvalidInput, NoProduction, NotFound
from bot.services.core.events import ProductionChosen, ProductionSaved
from bot.services.core.production_form import ProductionForm, validate
from bot.services.core.production_form import form_from_answers as form_from_answers
from bot.store import fast_reads
from bot.store.models import Person, Production, UserContext


def create_production(
    session: Session,
    team_id: str,
    form: ProductionForm,
    *,
    now: datetime,
    creator_id: str | None = None,
    creator_name: str = "",
) -> Production:
    """Create a production; its creator becomes its first coordinator."""
    form = validate(form)
    taken = session.scalar(
        select(Production.id).where(Production.team_id == team_id, Production.name == form.name)
    )
    if taken is not None:
        raise InvalidInput(f"There is already a production called “{form.name}”.", field="name")
    production = Production(
        team_id=team_id, settings=form.settings(), created_at=now, **form.columns()
    )
    session.add(production)
    session.flush()
    if creator_id:
        session.add(
            Person(
                production_id=production.id,
                slack_user_id=creator_id,
                name=creator_name or creator_id,
                role="coordinator",
            )
        )
        session.flush()
    return production


def update_production(
    session: Session, production: Production, form: ProductionForm, *, actor: str
) -> Production:
    """Edit a production's settings (coordinators only)."""
    permissions.require(session, production, actor, "production.edit")
    form = validate(form)
    for key, value in form.columns().items():
        setattr(production, key, value)
    production.settings = {**(production.settings or {}), **form.settings()}
    session.flush()
    return production


# Built once (every command resolves its production): composing them cost more than running.
_CHANNELS = (
    Production.crew_channel_id,
    Production.coordinators_channel_id,
    Production.problems_channel_id,
)
_IN_CHANNEL = or_(*(c == bindparam("channel") for c in _CHANNELS))
_BY_CHANNEL = select(Production).where(Production.team_id == bindparam("team"), _IN_CHANNEL)
_BY_MEMBER = (
    select(Production)
    .join(Person, Person.production_id == Production.id)
    .where(Production.team_id == bindparam("team"), Person.slack_user_id == bindparam("user"))
    .order_by(Production.name)
)


def resolve(session: Session, team_id: str, channel_id: str | None, user_id: str) -> Production:
    """The production a command belongs to: the channel's, else the person's only one."""
    if channel_id:
        by_channel = session.scalar(_BY_CHANNEL, {"team": team_id, "channel": channel_id})
        if by_channel is not None:
            return by_channel
    mine = list(session.scalars(_BY_MEMBER, {"team": team_id, "user": user_id}))
    if len(mine) == 1:
        return mine[0]
    if not mine:
        raise NoProduction(
            "You're not on a production's crew list yet. Ask your coordinator to add you, "
            "or type /slate setup to start a production."
        )
    chosen = session.get(UserContext, (team_id, user_id))
    for production in mine:
        if chosen is not None and chosen.production_id == production.id:
            return production
    raise AmbiguousProduction(
        "You're on more than one production. Pick one; Slate will use it until you change it.",
        [(p.id, p.name) for p in mine],
    )


@dataclass(frozen=True, slots=True)
class ProductionView:
    """A production as a read-only request sees it (no ORM object: read on every /calltime)."""

    id: int
    team_id: str
    name: str
    timezone: str
    settings: dict[str, Any]


_P, _M = Production.__table__.c, Person.__table__.c
_ME = and_(_M.production_id == _P.id, _M.slack_user_id == bindparam("user"))
_PEOPLE = Person.__table__
_READ = select(
    _P.id, _P.team_id, _P.name, _P.timezone, _P.settings, _M.id, _M.name, _M.role, _M.position
)


def asker_query(*more: Any, by_channel: bool = True, joined: Any = None) -> Select[Any]:
    """The production a channel belongs to (else: the one production the asker is on, two
    rows if several) and the asker's crew-list entry on it (the columns `view_of` reads),
    then `more` columns from `joined` (a join onto those two tables)."""
    found = (
        Production.__table__.outerjoin(_PEOPLE, _ME)
        if by_channel
        else Production.__table__.join(_PEOPLE, _ME)
    )
    query = (
        _READ.add_columns(*more)
        .select_from(joined(found) if joined is not None else found)
        .where(_P.team_id == bindparam("team"))
    )
    return query.where(_IN_CHANNEL).limit(1) if by_channel else query.limit(2)


_READ_BY_CHANNEL = fast_reads.Prepared(asker_query())
_READ_BY_MEMBER = fast_reads.Prepared(asker_query(by_channel=False))
_READ_BY_ID = fast_reads.Prepared(
    _READ.select_from(Production.__table__.outerjoin(_PEOPLE, _ME)).where(
        _P.id == bindparam("production")
    )
)
_READS = "slate_read_resolve"  # session.info key: this request's answer, read once


def resolve_read(
    session: Session, team_id: str, channel_id: str | None, user_id: str
) -> tuple[ProductionView, permissions.Member | None]:
    """`resolve` and the user's crew-list entry on it, for a read-only request: one Core query
    in the usual cases, the same answers and errors as `resolve` in every case."""
    key = (_READS, team_id, channel_id, user_id)
    if key not in session.info:
        session.info[key] = _read(session, team_id, channel_id, user_id)
    found: tuple[ProductionView, permissions.Member | None] = session.info[key]
    return found


def _read(
    session: Session, team_id: str, channel_id: str | None, user_id: str
) -> tuple[ProductionView, permissions.Member | None]:
    values = {"team": team_id, "channel": channel_id, "user": user_id}
    found = fast_reads.read(session, _READ_BY_CHANNEL, values) if channel_id else []
    if not found:
        mine = fast_reads.read(session, _READ_BY_MEMBER, values)
        found = mine if len(mine) == 1 else []
    if not found:  # on none or several: `resolve` says so, or finds the one chosen
        chosen = resolve(session, team_id, channel_id, user_id)
        found = fast_reads.read(session, _READ_BY_ID, values | {"production": chosen.id})
    return view_of(found[0])


def view_of(row: Row[Any] | tuple[Any, ...]) -> tuple[ProductionView, permissions.Member | None]:
    """The production and the asker's entry from a row that starts with `asker_by_channel`'s."""
    production = ProductionView(*row[:5])
    person_id, name, role, position = row[5:9]
    member = None if person_id is None else permissions.Member(person_id, name, role, position)
    return production, member


def choose(
    session: Session,
    team_id: str,
    user_id: str,
    production_id: int,
    *,
    channel_id: str | None = None,
    now: datetime,
) -> Production:
    """Remember which production a person on several means."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise InvalidInput("That production no longer exists.")
    permissions.require(session, production, user_id, "production.use")
    context = session.get(UserContext, (team_id, user_id))
    if context is None:
        session.add(
            UserContext(team_id=team_id, slack_user_id=user_id, production_id=production_id)
        )
    else:
        context.production_id = production_id
    session.flush()
    events.record(
        session,
        ProductionChosen(
            at=now, production_id=production.id, user_id=user_id, channel_id=channel_id
        ),
    )
    return production


def find_by_name(session: Session, name_or_id: str) -> Production:
    """A production by id or exact name (command line)."""
    query = select(Production).where(Production.name == name_or_id)
    if name_or_id.isdigit():
        query = select(Production).where(Production.id == int(name_or_id))
    production = session.scalar(query)
    if production is None:
        raise NoProduction(f"No production “{name_or_id}”. `slate production list` shows them.")
    return production


def whoami(
    session: Session, team_id: str, channel_id: str | None, user_id: str
) -> tuple[Production | None, Person | None]:
    """The production a person is acting in and their crew-list entry; None if on none."""
    try:
        production = resolve(session, team_id, channel_id, user_id)
    except NoProduction:
        return None, None
    return production, permissions.member(session, production, user_id)


def production_to_edit(
    session: Session, team_id: str, channel_id: str | None, user_id: str, *, new: bool
) -> Production | None:
    """What /slate setup edits: None to create one, else a production the user coordinates."""
    if new:
        return None
    production, _ = whoami(session, team_id, channel_id, user_id)
    if production is not None:
        permissions.require(session, production, user_id, "production.edit")
    return production


def save(
    session: Session,
    team_id: str,
    production_id: int | None,
    form: ProductionForm,
    *,
    actor: str,
    actor_name: str,
    now: datetime,
) -> Production:
    """Save the setup form: create a production, or edit one the actor coordinates."""
    if production_id is None:
        production = create_production(
            session, team_id, form, now=now, creator_id=actor, creator_name=actor_name
        )
    else:
        existing = session.get(Production, production_id)
        if existing is None or existing.team_id != team_id:
            raise InvalidInput("That production no longer exists. Type /slate setup again.")
        production = update_production(session, existing, form, actor=actor)
    events.record(session, ProductionSaved(at=now, production_id=production.id, actor=actor))
    return production


def memberships(session: Session, team_id: str, user_id: str) -> list[tuple[int, str]]:
    """The productions a person is on, as (id, name)."""
    rows = session.execute(
        select(Production.id, Production.name)
        .join(Person, Person.production_id == Production.id)
        .where(Production.team_id == team_id, Person.slack_user_id == user_id)
        .order_by(Production.name)
    )
    mine = [(pid, name) for pid, name in rows]
    if not mine:
        raise NoProduction("You're not on any production's crew list yet.")
    return mine


def fetch(
    session: Session, team_id: str | None, model: Any, row_id: int, what: str
) -> tuple[Production, Any]:
    """A row of `model` (by id, from a button or modal) and its production, refusing a row of
    another workspace."""
    row = session.get(model, row_id)
    production = session.get(Production, row.production_id) if row is not None else None
    if row is None or production is None or (team_id and production.team_id != team_id):
        raise NotFound(f"That {what} no longer exists.")
    return production, row
