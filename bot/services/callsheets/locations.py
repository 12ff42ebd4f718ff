"""Locations: one row per place, shared by the days shot there, and a day's own copy."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import FieldErrors, InvalidInput
from bot.services.callsheets.day_forms import LocationForm, coordinate
from bot.services.core.text import within
from bot.store.models import Production
from bot.store.models_callsheet import Location, ShootDay

_PLACE_KEYS = (
    "address",
    "parking",
    "basecamp",
    "hospital_name",
    "hospital_address",
    "hospital_phone",
    "crew_parking",
)


def place(
    session: Session,
    production: Production,
    form: LocationForm,
    day: ShootDay,
    scope: str | None,
) -> Location:
    """The location the form names, created or updated; a shared one's edit asks first."""
    name = " ".join(form.name.split())
    found = FieldErrors()
    if not name:
        found.add("location_name", "Name the location.")
    found.take(within, name, 120, "location_name")
    found.take(within, form.hospital_name, 200, "location_hospital")
    found.take(within, form.hospital_phone, 40, "location_hospital")
    values: dict[str, object] = {k: v.strip() for k in _PLACE_KEYS if (v := getattr(form, k))}
    for key in ("latitude", "longitude"):
        if value := getattr(form, key):
            values[key] = found.take(coordinate, key, value)
    found.check()  # every wrong location field at once, before any row is made
    location = location_named(session, production, name)
    if location is None:
        location = Location(production_id=production.id, name=name)
        session.add(location)
    changed = any(getattr(location, k) != v for k, v in values.items())
    others = other_days_at(session, location, day) if changed and location.id else 0
    if others and scope not in ("this", "all"):
        days = f"{others} other shoot day{'s' if others != 1 else ''}"
        if day.location_id != location.id:  # the form offered no choice for another place
            raise InvalidInput(
                f"{location.name} is on {days} with other details. Keep its details, or "
                "name this place differently.",
                field="location_name",
            )
        raise InvalidInput(
            f"{name} is on {days}: choose whether your change is for only this day or all of them.",
            field="location_scope",
        )
    if others and scope == "this":
        location = _own_copy(session, production, location, day)
    for key, value in values.items():
        setattr(location, key, value)
    return location


def location_named(session: Session, production: Production, name: str) -> Location | None:
    """The production's location of that name (any case)."""
    return session.scalar(
        select(Location).where(
            Location.production_id == production.id,
            func.lower(Location.name) == " ".join(name.split()).lower(),
        )
    )


def other_days_at(session: Session, location: Location, day: ShootDay) -> int:
    """How many shoot days besides `day` point at `location`."""
    query = select(func.count()).where(ShootDay.location_id == location.id)
    if day.id is not None:
        query = query.where(ShootDay.id != day.id)
    return session.scalar(query) or 0


def _own_copy(
    session: Session, production: Production, shared: Location, day: ShootDay
) -> Location:
    """This day's own copy of a shared location (each day still points at one Location)."""
    base = f"{shared.name[:100]} ({day.date:%-m/%-d})"
    name, number = base, 1
    while location_named(session, production, name) is not None:
        number += 1
        name = f"{base} {number}"
    copy = Location(production_id=production.id, name=name, shown_name=shared.crew_name)
    for key in (*_PLACE_KEYS, "latitude", "longitude"):
        setattr(copy, key, getattr(shared, key))
    session.add(copy)
    return copy


def stale_days(session: Session, location: Location, day: ShootDay) -> list[ShootDay]:
    """Published days (besides `day`) at `location` whose crew were told something else."""
    found = session.scalars(
        select(ShootDay)
        .where(ShootDay.location_id == location.id, ShootDay.revision > 0)
        .order_by(ShootDay.date)
    )
    return [
        other
        for other in found
        if other.id != day.id
        and other.published
        and any(
            key in other.published and other.published[key] != getattr(location, key)
            for key in ("address", "parking", "basecamp")
        )
    ]
