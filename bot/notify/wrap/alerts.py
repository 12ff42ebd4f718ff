"""The coordinators' warnings: the meal clock, rentals due back, documents and uncovered days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.wrap import alerts
from bot.notify.registry import Subscribers
from bot.services.callsheets.events import DayPublished
from bot.services.wrap import documents, gear, meals
from bot.services.wrap.events import (
    DayUncovered,
    DocumentExpiring,
    GearReturnDue,
    MealDue,
    MealLate,
    MealStartedLate,
)
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay


def plan_meal_warnings(session: Session, published: DayPublished) -> None:
    """A published day starts its meal clock: warnings before and at the first meal's due time."""
    production = session.get(Production, published.production_id)
    day = session.get(ShootDay, published.day_id)
    if production is not None and day is not None:
        meals.plan_warnings(session, production, day, published.at)


def _to_office(
    session: Session,
    production_id: int,
    at: datetime,
    render: Callable[[Production], str],
    dedupe_key: str | None = None,
) -> None:
    """Post a line to the coordinators' channel, if the production has one."""
    production = session.get(Production, production_id)
    if production is not None and production.coordinators_channel_id:
        outbox.post_message(
            session,
            production.coordinators_channel_id,
            text=render(production),
            now=at,
            dedupe_key=dedupe_key,
        )


def meal_due(session: Session, event: MealDue) -> None:
    """Thirty minutes before the meal is due."""
    _to_office(
        session, event.production_id, event.at, lambda p: alerts.meal_due(event.due_at, p.timezone)
    )


def meal_late(session: Session, event: MealLate) -> None:
    """The meal time passed without a meal."""
    _to_office(
        session, event.production_id, event.at, lambda p: alerts.meal_late(event.due_at, p.timezone)
    )


def meal_started_late(session: Session, event: MealStartedLate) -> None:
    """A meal started late: the penalty estimate goes to the coordinators."""

    def render(production: Production) -> str:
        return alerts.meal_started_late(
            event.department,
            event.late_minutes,
            event.due_at,
            event.started_at,
            event.penalty,
            event.people,
            production.timezone,
            production.currency,
        )

    _to_office(session, event.production_id, event.at, render)


def gear_return_due(session: Session, event: GearReturnDue) -> None:
    """A rental due back tomorrow is still out."""
    item = gear.with_holder(session, event.item_id)
    if item is not None:
        _to_office(session, event.production_id, event.at, lambda _: alerts.return_due(item))


def document_expiring(session: Session, event: DocumentExpiring) -> None:
    """7 days and 1 day before a document expires."""
    document = documents.find(session, event.document_id)
    if document is not None:
        _to_office(
            session,
            event.production_id,
            event.at,
            lambda _: alerts.document_expiring(document, event.days),
        )


def day_uncovered(session: Session, event: DayUncovered) -> None:
    """A day at a location with no valid permit or agreement: told once per day and place.

    Checked again at commit: a permit added later in the same transaction (an import, the
    demo) covers the day, and then nobody is warned about it.
    """
    production = session.get(Production, event.production_id)
    if production is None or documents.covering(session, production, event.location, event.day):
        return
    _to_office(
        session,
        event.production_id,
        event.at,
        lambda _: alerts.day_uncovered(event.day, event.location),
        dedupe_key=f"uncovered:{event.day_id}:{event.location.lower()}",
    )


SUBSCRIBERS: Subscribers = {
    DayPublished: plan_meal_warnings,
    MealDue: meal_due,
    MealLate: meal_late,
    MealStartedLate: meal_started_late,
    GearReturnDue: gear_return_due,
    DocumentExpiring: document_expiring,
    DayUncovered: day_uncovered,
}
