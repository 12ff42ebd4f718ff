"""Drivers' run sheets (the evening before) and the live pickup board (Picked up / late)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotFound
from bot.scheduler import schedule
from bot.services.callsheets import shoot_days
from bot.services.logistics import catering, shuttles
from bot.services.logistics.events import PickupStatusChanged, RunSheetDue
from bot.services.logistics.shuttles import Shuttle, day_shuttles
from bot.services.logistics.transport import day_pickups
from bot.store.models import Person, Production, ScheduledJob
from bot.store.models_callsheet import ShootDay
from bot.store.models_logistics import Pickup

JOB = "transport.runsheets"
LATE_CHOICES = (5, 10, 15, 20, 30, 45, 60)


@dataclass(frozen=True)
class Stop:
    """One pickup as a driver, a rider or the board reads it."""

    pickup_id: int
    at: datetime
    rider: str
    rider_user: str | None
    driver: str
    driver_user: str | None
    address: str
    vehicle: str | None
    status: str
    late_minutes: int | None


@dataclass(frozen=True)
class RunSheet:
    """A day's stops (one driver's, or everyone's for the board)."""

    production: str
    tz: str
    date: date
    day_id: int
    stops: tuple[Stop, ...]
    shuttles: tuple[Shuttle, ...] = ()


def stop(session: Session, pickup: Pickup) -> Stop:
    """The pickup as view data."""
    rider, driver = session.get(Person, pickup.rider_id), session.get(Person, pickup.driver_id)
    assert rider is not None and driver is not None
    return Stop(
        pickup.id,
        pickup.pickup_at,
        rider.name,
        rider.slack_user_id,
        driver.name,
        driver.slack_user_id,
        pickup.address,
        pickup.vehicle,
        pickup.status,
        pickup.late_minutes,
    )


def run_sheet(
    session: Session, production: Production, day: ShootDay, driver_id: int | None = None
) -> RunSheet:
    """A driver's stops in order (None: every driver's, for the board)."""
    stops = [
        stop(session, p)
        for p in day_pickups(session, day)
        if driver_id is None or p.driver_id == driver_id
    ]
    loops = tuple(day_shuttles(session, day, driver_id))
    return RunSheet(production.name, production.timezone, day.date, day.id, tuple(stops), loops)


def listing(
    session: Session, production: Production, actor: str, typed: str, now: datetime
) -> RunSheet:
    """`/transport [day]`: the day's pickups (tomorrow when none is named)."""
    permissions.require(session, production, actor, "transport.edit")
    on = catering.day_named(production, typed, now)
    return run_sheet(session, production, shoot_days.require_day(session, production, on))


def plan(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """A day with pickups or shuttles: run sheets go at the caterer's time the evening before."""
    busy = day_pickups(session, day) or shuttles.drivers(session, day)
    if day.date >= shoot_days.today(production, now) and busy:
        setup = catering.setup_of(session, production)
        when = max(catering.due_at(production, setup, day.date), now)
        schedule(session, JOB, f"runsheets:{day.id}", when, {"day_id": day.id})


def sheets_went(session: Session, day: ShootDay) -> bool:
    """Whether the day's evening run sheets have gone to the drivers."""
    job = session.scalar(select(ScheduledJob).where(ScheduledJob.key == f"runsheets:{day.id}"))
    return job is not None and job.status == "done"


def runsheets_job(session: Session, payload: dict, now: datetime) -> None:
    """Each driver with stops on the day gets their run sheet (the job runs once)."""
    day = session.get(ShootDay, payload["day_id"])
    if day is None:
        return
    driving = [p.driver_id for p in day_pickups(session, day)] + shuttles.drivers(session, day)
    for driver_id in dict.fromkeys(driving):
        events.record(session, RunSheetDue(now, day.production_id, day.id, driver_id))


def mark(
    session: Session, team_id: str, pickup_id: int, actor: str, late: int | None, now: datetime
) -> Pickup:
    """The driver (or a coordinator) taps Picked up (`late` None) or Running late (minutes)."""
    pickup = session.get(Pickup, pickup_id)
    production = session.get(Production, pickup.production_id) if pickup else None
    if pickup is None or production is None or production.team_id != team_id:
        raise NotFound("That pickup no longer exists.")
    person = permissions.require(session, production, actor, "transport.drive")
    if person.id != pickup.driver_id and not permissions.allowed(person, "transport.edit"):
        raise InvalidInput("That's someone else's pickup: only its driver can update it.")
    if late is not None and late not in LATE_CHOICES:
        raise InvalidInput("Pick from the list.")
    pickup.status = "picked_up" if late is None else "late"
    pickup.late_minutes, pickup.status_at = late, now
    session.flush()
    events.record(session, PickupStatusChanged(now, production.id, pickup.shoot_day_id, pickup.id))
    return pickup
