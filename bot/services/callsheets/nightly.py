"""The nightly post: when each day's sheet goes out by itself, kept in the scheduler."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.scheduler import move as move_job
from bot.scheduler import schedule as schedule_job
from bot.services.callsheets.dates import previous_day
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay

DEFAULT_PUBLISH_TIME = "18:00"


def publish_time(production: Production, day: ShootDay, session: Session | None = None) -> datetime:
    """When the day's sheet goes out by itself: a local time the evening before, or
    ("+2h" settings) that long after the previous shoot day's wrap, recorded or estimated."""
    setting = production.settings.get("callsheet_publish_time", DEFAULT_PUBLISH_TIME)
    if setting.startswith("+") and session is not None:
        before = previous_day(session, day)
        wrap = before and (before.wrap_at or before.estimated_wrap)
        if wrap is not None:
            return wrap + timedelta(minutes=int(setting[1:]))
    if setting.startswith("+"):
        setting = DEFAULT_PUBLISH_TIME
    hour, minute = (int(p) for p in setting.split(":"))
    local = datetime.combine(day.date - timedelta(days=1), time(hour, minute))
    return local.replace(tzinfo=ZoneInfo(production.timezone))


def publish_time_text(production: Production, day: ShootDay, session: Session) -> str:
    """When the day goes out, as crew read it: "6:00 PM on Thu"."""
    moment = publish_time(production, day, session).astimezone(ZoneInfo(production.timezone))
    return moment.strftime("%-I:%M %p on %a")


def schedule_autopublish(session: Session, production: Production, day: ShootDay) -> None:
    """Plan (or move) the day's automatic publication."""
    schedule_job(
        session,
        "callsheet.autopublish",
        f"autopublish:{day.id}",
        publish_time(production, day, session),
        {"day_id": day.id},
    )


def reschedule_autopublish(session: Session, production: Production) -> None:
    """Move every still-pending automatic publication (after a settings change)."""
    days = session.scalars(select(ShootDay).where(ShootDay.production_id == production.id))
    for day in days:
        move_job(session, f"autopublish:{day.id}", publish_time(production, day, session))
