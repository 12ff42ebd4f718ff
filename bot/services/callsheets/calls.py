"""Who works a day and when: personal calls, what changed since the last revision, and rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.callsheets.dates import previous_day
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay

DEFAULT_REST = {"cast": Decimal(12), "crew": Decimal(10)}
MEAL_HOURS = 6


@dataclass(frozen=True)
class CallView:
    """One person's call as they read it (no database rows: blocks render it)."""

    name: str
    role: str
    call_at: datetime
    pickup_at: datetime | None = None
    hmu_at: datetime | None = None
    location: str | None = None
    scenes: tuple[str, ...] = ()


# What the whole day shares and each person reads in their own DM: a change to any of these is
# a change to everyone's day. (key, how a revision names it, whether it is a time)
SHARED = (
    ("shooting_call", "shooting call", True),
    ("breakfast", "breakfast", True),
    ("lunch", "lunch", True),
    ("address", "address", False),
    ("parking", "parking", False),
    ("basecamp", "basecamp", False),
)


@dataclass(frozen=True)
class PersonalCall:
    """One person's call on one day."""

    person: Person
    call_at: datetime
    pickup_at: datetime | None
    hmu_at: datetime | None
    location: str | None
    scenes: tuple[str, ...]
    shared: tuple[tuple[str, str | None], ...] = ()  # SHARED keys and their values

    @classmethod
    def from_told(cls, person: Person, told: dict[str, Any]) -> PersonalCall:
        """The call as it was told to the person."""

        def moment(key: str) -> datetime | None:
            return datetime.fromisoformat(told[key]) if told.get(key) else None

        call_at = moment("call")
        assert call_at is not None
        return cls(
            person,
            call_at,
            moment("pickup"),
            moment("hmu"),
            told.get("location"),
            tuple(told.get("scenes") or ()),
            tuple((key, told[key]) for key, _, _ in SHARED if key in told),
        )

    def view(self) -> CallView:
        """The call as blocks render it."""
        return CallView(
            self.person.name,
            self.person.role,
            self.call_at,
            self.pickup_at,
            self.hmu_at,
            self.location,
            self.scenes,
        )

    def told(self) -> dict[str, Any]:
        """What the person is told, as stored to compare with the next revision."""
        return {
            "call": self.call_at.isoformat(),
            "pickup": self.pickup_at.isoformat() if self.pickup_at else None,
            "hmu": self.hmu_at.isoformat() if self.hmu_at else None,
            "location": self.location,
            "scenes": list(self.scenes),
            **dict(self.shared),
        }


def personal_calls(session: Session, production: Production, day: ShootDay) -> list[PersonalCall]:
    """Everyone working the day: crew unless marked off, cast when called or in a scene."""
    assert day.general_call is not None
    people = session.scalars(
        select(Person).where(Person.production_id == production.id).order_by(Person.name)
    ).all()
    overrides = {o.person_id: o for o in day.overrides}
    all_scenes = tuple(s.number for s in day.scenes)
    location = day.location.name if day.location else None
    shared = _shared(day)
    calls = []
    for person in people:
        override = overrides.get(person.id)
        if override is not None and override.off:
            continue
        in_scenes = tuple(s.number for s in day.scenes if _casts(s.cast, person))
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
                shared,
            )
        )
    return calls


def _shared(day: ShootDay) -> tuple[tuple[str, str | None], ...]:
    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    place = day.location
    values = {
        "shooting_call": iso(day.shooting_call),
        "breakfast": iso(day.breakfast_at),
        "lunch": iso(day.lunch_at),
        "address": place.address if place else None,
        "parking": place.parking if place else None,
        "basecamp": place.basecamp if place else None,
    }
    return tuple((key, values[key]) for key, _, _ in SHARED)


def same(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a person was told nothing new (keys a revision before this one did not store
    yet count as unchanged, so an upgrade messages no one)."""
    return all(before.get(k) == v for k, v in after.items() if k in before or k in _OWN)


_OWN = ("call", "pickup", "hmu", "location", "scenes")


def _casts(cast: list[str], person: Person) -> bool:
    names = {person.name.lower(), person.name.split()[0].lower()}
    return any(c.lower() in names for c in cast)


def _department_call(day: ShootDay, person: Person) -> datetime:
    assert day.general_call is not None
    name = person.department.name if person.department else None
    minutes = (day.department_offsets or {}).get(name, 0) if name else 0
    return day.general_call + timedelta(minutes=minutes)


def changes(before: dict[str, Any], after: dict[str, Any], tz: str) -> list[str]:
    """What changed for one person, in the words of a revision DM."""
    lines = []
    for key, label in (("call", "call"), ("pickup", "pickup"), ("hmu", "hair & make-up")):
        if before.get(key) != after.get(key):
            lines.append(
                f"your {label} is now {_clock(after.get(key), tz)} "
                f"(was {_clock(before.get(key), tz)})"
            )
    if before.get("location") != after.get("location"):
        lines.append(
            f"location is now {after.get('location') or 'TBA'} "
            f"(was {before.get('location') or 'TBA'})"
        )
    if before.get("scenes") != after.get("scenes"):
        lines.append(
            f"scenes are now {', '.join(after.get('scenes') or []) or 'none'} "
            f"(were {', '.join(before.get('scenes') or []) or 'none'})"
        )
    for key, label, is_time in SHARED:
        if key in before and before.get(key) != after.get(key):
            show = (lambda v: _clock(v, tz)) if is_time else (lambda v: v or "none")
            lines.append(f"{label} is now {show(after.get(key))} (was {show(before.get(key))})")
    return lines


def _clock(value: str | None, tz: str) -> str:
    if not value:
        return "none"
    return datetime.fromisoformat(value).astimezone(ZoneInfo(tz)).strftime("%H:%M")


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
