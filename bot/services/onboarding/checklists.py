"""Starting a person's checklist, and who may see whose (the person and coordinators only)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotAuthorized
from bot.services.core import people
from bot.services.core.productions import fetch
from bot.services.onboarding import packets, reminders, status
from bot.services.onboarding.events import OnboardingStarted
from bot.store.models import Person, Production
from bot.store.models_onboarding import Onboarding, OnboardingItem
from bot.timeparse import TimeParseError, parse_day

START_USAGE = "Type `/onboarding start @person [employee|contractor|cast] [first day]`."


def start_onboarding(
    session: Session,
    production: Production,
    person: Person,
    first_day: date | None,
    *,
    kind: str | None = None,
    now: datetime | None = None,
    actor: str | None = None,
) -> Onboarding:
    """Start (or bring up to date) a person's checklist and DM it to them; the booking flow
    calls this when a person is booked. Starting again adds missing items, never duplicates."""
    now = now or datetime.now(UTC)
    if person.production_id != production.id:
        raise InvalidInput(f"“{person.name}” isn't on {production.name}'s crew list.")
    onboarding = status.of_person(session, person)
    if onboarding is None:
        onboarding = Onboarding(
            production_id=production.id,
            person_id=person.id,
            kind=kind or packets.kind_of(session, person),
            started_at=now,
            started_by=actor,
        )
        session.add(onboarding)
    elif kind:
        onboarding.kind = kind
    onboarding.first_day = first_day or onboarding.first_day
    session.flush()
    have = {row.item for row in status.items_of(session, onboarding)}
    for item in packets.items_for(session, production, onboarding.kind):
        if item not in have:
            session.add(
                OnboardingItem(production_id=production.id, onboarding_id=onboarding.id, item=item)
            )
    session.flush()
    reminders.schedule(session, production, onboarding, now)
    events.record(session, OnboardingStarted(at=now, onboarding_id=onboarding.id))
    return onboarding


def start_command(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> Onboarding:
    """`/onboarding start @person [kind] [first day]` (coordinators)."""
    permissions.require(session, production, actor, "onboarding.start")
    found, rest = people.leading(session, production, text)
    if len(found) != 1:
        raise InvalidInput("Name one person on the crew list. " + START_USAGE)
    words = rest.split()
    kind = words.pop(0).lower() if words and words[0].lower() in packets.KINDS else None
    first_day = None
    if words:
        try:
            first_day = parse_day(" ".join(words), production.timezone, now)
        except TimeParseError as error:
            raise InvalidInput(
                f"I can't read “{' '.join(words)}” as a day. {START_USAGE}"
            ) from error
    return start_onboarding(
        session, production, found[0], first_day, kind=kind, now=now, actor=actor
    )


def check_access(session: Session, production: Production, actor: str, person_id: int) -> Person:
    """The actor may see this person's paperwork: it is their own, or they coordinate."""
    me = permissions.require(session, production, actor, "onboarding.read")
    if me.id != person_id:
        permissions.require(session, production, actor, "onboarding.read_all")
    return me


def own(session: Session, production: Production, actor: str) -> status.ChecklistView | None:
    """The actor's own checklist (None: none was started)."""
    me = permissions.require(session, production, actor, "onboarding.read")
    found = status.of_person(session, me)
    return status.checklist(session, found) if found is not None else None


def of_named(
    session: Session, production: Production, actor: str, text: str
) -> status.ChecklistView:
    """`/onboarding @person`: the person's checklist, to themselves or a coordinator."""
    permissions.require(session, production, actor, "onboarding.read")
    person = people.one(session, production, text)
    check_access(session, production, actor, person.id)
    found = status.of_person(session, person)
    if found is None:
        raise InvalidInput(f"“{person.name}” has no start paperwork yet. {START_USAGE}")
    return status.checklist(session, found)


def listing(session: Session, production: Production, actor: str) -> list[status.ChecklistView]:
    """Everyone's red/green status (coordinators)."""
    permissions.require(session, production, actor, "onboarding.read_all")
    return status.everyone(session, production)


def item_for(
    session: Session, team_id: str, item_id: int, actor: str
) -> tuple[Production, Onboarding, OnboardingItem]:
    """A checklist line from a button or form, if the actor may act on it (own, or coordinator)."""
    production, item = fetch(session, team_id, OnboardingItem, item_id, "checklist item")
    onboarding = session.get(Onboarding, item.onboarding_id)
    assert onboarding is not None
    check_access(session, production, actor, onboarding.person_id)
    return production, onboarding, item


def own_item(
    session: Session, team_id: str, item_id: int, actor: str
) -> tuple[Production, Onboarding, OnboardingItem]:
    """A line of the actor's own checklist: only the person hands in their paperwork."""
    production, onboarding, item = item_for(session, team_id, item_id, actor)
    me = permissions.require(session, production, actor, "onboarding.submit")
    if me.id != onboarding.person_id:
        raise NotAuthorized("That checklist is someone else's; you can only fill in your own.")
    return production, onboarding, item
