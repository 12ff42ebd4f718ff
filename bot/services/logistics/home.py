"""What App Home shows of logistics: a person's own pickups and travel; for coordinators,
tomorrow's catering count and pickups, and the rentals not back yet."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.services.callsheets import shoot_days
from bot.services.logistics.counts import count
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_logistics import Pickup, RentalPO, TravelItem

MAX_LINES = 8


def _at(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%a %b %-d %-I:%M %p")


def own(session: Session, production: Production, person: Person, now: datetime) -> list[str]:
    """The person's coming pickups and travel, one line each."""
    tz, today = production.timezone, shoot_days.today(production, now)
    lines = [
        f"Pickup {_at(p.pickup_at, tz)} at {p.address}"
        for p in session.scalars(
            select(Pickup)
            .join(ShootDay, ShootDay.id == Pickup.shoot_day_id)
            .where(Pickup.rider_id == person.id, ShootDay.date >= today)
            .order_by(Pickup.pickup_at)
            .limit(MAX_LINES)
        )
    ]
    for item in session.scalars(select(TravelItem).where(TravelItem.person_id == person.id)):
        if item.starts_at is not None and item.starts_at >= now:
            route = f"{item.origin} → {item.destination}"
            lines.append(
                f"{item.kind.title()} {item.details or ''} {route} {_at(item.starts_at, tz)}"
            )
        elif item.kind == "hotel" and item.end_on and item.end_on >= today:
            lines.append(f"Hotel {item.details} {item.start_on:%b %-d} → {item.end_on:%b %-d}")
    return [" ".join(line.split()) for line in lines[:MAX_LINES]]


def coordinators(
    session: Session, production: Production, person: Person, now: datetime
) -> list[str]:
    """Tomorrow's catering count and pickups, and rentals not back yet."""
    if not permissions.allowed(person, "catering.read"):
        return []
    lines = []
    tomorrow = shoot_days.day_on(
        session, production, shoot_days.today(production, now) + timedelta(days=1)
    )
    if tomorrow is not None:
        try:
            c = count(session, production, tomorrow)
            diets = ", ".join(f"{n} {kind}" for kind, n in c.diets)
            lines.append(f"Catering tomorrow: {c.total} people" + (f" ({diets})" if diets else ""))
        except InvalidInput:
            lines.append("Catering tomorrow: the call sheet isn't published yet")
        pickups = session.scalars(select(Pickup.id).where(Pickup.shoot_day_id == tomorrow.id))
        lines.append(f"Pickups tomorrow: {len(pickups.all())}")
    for po in session.scalars(
        select(RentalPO)
        .where(
            RentalPO.production_id == production.id,
            RentalPO.return_on >= shoot_days.today(production, now),
        )
        .order_by(RentalPO.return_on)
        .limit(MAX_LINES)
    ):
        lines.append(f"Rental PO-{po.number} {po.vendor}: back {po.return_on:%a %b %-d}")
    return lines
