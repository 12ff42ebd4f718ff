"""The expenses export for accounting: stable columns, receipt links."""

from __future__ import annotations

import io
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.core import csvfile
from bot.services.core.crew_names import names
from bot.services.money.amounts import RECEIPT_THRESHOLD
from bot.store.models import Production
from bot.store.models_money import Expense

EXPORT_COLUMNS = (
    "number",
    "submitted_at",
    "spent_on",
    "submitter",
    "amount",
    "currency",
    "vendor",
    "description",
    "budget_code",
    "budget_name",
    "method",
    "status",
    "decided_by",
    "decided_at",
    "reject_reason",
    "receipt_name",
    "receipt_url",
    "receipt_missing",
)


def export_csv(
    session: Session, production: Production, start: date | None = None, end: date | None = None
) -> str:
    """Every expense (not drafts or deleted) spent between start and end, inclusive."""
    who = names(session, production)
    zone = ZoneInfo(production.timezone)
    query = select(Expense).where(
        Expense.production_id == production.id,
        Expense.status.in_(("pending", "approved", "rejected")),
    )
    if start:
        query = query.where(Expense.spent_on >= start)
    if end:
        query = query.where(Expense.spent_on <= end)
    out = io.StringIO()
    writer = csvfile.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for e in session.scalars(query.order_by(Expense.number)):
        line = e.budget_line
        writer.writerow(
            [
                e.number,
                e.created_at.astimezone(zone).isoformat(timespec="seconds"),
                e.spent_on.isoformat(),
                who.get(e.submitter, e.submitter),
                f"{e.amount:.2f}",
                production.currency,
                e.vendor or "",
                e.description or "",
                line.code if line else "",
                line.name if line else "",
                e.method,
                e.status,
                who.get(e.decided_by or "", e.decided_by or ""),
                e.decided_at.astimezone(zone).isoformat(timespec="seconds") if e.decided_at else "",
                e.reject_reason or "",
                e.receipt_name or "",
                e.receipt_url or "",
                "yes" if e.receipt_file_id is None and e.amount >= RECEIPT_THRESHOLD else "no",
            ]
        )
    return out.getvalue()
