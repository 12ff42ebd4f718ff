"""Productions: create and edit them, and find which one a command belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.errors import AmbiguousProduction, InvalidInput, NoProduction, NotAuthorized, NotFound
from bot.store.models import Person, Production, UserContext
from bot.timeparse import TimeParseError, parse_on_day

CURRENCIES = ("USD", "CAD", "EUR", "GBP", "AUD", "NZD", "MXN")


@dataclass(frozen=True)
class ProductionForm:
    """What a coordinator fills in to create or edit a production."""

    name: str
    timezone: str
    currency: str = "USD"
    crew_channel_id: str | None = None
    coordinators_channel_id: str | None = None
    problems_channel_id: str | None = None
    # Production settings: when the next day's call sheet goes out, when to nudge.
    publish_time: str | None = None
    nudge_minutes: int | None = None

    def columns(self) -> dict[str, object]:
        """The fields stored as Production columns."""
        return {k: v for k, v in self.__dict__.items() if k not in SETTINGS_FIELDS}

    def settings(self) -> dict[str, object]:
        """The fields stored in Production.settings, under their settings keys."""
        values = {
            "callsheet_publish_time": self.publish_time,
            "nudge_after_minutes": self.nudge_minutes,
        }
        return {k: v for k, v in values.items() if v is not None}


SETTINGS_FIELDS = ("publish_time", "nudge_minutes")


_AFTER_WRAP = re.compile(
    r"^\+?\s*(\d+(?:\.\d+)?)\s*(h|hrs?|hours?|m|mins?|minutes?)\s*(after wrap)?$", re.I
)


def _publish_time(text: str | None, tz: str) -> str | None:
    """ "6p" -> "18:00"; "2h after wrap" -> "+120" (minutes after the previous day's wrap)."""
    if not text or not text.strip():
        return None
    after = _AFTER_WRAP.match(text.strip())
    if after and (after[3] or text.strip().startswith("+")):
        minutes = float(after[1]) * (60 if after[2].lower().startswith("h") else 1)
        return f"+{round(minutes)}"
    try:
        moment = parse_on_day(text, date(2026, 1, 5), tz)
    except TimeParseError as error:
        raise InvalidInput(f"Call sheet time: {error}", field="publish_time") from error
    return moment.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def validate(form: ProductionForm) -> ProductionForm:
    """Check a production form; raise InvalidInput naming the field to fix."""
    name = " ".join(form.name.split())
    if not name:
        raise InvalidInput("Give the production a name.", field="name")
    if len(name) > 120:
        raise InvalidInput("Keep the name under 120 characters.", field="name")
    try:
        ZoneInfo(form.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidInput(
            f"“{form.timezone}” is not a time zone. Type one like America/Los_Angeles.",
            field="timezone",
        ) from error
    if form.timezone not in available_timezones():
        raise InvalidInput("Pick a time zone like America/New_York.", field="timezone")
    currency = form.currency.strip().upper()
    if currency not in CURRENCIES:
        raise InvalidInput(f"Currency must be one of {', '.join(CURRENCIES)}.", field="currency")
    nudge = form.nudge_minutes
    if nudge is not None and not 5 <= nudge <= 24 * 60:
        raise InvalidInput("Nudge after 5 to 1440 minutes.", field="nudge_minutes")
    return ProductionForm(
        name,
        form.timezone,
        currency,
        form.crew_channel_id,
        form.coordinators_channel_id,
        form.problems_channel_id,
        _publish_time(form.publish_time, form.timezone),
        nudge,
    )


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
    require_coordinator(session, production, actor)
    form = validate(form)
    for key, value in form.columns().items():
        setattr(production, key, value)
    production.settings = {**(production.settings or {}), **form.settings()}
    session.flush()
    return production


def member(session: Session, production: Production, slack_user_id: str) -> Person | None:
    """The crew-list entry of a Slack user on a production."""
    return session.scalar(
        select(Person).where(
            Person.production_id == production.id, Person.slack_user_id == slack_user_id
        )
    )


def require_coordinator(session: Session, production: Production, slack_user_id: str) -> Person:
    """The one authorization guard for coordinator-only actions."""
    person = member(session, production, slack_user_id)
    if person is None or not person.is_coordinator:
        raise NotAuthorized(
            f"Only coordinators on {production.name} can do that. Ask a coordinator, "
            "or type /slate help to see what you can do."
        )
    return person


def resolve(session: Session, team_id: str, channel_id: str | None, user_id: str) -> Production:
    """The production a command belongs to: the channel's, else the person's only one."""
    if channel_id:
        by_channel = session.scalar(
            select(Production).where(
                Production.team_id == team_id,
                or_(
                    Production.crew_channel_id == channel_id,
                    Production.coordinators_channel_id == channel_id,
                    Production.problems_channel_id == channel_id,
                ),
            )
        )
        if by_channel is not None:
            return by_channel
    mine = list(
        session.scalars(
            select(Production)
            .join(Person, Person.production_id == Production.id)
            .where(Production.team_id == team_id, Person.slack_user_id == user_id)
            .order_by(Production.name)
        )
    )
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


def choose(session: Session, team_id: str, user_id: str, production_id: int) -> Production:
    """Remember which production a person on several means."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise InvalidInput("That production no longer exists.")
    if member(session, production, user_id) is None:
        raise NotAuthorized(f"You're not on {production.name}'s crew list.")
    context = session.get(UserContext, (team_id, user_id))
    if context is None:
        session.add(
            UserContext(team_id=team_id, slack_user_id=user_id, production_id=production_id)
        )
    else:
        context.production_id = production_id
    session.flush()
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
    return production, member(session, production, user_id)


def production_to_edit(
    session: Session, team_id: str, channel_id: str | None, user_id: str, *, new: bool
) -> Production | None:
    """What /slate setup edits: None to create one, else a production the user coordinates."""
    if new:
        return None
    production, _ = whoami(session, team_id, channel_id, user_id)
    if production is not None:
        require_coordinator(session, production, user_id)
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
        return create_production(
            session, team_id, form, now=now, creator_id=actor, creator_name=actor_name
        )
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise InvalidInput("That production no longer exists. Type /slate setup again.")
    return update_production(session, production, form, actor=actor)


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


def form_from_answers(answers: dict[str, Any]) -> ProductionForm:
    """A ProductionForm from the setup modal's answers (keyed by action_id)."""
    nudge = answers.get("nudge_minutes")
    return ProductionForm(
        name=answers.get("name") or "",
        timezone=answers.get("timezone") or "",
        currency=answers.get("currency") or "USD",
        crew_channel_id=answers.get("crew_channel"),
        coordinators_channel_id=answers.get("coordinators_channel"),
        problems_channel_id=answers.get("problems_channel"),
        publish_time=answers.get("publish_time"),
        nudge_minutes=int(nudge) if nudge not in (None, "") else None,
    )


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
