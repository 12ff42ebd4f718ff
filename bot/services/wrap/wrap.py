"""Wrap: record it, and gather each person's one list of what is open for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import shoot_days
from bot.services.money import expenses, payroll
from bot.services.wrap import gear
from bot.services.wrap.days import day_in_progress, working
from bot.services.wrap.events import WrapRecorded, WrapReminderDue
from bot.services.wrap.views import LooseEnds
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_tasks import Task
from bot.timeparse import TimeParseError, parse_on_day


@dataclass(frozen=True)
class Wrapped:
    """What /wrap did."""

    day: date
    wrap_at: datetime
    told: int
    corrected: bool


def record(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> Wrapped:
    """`/wrap` (now) or `/wrap 19:42`: record it; the crew hears and gets their loose ends."""
    permissions.require(session, production, actor, "wrap.record")
    day = day_in_progress(session, production, now)
    assert day.general_call is not None
    when = now.replace(second=0, microsecond=0)
    if text.strip():
        when = _wrap_time(text, day, production.timezone, now)
    if when <= day.general_call:
        raise InvalidInput("Wrap can't be before call. Type the time wrap was called.")
    if when > now + timedelta(minutes=5):
        raise InvalidInput(
            "That wrap time hasn't come yet. To be reminded, type `/wrap remind 7p`."
        )
    corrected = day.wrap_at is not None
    day.wrap_at = when
    shoot_days.reschedule_autopublish(session, production)  # "2h after wrap" settings
    recipients = tuple(
        r.person.slack_user_id for r in working(session, day) if r.person.slack_user_id
    )
    events.record(
        session,
        WrapRecorded(
            at=now,
            production_id=production.id,
            day_id=day.id,
            wrap_at=when,
            corrected=corrected,
            recipients=recipients,
        ),
    )
    return Wrapped(day.date, when, len(recipients), corrected)


def _wrap_time(text: str, day: ShootDay, tz: str, now: datetime) -> datetime:
    """The typed time on the shoot day; past midnight only when that has already happened."""
    assert day.general_call is not None
    try:
        when = parse_on_day(text, day.date, tz)
        if when <= day.general_call:
            later = parse_on_day(text, day.date, tz, after=day.general_call)
            when = later if later <= now + timedelta(minutes=5) else when
    except TimeParseError as error:
        raise InvalidInput(f"{error} Type `/wrap` for now, or `/wrap 19:42`.") from error
    return when


def loose_ends(session: Session, production: Production, slack_id: str) -> LooseEnds:
    """What a person still has open: gear, receipts, tasks, paperwork."""
    open_tasks = session.scalars(
        select(Task.what).where(
            Task.production_id == production.id,
            Task.assignee == slack_id,
            Task.status.in_(("assigned", "accepted")),
        )
    )
    person = permissions.member(session, production, slack_id)
    return LooseEnds(
        currency=production.currency,
        gear=tuple(gear.info(item, {}) for item in gear.out(session, production, slack_id)),
        receipts=tuple(
            (e.number, e.amount) for e in expenses.missing_receipts(session, production, slack_id)
        ),
        tasks=tuple(open_tasks),
        paperwork=tuple(payroll.missing_paperwork(session, person) if person else ()),
    )


def remind(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> datetime:
    """`/wrap remind 7p`: remind the coordinator to call wrap at a planned time."""
    permissions.require(session, production, actor, "wrap.record")
    day = day_in_progress(session, production, now)
    try:
        when = parse_on_day(text, day.date, production.timezone, after=now)
    except TimeParseError as error:
        raise InvalidInput(f"{error} Type `/wrap remind 7p`.") from error
    schedule(
        session,
        "wrap.reminder",
        f"wrap:{day.id}:remind:{actor}",
        when,
        {"actor": actor, "day_id": day.id},
    )
    return when


def reminder_job(session: Session, payload: dict, now: datetime) -> None:
    """The planned wrap time has come: nudge the coordinator unless wrap is recorded."""
    day = session.get(ShootDay, payload["day_id"])
    if day is not None and day.wrap_at is None:
        events.record(
            session, WrapReminderDue(at=now, day_id=day.id, day=day.date, actor=payload["actor"])
        )
