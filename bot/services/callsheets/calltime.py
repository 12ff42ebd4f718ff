"""/calltime: when and where someone (or a department) is called, as published."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput, NotFound
from bot.permissions import member
from bot.services.callsheets import calendar, nightly, shoot_days
from bot.services.callsheets.dates import day_title
from bot.services.core import people as crew_people
from bot.store.models import Department, Person, Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from bot.timeparse import TimeParseError, parse_day

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
USAGE = "Try `/calltime`, `/calltime fri`, `/calltime @gus` or `/calltime grip`."


@dataclass(frozen=True)
class CallEntry:
    """One person's published call."""

    name: str
    department: str | None
    call_at: datetime
    confirmed: bool


@dataclass(frozen=True)
class DayTold:
    """A published day as the crew were last told it."""

    date: date
    revision: int
    shooting_call: datetime | None = None
    location: str | None = None
    address: str | None = None
    parking: str | None = None

    @classmethod
    def of(cls, day: ShootDay) -> DayTold:
        """What the day's last revision told everyone."""
        told = day.published or {}
        shooting = told.get("shooting_call")
        return cls(
            day.date,
            day.revision,
            datetime.fromisoformat(shooting) if shooting else None,
            told.get("location"),
            told.get("address"),
            told.get("parking"),
        )


@dataclass(frozen=True)
class CalltimeAnswer:
    """The answer to /calltime: calls on a day, or a sentence saying why there are none."""

    production: str
    tz: str
    subject: str
    day: DayTold | None = None
    entries: tuple[CallEntry, ...] = ()
    message: str | None = None
    group: bool = False  # a department: always listed by name


@dataclass(frozen=True)
class _Question:
    people: list[Person] | None  # None: "me"
    subject: str
    on: date | None
    group: bool = False


def answer(
    session: Session, production: Production, asker: str, text: str, now: datetime
) -> CalltimeAnswer:
    """Answer /calltime [@person | department | day]."""
    permissions.require(session, production, asker, "calltime.read")
    question = _read(session, production, asker, text, now)
    said = functools.partial(CalltimeAnswer, production.name, production.timezone)
    if question.on is not None:
        day = shoot_days.day_on(session, production, question.on)
        if day is None:
            return said(question.subject, message=_day_off(session, production, question.on))
    else:
        day = shoot_days.next_shoot_day(session, production, now)
        if day is None:
            return said(
                question.subject,
                message=(
                    "No schedule yet: there are no shoot days coming up. "
                    "Your coordinator adds them with /callsheet."
                ),
            )
    if day.revision == 0:
        when = nightly.publish_time_text(production, day, session)
        return said(
            question.subject,
            message=(
                f"The call sheet for {day_title(day.date)} isn't out yet. It goes out at {when}."
            ),
        )
    people = question.people
    if people is None:
        me = member(session, production, asker)
        people = [me] if me else []
    entries = _entries(session, day, people)
    if not entries:
        who = "You're" if question.people is None else f"{question.subject} is"
        if question.group:
            who = f"No one in {question.subject} is"
        return said(
            question.subject,
            DayTold.of(day),
            message=(f"{who} not on the call sheet for {day_title(day.date)}."),
        )
    return said(question.subject, DayTold.of(day), tuple(entries), group=question.group)


def _read(
    session: Session, production: Production, asker: str, text: str, now: datetime
) -> _Question:
    words = text.strip()
    named, after = crew_people.take(session, production, words)
    if named is not None:
        return _Question([named], named.name, _day(after, production, now))
    mention = _MENTION.search(words)
    if mention:
        person = member(session, production, mention[1])
        if person is None:
            raise NotFound(f"That person isn't on {production.name}'s crew list.")
        rest = _MENTION.sub("", words).strip()
        return _Question([person], person.name, _day(rest, production, now))
    if not words:
        return _Question(None, "You", None)
    department, rest = _department(session, production, words)
    if department is not None:
        people = list(
            session.scalars(
                select(Person).where(
                    Person.production_id == production.id, Person.department_id == department.id
                )
            )
        )
        return _Question(people, department.name, _day(rest, production, now), group=True)
    return _Question(None, "You", _day(words, production, now, strict=True))


def _department(
    session: Session, production: Production, words: str
) -> tuple[Department | None, str]:
    first, _, rest = words.partition(" ")
    departments = session.scalars(
        select(Department).where(Department.production_id == production.id)
    ).all()
    for candidate in (words.lower(), first.lower()):
        for department in departments:
            if department.name.lower() == candidate:
                return department, "" if candidate == words.lower() else rest
    return None, words


def _day(text: str, production: Production, now: datetime, strict: bool = False) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_day(text, production.timezone, now)
    except TimeParseError as error:
        raise InvalidInput(f"I can't read “{text}”. {USAGE}" if strict else str(error)) from error


def _day_off(session: Session, production: Production, on: date) -> str:
    later = session.scalar(
        select(ShootDay)
        .where(
            ShootDay.production_id == production.id,
            ShootDay.date > on,
        )
        .order_by(ShootDay.date)
        .limit(1)
    )
    after = f" Next shoot day: {day_title(later.date)}." if later else ""
    return f"{day_title(on)} is a day off — no shoot scheduled.{after}"


def _entries(session: Session, day: ShootDay, people: list[Person]) -> list[CallEntry]:
    wanted = {p.id: p for p in people}
    if not wanted:
        return []
    records = session.scalars(
        select(CallSheetRecipient).where(
            CallSheetRecipient.shoot_day_id == day.id,
            CallSheetRecipient.person_id.in_(wanted),
            CallSheetRecipient.working.is_(True),
        )
    )
    entries = [
        CallEntry(
            wanted[r.person_id].name,
            wanted[r.person_id].department.name if wanted[r.person_id].department else None,
            datetime.fromisoformat(r.told["call"]),
            r.confirmed,
        )
        for r in records
    ]
    return sorted(entries, key=lambda e: (e.call_at, e.name))


def calendar_link(
    session: Session, production: Production, asker: str, verb: str, base_url: str, now: datetime
) -> str:
    """/calltime subscribe | unsubscribe: the person's private calendar URL."""
    person = permissions.require(session, production, asker, "calltime.subscribe")
    if verb == "unsubscribe":
        count = calendar.revoke(session, person, now)
        return (
            "Your calendar link is turned off."
            if count
            else "You had no calendar link to turn off."
        )
    if not base_url:
        raise InvalidInput(
            "Calendar links need Slate's public address (SLATE_PUBLIC_URL). "
            "Ask your coordinator for an .ics file: `slate export ical`."
        )
    renew = verb == "subscribe new"
    feed = (calendar.rotate if renew else calendar.subscribe)(session, person, now)
    return (
        ("Your old calendar link no longer works. " if renew else "")
        + f"Your private calendar of calls: {base_url.rstrip('/')}/ical/{feed.token}.ics — "
        "add it to your calendar app as a subscription; revisions update it. "
        "Keep it to yourself; `/calltime subscribe new` replaces it if it got out, "
        "`/calltime unsubscribe` turns it off."
    )
