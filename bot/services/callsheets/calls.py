"""Who works a day and when: personal calls, and the turnaround and meal rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.services.booking import talent
from bot.services.callsheets.dates import previous_day
from bot.store.models import Person, Production
from bot.store.models_callsheet import CastMember, ShootDay

DEFAULT_REST = {"cast": Decimal(12), "crew": Decimal(10)}
MEAL_HOURS = 6


@dataclass(frozen=True)
class PersonalCall:
    """One person's call on one day."""

    person: Person
    call_at: datetime
    pickup_at: datetime | None
    hmu_at: datetime | None
    location: str | None
    scenes: tuple[str, ...]


def personal_calls(session: Session, production: Production, day: ShootDay) -> list[PersonalCall]:
    """Everyone working the day: crew unless marked off, cast when called or in a scene."""
    assert day.general_call is not None
    people = session.scalars(
        select(Person)
        .options(selectinload(Person.department))  # 500 people: one query, not one each
        .where(Person.production_id == production.id)
        .order_by(Person.name)
    ).all()
    overrides = {o.person_id: o for o in day.overrides}
    numbers = dict(
        session.execute(
            select(CastMember.person_id, CastMember.number).where(
                CastMember.production_id == production.id
            )
        ).all()
    )
    gone = talent.released_after(session, production)  # a release: off the sheets after it
    all_scenes = tuple(s.number for s in day.scenes)
    location = day.location.crew_name if day.location else None
    calls = []
    for person in people:
        override = overrides.get(person.id)
        if (override is not None and override.off) or day.date > gone.get(person.id, day.date):
            continue
        in_scenes = tuple(
            s.number for s in day.scenes if casts(s.cast, person, numbers.get(person.id))
        )
        if person.role == "cast" and override is None and not in_scenes:
            continue
        call = override.call_at if override and override.call_at else _department_call(day, person)
        calls.append(
            PersonalCall(
                person,
                call,
                override.pickup_at if override else None,
                override.hmu_at if override else None,
                location,
                in_scenes if person.role == "cast" else all_scenes,
            )
        )
    return calls


def casts(cast: list[str], person: Person, number: str | None = None) -> bool:
    """Whether a scene's cast list names the person: full name, first name or cast number."""
    names = {person.name.lower(), person.name.split()[0].lower()}
    if number:
        names.add(number.lower())
    return any(c.lower() in names for c in cast)


def _department_call(day: ShootDay, person: Person) -> datetime:
    assert day.general_call is not None
    name = person.department.name if person.department else None
    minutes = (day.department_offsets or {}).get(name, 0) if name else 0
    return day.general_call + timedelta(minutes=minutes)


def min_rest(person: Person) -> Decimal:
    """A person's minimum turnaround: their own, their department's, else by role."""
    if person.min_rest_hours is not None:
        return person.min_rest_hours
    if person.department is not None and person.department.min_rest_hours is not None:
        return person.department.min_rest_hours
    return DEFAULT_REST["cast" if person.role == "cast" else "crew"]


def rest_warnings(
    session: Session, production: Production, day: ShootDay, calls: list[PersonalCall]
) -> list[str]:
    """People whose rest since their last wrap is below their minimum."""
    previous = previous_day(session, day)
    if previous is None or previous.general_call is None:
        return []
    wrap = previous.wrap_at or previous.estimated_wrap
    if wrap is None:
        return []
    worked = {c.person.id for c in personal_calls(session, production, previous)}
    zone = ZoneInfo(production.timezone)
    warnings = []
    for call in calls:
        if call.person.id not in worked:
            continue
        rest = Decimal((call.call_at - wrap).total_seconds()) / 3600
        needed = min_rest(call.person)
        if rest < needed:
            source = "wrap" if previous.wrap_at else "estimated wrap"
            warnings.append(
                f"{call.person.name}: {_hours(rest)} rest ({source} "
                f"{wrap.astimezone(zone):%a %H:%M} → call {call.call_at.astimezone(zone):%a %H:%M})"
                f", needs {needed:g} h"
            )
    return warnings


def _hours(hours: Decimal) -> str:
    """Decimal("9.25") -> "9 h 15 min"."""
    minutes = int(hours * 60)
    whole, rest = divmod(minutes, 60)
    return f"{whole} h" + (f" {rest} min" if rest else "")


def meal_warnings(day: ShootDay, tz: str) -> list[str]:
    """A first meal that cannot fall within six hours of general call."""
    if day.general_call is None:
        return []
    zone = ZoneInfo(tz)
    call = day.general_call
    breakfast_counts = day.breakfast_at is not None and (
        timedelta(0) <= day.breakfast_at - call <= timedelta(hours=2)
    )
    clock_start = day.breakfast_at if breakfast_counts and day.breakfast_at else call
    if day.lunch_at is None:
        if day.estimated_wrap and day.estimated_wrap - clock_start > timedelta(hours=MEAL_HOURS):
            return [f"No meal is scheduled, and the day runs past {MEAL_HOURS} h from call."]
        return []
    gap = day.lunch_at - clock_start
    if gap > timedelta(hours=MEAL_HOURS):
        return [
            f"Lunch at {day.lunch_at.astimezone(zone):%H:%M} is "
            f"{gap.total_seconds() / 3600:.1f} h after "
            f"{'breakfast' if breakfast_counts else 'call'} "
            f"{clock_start.astimezone(zone):%H:%M}: the first meal is due within "
            f"{MEAL_HOURS} h."
        ]
    return []
