"""/calltime: when and where someone (or a department) is called, as published."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.permissions import Member
from bot.services.callsheets import calendar, nightly, recipient_reads
from bot.services.callsheets.calltime_question import Question, read_question
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.person_day import PersonDay
from bot.services.core import productions
from bot.services.core.productions import ProductionView
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay

NO_SCHEDULE = "No schedule yet: no shoot days coming up. Your coordinator adds them: /callsheet."
GROUP_NAMES = 25  # names a department or day answer lists; the counts cover everyone


@dataclass(frozen=True)
class CallEntry:
    """One person's published call."""

    name: str
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
    def of(cls, day: ShootDay | recipient_reads.DayView) -> DayTold:
        """What the day's last revision told everyone."""
        told = day.published or {}
        if isinstance(told, str):  # a DayView's: JSON text
            told = json.loads(told)
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
    """The answer to /calltime: one person's day, a group's calls, or why there are none."""

    production: str
    tz: str
    subject: str
    day: DayTold | None = None
    entries: tuple[CallEntry, ...] = ()  # a group: the first GROUP_NAMES by call time
    message: str | None = None
    group: bool = False  # a department or the whole day: counts, then names
    person: PersonDay | None = None  # one person: everything they see
    call_at: datetime | None = None  # one person: their call
    shown: str | None = None  # one person: their day as drawn when it changed (JSON blocks)
    counts: tuple[tuple[datetime, int], ...] = ()  # a group: how many at each call time
    total: int = 0


def answer(
    session: Session, production: Production, asker: str, text: str, now: datetime
) -> CalltimeAnswer:
    """Answer /calltime [@person | department | all] [day]."""
    me = permissions.require(session, production, asker, "calltime.read")
    question = read_question(session, production, me, text, now)
    return _answer(session, production, question, question.person is me, now)


def answer_asked(
    session: Session, team_id: str, channel_id: str | None, user_id: str, text: str, now: datetime
) -> CalltimeAnswer:
    """`answer` for a request: the asker, the production and its next day (with the asker's
    view of it) in one query, then only what the question needs beyond them."""
    found = recipient_reads.asker_and_next_day(session, team_id, channel_id, user_id, now)
    if found is None:  # which production is unclear: resolved (or refused) as any command
        production, asker = productions.resolve_read(session, team_id, channel_id, user_id)
    else:
        production, asker, next_day = found
    me = permissions.require_read(production.name, asker, "calltime.read")
    question = read_question(session, production, me, text, now)
    mine = _is(question.person, me)
    if found is not None and question.on is None and (question.group or mine):
        return _answered(session, production, question, mine, next_day)  # read already
    return _answer(session, production, question, mine, now)


def _answer(
    session: Session,
    production: Production | ProductionView,
    question: Question,
    asked_self: bool,
    now: datetime,
) -> CalltimeAnswer:
    person = question.person if not question.group else None
    day = recipient_reads.day_and_view(session, production, person, question.on, now)
    return _answered(session, production, question, asked_self, day)


def _answered(
    session: Session,
    production: Production | ProductionView,
    question: Question,
    asked_self: bool,
    day: recipient_reads.DayView | None,
) -> CalltimeAnswer:
    said = functools.partial(CalltimeAnswer, production.name, production.timezone)
    if day is None:
        if question.on is not None:
            return said(question.subject, message=_day_off(session, production, question.on))
        return said(question.subject, message=NO_SCHEDULE)
    if day.revision == 0:
        unpublished = session.get(ShootDay, day.id)
        full = session.get(Production, production.id)
        assert unpublished is not None and full is not None
        when = nightly.publish_time_text(full, unpublished, session)
        return said(
            question.subject,
            message=(
                f"The call sheet for {day_title(day.date)} isn't out yet. It goes out at {when}."
            ),
        )
    if question.group:
        return _group(session, said, day, question)
    if day.told is None or day.call_at is None:
        who = "You're" if asked_self else f"{question.subject} is"
        return said(
            question.subject,
            DayTold.of(day),
            message=f"{who} not on the call sheet for {day_title(day.date)}.",
        )
    subject = "You" if asked_self else question.subject
    if day.view_blocks is not None:  # drawn when it changed: nothing to parse or draw
        told_day = DayTold(day.date, day.revision)
        return said(subject, told_day, call_at=day.call_at, shown=day.view_blocks)
    person = PersonDay.from_json(json.loads(day.told))
    return said(subject, DayTold.of(day), person=person, call_at=person.call_at)


def _group(
    session: Session,
    said: functools.partial[CalltimeAnswer],
    day: recipient_reads.DayView,
    question: Question,
) -> CalltimeAnswer:
    """A department's or the whole day's calls from the rows stored at publish: the counts by
    call time and the first names, each one indexed query whatever the crew size."""
    department = question.department.id if question.department is not None else None
    counts = recipient_reads.group_counts(session, day.id, department)
    if not counts:
        return said(
            question.subject,
            DayTold.of(day),
            message=f"No one in {question.subject} is on the call sheet for {day_title(day.date)}.",
            group=True,
        )
    first = recipient_reads.group_first(session, day.id, department, GROUP_NAMES)
    entries = tuple(
        CallEntry(name or "", at, confirmed is not None and confirmed >= revision)
        for name, at, revision, confirmed in first
    )
    return said(
        question.subject,
        DayTold.of(day),
        entries,
        group=True,
        counts=tuple((at, n) for at, n in counts),
        total=sum(n for _, n in counts),
    )


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


def _is(person: Person | Member | None, me: Member) -> bool:
    """Whether the person asked about is the asker (read once as a row, once as an entry)."""
    return person is not None and person.id == me.id
