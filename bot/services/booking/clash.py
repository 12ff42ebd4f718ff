"""No double booking: a person confirmed for a day anywhere in the workspace is not booked again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.store.models import Production
from bot.store.models_booking import Booking


def span(first: date, last: date) -> str:
    """ "Jun 14-16", "Jun 30-Jul 2" or "Jun 14"."""
    if first == last:
        return f"{first:%b} {first.day}"
    tail = (
        f"{last.day}"
        if (first.year, first.month) == (last.year, last.month)
        else (f"{last:%b} {last.day}")
    )
    return f"{first:%b} {first.day}-{tail}"


def confirmed_over(
    session: Session, team_id: str, slack_user_id: str, first: date, last: date
) -> list[Booking]:
    """The person's confirmed bookings in the workspace that share a day with first..last."""
    return list(
        session.scalars(
            select(Booking)
            .where(
                Booking.team_id == team_id,
                Booking.slack_user_id == slack_user_id,
                Booking.status == "confirmed",
                Booking.first_day <= last,
                Booking.last_day >= first,
            )
            .order_by(Booking.first_day)
        )
    )


def refuse_booked(
    session: Session,
    team_id: str,
    slack_user_id: str,
    first: date,
    last: date,
    name: str | None,
) -> None:
    """InvalidInput naming where and when, if the person is confirmed on any of those days."""
    found = confirmed_over(session, team_id, slack_user_id, first, last)
    if not found:
        return
    where = found[0]
    production = session.get(Production, where.production_id)
    title = production.name if production is not None else "another production"
    clash_first, clash_last = max(first, where.first_day), min(last, where.last_day)
    raise InvalidInput(
        f"{name or 'They'} {'is' if name else 'are'} already booked on {title} "
        f"({where.position}, {span(where.first_day, where.last_day)}): "
        f"{span(clash_first, clash_last)} would be double booked. Pick other days.",
        field="first_day",
    )


def serialise(session: Session, team_id: str, slack_user_id: str) -> None:
    """Hold the person's booking lock until commit, so two bookings checked at once cannot both
    pass. PostgreSQL: an advisory lock; SQLite already lets one writer at a time commit."""
    if session.get_bind().dialect.name == "postgresql":
        key = f"booking:{team_id}:{slack_user_id}"
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
