"""Wrap: record it, tell the crew, and give each person one list of what is open for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.common import clock, day_title, section
from bot.blocks.escape import escape
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import publishing, shoot_days
from bot.services.core.productions import member, require_coordinator
from bot.services.money import expenses, payroll
from bot.services.money.amounts import show
from bot.services.wrap import daily_report, gear
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_tasks import Task
from bot.timeparse import TimeParseError, parse_on_day


@dataclass
class Wrapped:
    """What /wrap did."""

    day: ShootDay
    told: int
    corrected: bool


def day_in_progress(session: Session, production: Production, now: datetime) -> ShootDay:
    """The latest day whose call has come (an overnight shoot wraps on the next date)."""
    day = session.scalar(
        select(ShootDay)
        .where(
            ShootDay.production_id == production.id,
            ShootDay.general_call <= now,
            ShootDay.general_call > now - timedelta(hours=30),
        )
        .order_by(ShootDay.general_call.desc())
        .limit(1)
    )
    if day is None:
        raise InvalidInput(
            "No shoot day has started in the last 30 hours, so there is nothing to wrap."
        )
    return day


def record(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> Wrapped:
    """`/wrap` (now) or `/wrap 19:42`: record it, post it, DM each person their loose ends."""
    require_coordinator(session, production, actor)
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
    daily_report.draft(session, production, day, now)
    shoot_days.reschedule_autopublish(session, production)  # "2h after wrap" settings
    tz = production.timezone
    if not corrected and production.crew_channel_id:
        outbox.post_message(
            session,
            production.crew_channel_id,
            now=now,
            text=(
                f":clapper: That's a wrap on {day_title(day.date)} at {clock(when, tz)}. Thank you!"
            ),
        )
    told = 0
    for record in publishing.recipients(session, day):
        slack_id = record.person.slack_user_id
        if slack_id:
            lines = loose_ends(session, production, slack_id)
            outbox.post_message(
                session,
                slack_id,
                now=now,
                dedupe_key=f"wrap:{day.id}:{slack_id}",
                text=f"Wrapped {day_title(day.date)}. "
                + (
                    "Before you go: " + "; ".join(lines)
                    if lines
                    else "Nothing open for you. Rest well."
                ),
                blocks=_wrap_blocks(day, lines),
            )
            told += 1
    return Wrapped(day, told, corrected)


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


def loose_ends(session: Session, production: Production, slack_id: str) -> list[str]:
    """What a person still has open: gear, receipts, tasks."""
    lines = [f"return {gear.describe(item)}" for item in gear.out(session, production, slack_id)]
    lines += [
        f"receipt for expense #{e.number} ({show(e.amount, production.currency)}): DM me a photo"
        for e in expenses.missing_receipts(session, production, slack_id)
    ]
    open_tasks = session.scalars(
        select(Task).where(
            Task.production_id == production.id,
            Task.assignee == slack_id,
            Task.status.in_(("assigned", "accepted")),
        )
    )
    lines += [f"task: {escape(t.what[:120])}" for t in open_tasks]
    person = member(session, production, slack_id)
    missing = payroll.missing_paperwork(session, person) if person else []
    if missing:
        lines.append("paperwork to hand in: " + ", ".join(missing))
    return lines


def _wrap_blocks(day: ShootDay, lines: list[str]) -> list:
    if not lines:
        return [
            section(f":clapper: Wrapped {day_title(day.date)}. Nothing open for you. Rest well.")
        ]
    return [
        section(
            f":clapper: Wrapped {day_title(day.date)}. Before you go:\n"
            + "\n".join(f"• {line}" for line in lines)
        )
    ]


def remind(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> datetime:
    """`/wrap remind 7p`: remind the coordinator to call wrap at a planned time."""
    require_coordinator(session, production, actor)
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
    if day is None or day.wrap_at is not None:
        return
    outbox.post_message(
        session,
        payload["actor"],
        now=now,
        text=(
            f"It's the planned wrap time for {day_title(day.date)}. When wrap is called, "
            "type `/wrap` (or `/wrap 19:42`)."
        ),
    )
