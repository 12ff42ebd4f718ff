"""/schedulechange: read "lunch 1p, wrap 8p, grip +30, @pat call 5:15" and change the day itself.

Every part is read before anything changes; one part Slate cannot read changes nothing and the
error names it. What is returned are the real changes, as facts (what, before, after) for
blocks to word; the crew channel's announcement is made at publish, from the sheet itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import FieldErrors, InvalidInput
from bot.services.callsheets import locations, shoot_days
from bot.services.callsheets.day_forms import MAX_OFFSET
from bot.services.callsheets.person_day import Change
from bot.services.core import people
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallOverride, Location, ShootDay
from bot.timeparse import TimeParseError, parse_on_day

WHAT_TO_TYPE = (
    "Type the day and what changed, comma-separated, like `/schedulechange fri lunch 1p, "
    "wrap 8p`. Changes: `call 6a`, `shooting call 7:30`, `breakfast 6a`, `lunch 1p`, "
    "`wrap 8p`, `location Warehouse B`, `grip call 5:30` or `grip +30`, `@pat call 5:15`."
)
# Words people put between the thing and its new value: "lunch moves to 1p", "wrap is now 8p".
_LEAD = re.compile(r"^(?:(?:moves?|moved|is|now|to|at|will be|->|→|=|:)(?:\s+|$|(?=\d)))+", re.I)
_FIELDS = {
    "call": "general_call",
    "general call": "general_call",
    "crew call": "general_call",
    "general crew call": "general_call",
    "shooting call": "shooting_call",
    "shoot call": "shooting_call",
    "breakfast": "breakfast_at",
    "lunch": "lunch_at",
    "wrap": "estimated_wrap",
    "estimated wrap": "estimated_wrap",
}
_LABELS = {
    "general_call": "General crew call",
    "shooting_call": "Shooting call",
    "breakfast_at": "Breakfast",
    "lunch_at": "Lunch",
    "estimated_wrap": "Est. wrap",
}
# When each time may fall, from general call: a wrap of 2a is the next morning. The general
# call itself is read on the shoot date, as the editor reads it ("call 6a" on a day called for
# 6:30p is that morning, not the next).
_AFTER = {
    "shooting_call": timedelta(minutes=-1),
    "breakfast_at": timedelta(hours=-6),
    "lunch_at": timedelta(0),
    "estimated_wrap": timedelta(0),
}
_NONE = ("none", "no", "tba", "-")
_OFFSET = re.compile(r"^([+-])\s*(\d{1,3})\s*(?:m|min|mins|minutes)?$")
Step = Callable[[ShootDay], Change | None]  # applies one part; what changed (None: nothing)


@dataclass(frozen=True)
class Changed:
    """What /schedulechange did to a day, each change as (what, before, after)."""

    changes: tuple[Change, ...]


def split(text: str) -> list[str]:
    """The comma-separated parts of a change, blanks dropped."""
    return [" ".join(part.split()) for part in text.split(",") if part.strip()]


def apply(session: Session, production: Production, day: ShootDay, text: str) -> Changed:
    """Change `day` as `text` says; raises InvalidInput (changing nothing) on any bad part."""
    parts = split(text)
    if not parts:
        raise InvalidInput(WHAT_TO_TYPE)
    found = FieldErrors()  # every unreadable part at once, each on its form field
    steps = [step for part in parts if (step := found.take(_read, session, production, day, part))]
    found.check()
    # General call first: the other times are read against the day's (new) call.
    steps.sort(key=lambda step: step[0])
    changes = [change for _, step in steps if (change := step(day))]
    shoot_days.check_calls_before_wrap(day, production.timezone)
    shoot_days.check_times_follow_call(day, production.timezone)
    session.flush()
    return Changed(tuple(changes))


# The form's fields and the words the one-liner uses for them.
FORM_FIELDS = (
    ("general_call", "call"),
    ("shooting_call", "shooting call"),
    ("breakfast", "breakfast"),
    ("lunch", "lunch"),
    ("estimated_wrap", "wrap"),
    ("location_name", "location"),
)


def form_text(answers: dict[str, str | None], departments: Iterable[str] = ()) -> str:
    """The schedule-change form's answers as the one-liner's parts: an emptied field clears,
    and a department call the day had (`departments`) that the form no longer lists goes."""
    parts = []
    for key, word in FORM_FIELDS:
        value = " ".join((answers.get(key) or "").replace(",", " ").split())
        if value or key not in ("general_call", "location_name"):
            parts.append(f"{word} {value or 'none'}")
    typed = (answers.get("departments") or "").replace(",", " ").splitlines()
    lines = [" ".join(line.split()) for line in typed if line.strip()]
    gone = [n for n in departments if not any(x.lower().startswith(n.lower()) for x in lines)]
    return ", ".join(parts + lines + [f"{name} none" for name in sorted(gone)])


def _read(session: Session, production: Production, day: ShootDay, part: str) -> tuple[int, Step]:
    """One part, read into a step (0: moves general call, so runs first)."""
    lowered, field = part.lower(), "departments"  # field: the form's input the part came from
    try:
        if part.startswith(("@", "<@")):
            field = "general_call"
            return 1, _person(session, production, day, part)
        for name in sorted(_FIELDS, key=len, reverse=True):
            if lowered.startswith(name + " "):
                column = _FIELDS[name]
                field = column.removesuffix("_at")
                value = _value(part[len(name) :])
                return (0 if column == "general_call" else 1), _time(production, day, column, value)
        if lowered.startswith("location "):
            field = "location_name"
            return 1, _location(session, production, _value(part[len("location") :]))
        return 1, _department(session, production, day, part)
    except TimeParseError as error:
        message = f"I can't read “{part}”: {error} {WHAT_TO_TYPE}"
        raise InvalidInput(message, field=field) from error
    except _Unreadable as error:
        message = f"I can't read “{part}”{error.why}. {WHAT_TO_TYPE}"
        raise InvalidInput(message, field=field) from error
    except InvalidInput as error:  # the people reader's: whom it could not find
        message = f"I can't read “{part}”: {error.message} {WHAT_TO_TYPE}"
        raise InvalidInput(message, field=field) from error


def _value(text: str) -> str:
    """What follows the thing changed, without "moves to", "is now" and the like."""
    return _LEAD.sub("", text.strip()).strip()


class _Unreadable(Exception):
    def __init__(self, why: str = "") -> None:
        super().__init__(why)
        self.why = f" ({why})" if why else ""


def _time(production: Production, day: ShootDay, column: str, value: str) -> Step:
    tz = production.timezone
    if not value:
        raise _Unreadable("no time")
    cleared = value.lower() in _NONE and column != "general_call"
    if not cleared:
        parse_on_day(value, day.date, tz)  # unreadable: refused before anything changes

    def step(day: ShootDay) -> Change | None:
        anchor = day.general_call if column in _AFTER else None
        after = anchor + _AFTER[column] if anchor else None
        new = None if cleared else parse_on_day(value, day.date, tz, after=after)
        old = getattr(day, column)
        if old == new:
            return None
        setattr(day, column, new)
        return _moved(_LABELS[column], old, new)

    return step


def _location(session: Session, production: Production, name: str) -> Step:
    place = locations.location_named(session, production, name)
    known = session.scalars(
        select(Location.name).where(Location.production_id == production.id)
    ).all()
    if place is None:  # commas separate the parts: "Rosa's Diner, Stage 2" arrives without one
        wanted = _bare(name)
        named = [k for k in known if _bare(k) == wanted]
        place = locations.location_named(session, production, named[0]) if named else None
    if place is None:
        raise _Unreadable(
            f"no location called “{name}”; locations: {', '.join(sorted(known)) or 'none yet'}"
        )

    def step(day: ShootDay) -> Change | None:
        if day.location_id == place.id:
            return None
        before = day.location.crew_name if day.location else None
        day.location = place
        return Change("Location", "text", before, place.crew_name)

    return step


def _bare(name: str) -> str:
    return " ".join(name.replace(",", " ").lower().split())


def _department(session: Session, production: Production, day: ShootDay, part: str) -> Step:
    """`grip call 5:30`, `grips 5:30` or `grip +30` (minutes from general call)."""
    known = shoot_days.default_offsets(session, production) | (day.department_offsets or {})
    lowered = part.lower()
    for name in sorted(known, key=len, reverse=True):
        for typed in (name.lower() + "s", name.lower()):
            if lowered.startswith(typed + " "):
                value = _value(part[len(typed) :])
                value = _value(value[len("call") :]) if value.lower().startswith("call") else value
                if not value:
                    raise _Unreadable(f"no time for {name}")
                return _offset_step(production, day, name, value)
    raise _Unreadable()


def _offset_step(production: Production, day: ShootDay, name: str, value: str) -> Step:
    tz, relative = production.timezone, _OFFSET.match(value.replace(" ", ""))
    if relative is None and value.lower() not in _NONE:
        parse_on_day(value, day.date, tz)

    def step(day: ShootDay) -> Change | None:
        assert day.general_call is not None
        offsets = dict(day.department_offsets or {})
        before = day.general_call + timedelta(minutes=offsets.get(name, 0))
        if relative is None and value.lower() in _NONE:  # back to the general call
            if name not in offsets:
                return None
            del offsets[name]
            day.department_offsets = offsets
            return _moved(f"{name} call", before, day.general_call)
        if relative is not None:
            minutes = int(relative[2]) * (-1 if relative[1] == "-" else 1)
        else:
            after = day.general_call - timedelta(minutes=MAX_OFFSET)
            moment = parse_on_day(value, day.date, tz, after=after)
            minutes = int((moment - day.general_call).total_seconds() // 60)
        if abs(minutes) > MAX_OFFSET:
            raise InvalidInput(
                f"{name} can be called at most {MAX_OFFSET // 60} hours from general call."
            )
        if offsets.get(name) == minutes:
            return None
        offsets[name] = minutes
        day.department_offsets = offsets
        return _moved(f"{name} call", before, day.general_call + timedelta(minutes=minutes))

    return step


def _person(session: Session, production: Production, day: ShootDay, part: str) -> Step:
    person, rest = people.take(session, production, part)
    value = _value(rest)
    value = _value(value[len("call") :]) if value.lower().startswith("call") else value
    if person is None or not value:
        raise _Unreadable("type the person and their call, like `@pat call 5:15`")
    tz = production.timezone
    parse_on_day(value, day.date, tz)

    def step(day: ShootDay) -> Change | None:
        assert day.general_call is not None
        new = parse_on_day(value, day.date, tz, after=day.general_call - timedelta(hours=6))
        override = next((o for o in day.overrides if o.person_id == person.id), None)
        if override is None:
            override = CallOverride(person_id=person.id)
            day.overrides.append(override)
        if override.call_at == new and not override.off:
            return None
        old = None if override.off else override.call_at or _department_call(day, person)
        override.off, override.call_at = False, new
        return _moved(f"{person.name}'s call", old, new)

    return step


def _department_call(day: ShootDay, person: Person) -> datetime:
    """The call a person had from their department before an own call replaced it."""
    assert day.general_call is not None
    name = person.department.name if person.department else None
    return day.general_call + timedelta(minutes=(day.department_offsets or {}).get(name or "", 0))


def _moved(label: str, before: datetime | None, after: datetime | None) -> Change:
    """A time that moved, as the fact blocks word ("Lunch: 12:30 PM → 1:00 PM")."""
    return Change(label, "time", *(m.isoformat() if m else None for m in (before, after)))
