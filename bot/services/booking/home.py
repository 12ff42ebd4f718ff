"""The App Home section of holds and bookings: a person's own, with their own deal only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.services.booking import bookings, holds
from bot.services.booking.clash import span
from bot.services.money.amounts import show
from bot.store.models import Production

RANKS = {1: "first hold", 2: "second hold"}


def hold_lines(session: Session, team_id: str, slack_user_id: str) -> list[str]:
    """ "Night Owl: Key Grip, Jun 14-16 (first hold)", for each of the person's holds."""
    lines = []
    for hold in holds.mine(session, team_id, slack_user_id)[:10]:
        production = session.get(Production, hold.production_id)
        rank = RANKS.get(hold.rank, f"hold {hold.rank}")
        where = production.name if production else "?"
        lines.append(f"{where}: {hold.position}, {span(hold.first_day, hold.last_day)} ({rank})")
    return lines


def booking_lines(session: Session, team_id: str, slack_user_id: str) -> list[str]:
    """The person's own bookings with their own rate (nobody else's is ever listed here)."""
    lines = []
    for booking in bookings.mine(session, team_id, slack_user_id)[:10]:
        production = session.get(Production, booking.production_id)
        currency = production.currency if production else "USD"
        where = production.name if production else "?"
        rate = f"{show(booking.rate, currency)} per {booking.rate_unit}"
        days = span(booking.first_day, booking.last_day)
        lines.append(f"{where}: {booking.position}, {days} — {rate}")
    return lines
