"""The day in progress and who works it: what wrap, meals and the report share."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.store.models import Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay


def day_in_progress(
    session: Session, production: Production, now: datetime, doing: str = "to wrap"
) -> ShootDay:
    """The latest day whose call has come (an overnight shoot wraps on the next date);
    `doing` says what needs one, in the refusal."""
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
            f"No shoot day has started in the last 30 hours, so there is nothing {doing}."
        )
    return day


def working(session: Session, day: ShootDay) -> list[CallSheetRecipient]:
    """The people working the day as published."""
    return list(
        session.scalars(
            select(CallSheetRecipient).where(
                CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.working.is_(True)
            )
        )
    )
