"""Transport: vehicles and drivers, and pickups (who, from where, when, by whom).

A pickup also sets the rider's pickup time on the call sheet (their CallOverride), so the
call-sheet DM shows it. Changed after the day is published, it tells the rider and the driver
only, and stores what the rider was told, so the next publish does not tell them again.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput
from bot.services.callsheets import shoot_days
from bot.services.core import people
from bot.services.core.text import within
from bot.services.logistics.events import PickupChanged
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallOverride, CallSheetRecipient, ShootDay
from bot.store.models_logistics import Pickup, Vehicle
from bot.timeparse import TimeParseError, parse_day, parse_on_day

USAGE = (
    "Type `/transport vehicle Van 1 @driver`, `/transport shuttle thu every 15m 5a-8a "
    "Crew parking > Basecamp > Set @driver`, "
    "`/transport pickup fri @rider 5:45a @driver 12 Elm St, Los Angeles` or `/transport [day]`."
)
_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def add_vehicle(session: Session, production: Production, actor: str, text: str) -> Vehicle:
    """`vehicle Van 1 @gus`: a vehicle and its driver (the same name again changes the driver)."""
    permissions.require(session, production, actor, "transport.edit")
    match = re.search(r"\s(<@[UW][A-Z0-9]+(?:\|[^>]*)?>)\s*$", " " + text.strip())
    name = text.strip()[: match.start() - 1].strip() if match else text.strip()
    if not name or len(name) > 80:
        raise InvalidInput(f"Name the vehicle (up to 80 characters). {USAGE}")
    driver = people.one(session, production, match[1]) if match else None
    vehicle = session.scalar(
        select(Vehicle).where(
            Vehicle.production_id == production.id, func.lower(Vehicle.name) == name.lower()
        )
    ) or Vehicle(production_id=production.id, name=name)
    vehicle.driver_id = driver.id if driver else None
    session.add(vehicle)
    session.flush()
    return vehicle


def _take(session: Session, production: Production, text: str, who: str) -> tuple[Person, str]:
    person, rest = people.take(session, production, text)
    if person is None:
        raise InvalidInput(f"Mention the {who}. {USAGE}")
    return person, rest


def set_pickup(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> Pickup:
    """`pickup fri @pat 5:45a @gus 12 Elm St`: plan (or change) the rider's pickup."""
    permissions.require(session, production, actor, "transport.edit")
    word, _, rest = text.strip().partition(" ")
    tz = production.timezone
    try:
        day = shoot_days.require_day(session, production, parse_day(word, tz, now))
        rider, rest = _take(session, production, rest, "rider")
        clock, _, rest = rest.partition(" ")
        at = parse_on_day(clock, day.date, tz)
    except TimeParseError as error:
        raise InvalidInput(f"{error} {USAGE}") from None
    driver, address = _take(session, production, rest, "driver")
    address = within(" ".join(address.split()), 300, "address")
    if not address:
        raise InvalidInput(f"Say where to pick them up. {USAGE}")
    return _store(session, production, day, (rider, driver, at, address), now)


def _store(
    session: Session,
    production: Production,
    day: ShootDay,
    plan: tuple[Person, Person, datetime, str],
    now: datetime,
) -> Pickup:
    rider, driver, at, address = plan
    pickup = session.scalar(
        select(Pickup).where(Pickup.shoot_day_id == day.id, Pickup.rider_id == rider.id)
    )
    before = (pickup.driver_id, pickup.pickup_at, pickup.address) if pickup else None
    pickup = pickup or Pickup(production_id=production.id, shoot_day_id=day.id, rider_id=rider.id)
    vehicle = session.scalar(select(Vehicle.name).where(Vehicle.driver_id == driver.id).limit(1))
    pickup.driver_id, pickup.pickup_at, pickup.address = driver.id, at, address
    pickup.vehicle, pickup.status, pickup.late_minutes = vehicle, "planned", None
    session.add(pickup)
    _on_sheet(session, day, rider, at)
    session.flush()
    if day.revision and before != (driver.id, at, address):
        old = before[0] if before and before[0] != driver.id else None
        events.record(session, PickupChanged(now, production.id, pickup.id, old))
    return pickup


def _on_sheet(session: Session, day: ShootDay, rider: Person, at: datetime) -> None:
    """The rider's pickup time on the call sheet; once published, what they were told too."""
    override = next((o for o in day.overrides if o.person_id == rider.id), None)
    if override is None:
        override = CallOverride(person_id=rider.id)
        day.overrides.append(override)
    override.pickup_at = at
    told = session.scalar(
        select(CallSheetRecipient).where(
            CallSheetRecipient.shoot_day_id == day.id, CallSheetRecipient.person_id == rider.id
        )
    )
    if told is not None and told.working:
        told.told = {**told.told, "pickup": at.isoformat()}  # this DM is their revision


def day_pickups(session: Session, day: ShootDay) -> list[Pickup]:
    """A day's pickups in time order."""
    return list(
        session.scalars(
            select(Pickup).where(Pickup.shoot_day_id == day.id).order_by(Pickup.pickup_at)
        )
    )


def day_of(session: Session, pickup: Pickup) -> ShootDay:
    """The shoot day a pickup belongs to."""
    day = session.get(ShootDay, pickup.shoot_day_id)
    assert day is not None
    return day
