"""Notify for wrap: its events, turned into Block Kit and outbox rows."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.notify.registry import Subscribers
from bot.services.callsheets.events import DayPublished
from bot.services.wrap import meals
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay


def plan_meal_warnings(session: Session, published: DayPublished) -> None:
    """A published day starts its meal clock: warnings before and at the first meal's due time."""
    production = session.get(Production, published.production_id)
    day = session.get(ShootDay, published.day_id)
    if production is not None and day is not None:
        meals.plan_warnings(session, production, day, published.at)


SUBSCRIBERS: Subscribers = {DayPublished: plan_meal_warnings}
