"""Shuttle runs: a driver loops crew parking > basecamp > set every N minutes on a day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput
from bot.services.callsheets import shoot_days
from bot.services.core import people
from bot.services.logistics.events import ShuttleChanged
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_logistics import ShuttleRun, Vehicle
from bot.timeparse import TimeParseError, parse_day, parse_on_day

USAGE = (
    "Type `/transport shuttle thu every 15m 5:00a-8:00a Crew parking > Basecamp > Set "
    "@driver Van 2` (0m takes that route off the driver)."
)
_SHAPE = re.compile(r"^(\S+)\s+every\s+(\d+)\s*m(?:in)?\s+(\S+)\s*-\s*(\S+)\s+(.+)$", re.I)
_DRIVER = re.compile(r"\s(<@|@)")
MAX_DEPARTURES = 96  # every 5 min for 8 h: a longer loop is a typo


@dataclass(frozen=True)
class Shuttle:
    """A shuttle as run sheets, the listing and the export read it."""

    route: tuple[str, ...]
    departures: tuple[datetime, ...]
    every_minutes: int
    driver: str
    driver_user: str | None
    vehicle: str | None


def _route(text: str) -> tuple[str, ...]:
    stops = tuple(" ".join(s.split()) for s in text.replace("&gt;", ">").split(">"))
    if len(stops) < 2 or not all(stops) or len(stops) > 8 or any(len(s) > 60 for s in stops):
        raise InvalidInput(f"Name 2 to 8 stops joined by “>”, each up to 60 characters. {USAGE}")
    return stops


def set_shuttle(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> ShootDay:
    """`shuttle thu every 15m 5a-8a Crew parking > Basecamp > Set @gus [Van 2]`."""
    permissions.require(session, production, actor, "transport.edit")
    found = _SHAPE.match(" ".join(text.split()))
    cut = _DRIVER.search(found[5]) if found else None
    if not found or cut is None:
        raise InvalidInput(f"Say the day, how often, the hours, the stops and the driver. {USAGE}")
    tz, every = production.timezone, int(found[2])
    try:
        day = shoot_days.require_day(session, production, parse_day(found[1], tz, now))
        first = parse_on_day(found[3], day.date, tz)
        last = parse_on_day(found[4], day.date, tz, after=first)
    except TimeParseError as error:
        raise InvalidInput(f"{error} {USAGE}") from None
    route = " > ".join(_route(found[5][: cut.start()]))
    driver, vehicle = people.take(session, production, found[5][cut.start() :])
    if driver is None:
        raise InvalidInput(f"Mention the driver. {USAGE}")
    loops = (last - first) // timedelta(minutes=every) if every else 0
    if every and not (5 <= every <= 240 and loops < MAX_DEPARTURES):
        raise InvalidInput(f"Run every 5 to 240 minutes, at most {MAX_DEPARTURES} times. {USAGE}")
    _store(session, day, driver, route, (first, last, every, vehicle[:80] or None), now)
    return day


def _store(
    session: Session,
    day: ShootDay,
    driver: Person,
    route: str,
    plan: tuple[datetime, datetime, int, str | None],
    now: datetime,
) -> None:
    first, last, every, vehicle = plan
    run = session.scalar(
        select(ShuttleRun).where(
            ShuttleRun.shoot_day_id == day.id,
            ShuttleRun.driver_id == driver.id,
            ShuttleRun.route == route,
        )
    )
    if not every:
        if run is not None:
            session.delete(run)
    else:
        run = run or ShuttleRun(
            production_id=day.production_id, shoot_day_id=day.id, driver_id=driver.id, route=route
        )
        vehicle = vehicle or session.scalar(
            select(Vehicle.name).where(Vehicle.driver_id == driver.id).limit(1)
        )
        run.first_at, run.last_at, run.every_minutes, run.vehicle = first, last, every, vehicle
        session.add(run)
    session.flush()
    events.record(session, ShuttleChanged(now, day.production_id, day.id, driver.id))


def day_shuttles(session: Session, day: ShootDay, driver_id: int | None = None) -> list[Shuttle]:
    """A day's shuttles (one driver's, or everyone's) in order of first departure."""
    query = select(ShuttleRun).where(ShuttleRun.shoot_day_id == day.id)
    if driver_id is not None:
        query = query.where(ShuttleRun.driver_id == driver_id)
    found = []
    for run in session.scalars(query.order_by(ShuttleRun.first_at)):
        driver = session.get(Person, run.driver_id)
        assert driver is not None
        step, times = timedelta(minutes=run.every_minutes), [run.first_at]
        while times[-1] + step <= run.last_at:
            times.append(times[-1] + step)
        found.append(
            Shuttle(
                tuple(run.route.split(" > ")),
                tuple(times),
                run.every_minutes,
                driver.name,
                driver.slack_user_id,
                run.vehicle,
            )
        )
    return found


def drivers(session: Session, day: ShootDay) -> list[int]:
    """Who drives a shuttle on the day."""
    return list(
        session.scalars(select(ShuttleRun.driver_id).where(ShuttleRun.shoot_day_id == day.id))
    )
