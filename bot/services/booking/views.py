"""Plain view data of checks, holds and bookings, for blocks (which never see the database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.booking.clash import span
from bot.store.models import Production
from bot.store.models_booking import AvailAnswer, AvailCheck, Booking, Hold


@dataclass(frozen=True)
class AnswerView:
    """One candidate on a tally."""

    id: int
    name: str
    slack_user_id: str | None
    email: str | None
    phone: str | None
    answer: str
    days: tuple[date, ...]
    note: str | None
    held: bool


@dataclass(frozen=True)
class CheckView:
    """An avail check with its production and dates."""

    id: int
    production: str
    position: str
    first_day: date
    last_day: date
    answers: tuple[AnswerView, ...] = ()

    @property
    def dates(self) -> str:
        """ "Jun 14-16"."""
        return span(self.first_day, self.last_day)


@dataclass(frozen=True)
class HoldView:
    """A hold as the person or a coordinator sees it."""

    id: int
    production: str
    name: str
    position: str
    dates: str
    rank: int
    deadline_at: datetime | None
    challenged_by: str | None
    status: str


@dataclass(frozen=True)
class BookingView:
    """A booking; `rate` etc. are None unless the viewer may see them."""

    id: int
    production: str
    slack_user_id: str
    name: str
    position: str
    department: str | None
    dates: str
    first_day: date
    currency: str
    rate: Decimal | None = None
    rate_unit: str | None = None
    kit_rental: Decimal | None = None
    overtime: str | None = None
    character: str | None = None
    cast_status: str | None = None
    fitting_at: datetime | None = None
    rehearsal_at: datetime | None = None


def check_view(session: Session, check: AvailCheck, answers: list[AvailAnswer]) -> CheckView:
    """The tally's data."""
    production = session.get(Production, check.production_id)
    assert production is not None
    held = {a.slack_user_id for a in answers if a.slack_user_id} & _held_by(session, check)
    return CheckView(
        check.id,
        production.name,
        check.position,
        check.first_day,
        check.last_day,
        tuple(
            AnswerView(
                a.id,
                a.name,
                a.slack_user_id,
                a.email,
                a.phone,
                a.answer,
                tuple(date.fromisoformat(d) for d in a.days or []),
                a.note,
                a.slack_user_id in held,
            )
            for a in answers
        ),
    )


def _held_by(session: Session, check: AvailCheck) -> set[str]:
    return set(
        session.scalars(
            select(Hold.slack_user_id).where(
                Hold.production_id == check.production_id,
                Hold.status.in_(("active", "booked")),
                Hold.first_day <= check.last_day,
                Hold.last_day >= check.first_day,
            )
        )
    )


def hold_view(session: Session, hold: Hold) -> HoldView:
    """A hold's data."""
    production = session.get(Production, hold.production_id)
    assert production is not None
    return HoldView(
        hold.id,
        production.name,
        hold.name,
        hold.position,
        span(hold.first_day, hold.last_day),
        hold.rank,
        hold.deadline_at,
        hold.challenged_by,
        hold.status,
    )


def booking_view(session: Session, booking: Booking, name: str, with_rate: bool) -> BookingView:
    """A booking's data; the deal only when `with_rate` (the permission check's answer)."""
    production = session.get(Production, booking.production_id)
    assert production is not None
    deal = (
        {
            "rate": booking.rate,
            "rate_unit": booking.rate_unit,
            "kit_rental": booking.kit_rental,
            "overtime": booking.overtime,
        }
        if with_rate
        else {}
    )
    return BookingView(
        booking.id,
        production.name,
        booking.slack_user_id,
        name,
        booking.position,
        booking.department,
        span(booking.first_day, booking.last_day),
        booking.first_day,
        production.currency,
        character=booking.character,
        cast_status=booking.cast_status,
        fitting_at=booking.fitting_at,
        rehearsal_at=booking.rehearsal_at,
        **deal,
    )
