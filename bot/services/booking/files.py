"""Candidates in from CSV, bookings out to CSV (rates only for those allowed to see them)."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.services.core.crew import RowError
from bot.services.core.csvfile import cells, render
from bot.store.models import Person, Production
from bot.store.models_booking import Booking, Candidate

CANDIDATE_COLUMNS = ("name", "email", "phone", "slack_user_id", "position", "notes")
_SIZES = (("name", 120), ("email", 254), ("phone", 40), ("position", 80), ("notes", 2000))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLACK_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
EXPORT_COLUMNS = (
    "booking",
    "name",
    "slack_user_id",
    "position",
    "department",
    "first_day",
    "last_day",
    "status",
    "rate",
    "rate_unit",
    "kit_rental",
    "overtime",
    "character",
    "cast_status",
    "agent_name",
    "agent_email",
    "agent_phone",
)


def _candidate(values: dict[str, str]) -> dict[str, str | None]:
    if not values.get("name"):
        raise ValueError("name is empty")
    for key, most in _SIZES:
        if len(values.get(key, "")) > most:
            raise ValueError(f"{key} is over {most} characters")
    email = values.get("email", "").lower()
    slack_id = values.get("slack_user_id", "").upper()
    if not email and not slack_id and not values.get("phone"):
        raise ValueError("needs an email, a phone or a slack_user_id to reach this person")
    if email and not _EMAIL.match(email):
        raise ValueError(f"'{email}' is not an email address")
    if slack_id and not _SLACK_ID.match(slack_id):
        raise ValueError(f"'{slack_id}' is not a Slack user id (they look like U012AB3CD)")
    found = {key: values.get(key) or None for key in CANDIDATE_COLUMNS}
    return found | {"email": email or None, "slack_user_id": slack_id or None}


def import_candidates(
    session: Session, production: Production, text: str
) -> tuple[int, list[RowError]]:
    """Candidates from CSV (README: CSV formats); every bad row by line number; all or nothing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {(h or "").strip().lower() for h in reader.fieldnames or []}
    if "name" not in headers:
        return 0, [RowError(1, "the header row needs a 'name' column")]
    if unknown := headers - set(CANDIDATE_COLUMNS):
        return 0, [RowError(1, f"unknown columns: {', '.join(sorted(unknown))}")]
    rows, errors = [], []
    for raw in reader:
        try:
            values = cells(raw)
            if any(values.values()):
                rows.append(_candidate(values))
        except ValueError as error:
            errors.append(RowError(reader.line_num, str(error)))
    if errors:
        return 0, errors
    session.add_all(Candidate(production_id=production.id, **row) for row in rows)
    session.flush()
    return len(rows), []


def export_bookings(session: Session, production: Production, as_user: str | None = None) -> str:
    """Every booking as CSV, rates included: `--as` someone checks they are a coordinator.

    The operator's own export (no `--as`) holds every rate, as the payroll export does.
    """
    if as_user is not None:
        permissions.require(session, production, as_user, "booking.export")
    query = select(Booking, Person.name).join(Person, Person.id == Booking.person_id)
    query = query.where(Booking.production_id == production.id)
    rows = [
        (
            b.id,
            name,
            b.slack_user_id,
            b.position,
            b.department or "",
            b.first_day.isoformat(),
            b.last_day.isoformat(),
            b.status,
            f"{b.rate:.2f}",
            b.rate_unit,
            f"{b.kit_rental:.2f}" if b.kit_rental is not None else "",
            b.overtime or "",
            b.character or "",
            b.cast_status or "",
            b.agent_name or "",
            b.agent_email or "",
            b.agent_phone or "",
        )
        for b, name in session.execute(query.order_by(Booking.first_day, Booking.id))
    ]
    return render(EXPORT_COLUMNS, rows)
