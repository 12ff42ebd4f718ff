"""Days: how services name one (the same words blocks use), and which came before."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models_callsheet import ShootDay


def previous_day(session: Session, day: ShootDay) -> ShootDay | None:
    """The production's shoot day before `day` (turnaround and "after wrap" both need it)."""
    return session.scalar(
        select(ShootDay)
        .where(ShootDay.production_id == day.production_id, ShootDay.date < day.date)
        .order_by(ShootDay.date.desc())
        .limit(1)
    )


def day_title(on: date) -> str:
    """ "Fri Jun 12"."""
    return on.strftime("%a %b %-d")
