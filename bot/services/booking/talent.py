"""Talent on the call sheet: a cast booking's character, status, fitting and rehearsal for a day,
and the day from which a released booking takes a person off later sheets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import Production
from bot.store.models_booking import Booking


@dataclass(frozen=True)
class Talent:
    """What a cast booking puts on one day's sheet."""

    character: str | None
    status: str | None  # the booking's W/SW/WF/SWF/H, on its own days only
    remarks: str  # "Fitting 2:00 PM; Rehearsal 4:00 PM", when they fall on the day


def on_day(session: Session, production: Production, on: date) -> dict[int, Talent]:
    """Person id -> their confirmed cast booking's part in the day (booked days or times)."""
    zone = ZoneInfo(production.timezone)
    found: dict[int, Talent] = {}
    for booking in session.scalars(
        select(Booking)
        .where(
            Booking.production_id == production.id,
            Booking.status == "confirmed",
            Booking.character.is_not(None),
        )
        .order_by(Booking.id)
    ):
        times = [
            f"{label} {_clock(at.astimezone(zone))}"
            for label, at in (("Fitting", booking.fitting_at), ("Rehearsal", booking.rehearsal_at))
            if at is not None and at.astimezone(zone).date() == on
        ]
        booked = booking.first_day <= on <= booking.last_day
        if booked or times:
            status = booking.cast_status if booked else None
            found[booking.person_id] = Talent(booking.character, status, "; ".join(times))
    return found


def _clock(at: datetime) -> str:
    return f"{at:%-I:%M %p}"


def released_after(session: Session, production: Production) -> dict[int, date]:
    """Person id -> the last day a release left them on (its local date), for people whose
    every booking on the production is released: later sheets leave them off, earlier stay."""
    zone = ZoneInfo(production.timezone)
    rows = session.execute(
        select(Booking.person_id, Booking.status, Booking.released_at).where(
            Booking.production_id == production.id
        )
    ).all()
    confirmed = {person_id for person_id, status, _ in rows if status == "confirmed"}
    last: dict[int, date] = {}
    for person_id, status, released_at in rows:
        if status == "released" and released_at is not None and person_id not in confirmed:
            day = released_at.astimezone(zone).date()
            last[person_id] = max(day, last.get(person_id, day))
    return last
