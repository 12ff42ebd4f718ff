"""`slate export tasks`: every assignment with its history, as CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.problem_alerts import names
from bot.store.models import Production
from bot.store.models_tasks import Task

EXPORT_COLUMNS = (
    "task",
    "group",
    "assignee",
    "assigned_by",
    "what",
    "place",
    "priority",
    "due_at",
    "status",
    "created_at",
    "accepted_at",
    "done_at",
    "declined_at",
    "reason",
)


def export_csv(session: Session, production: Production) -> str:
    """Every task, oldest first (EXPORT_COLUMNS)."""
    who = names(session, production)
    zone = ZoneInfo(production.timezone)

    def local(moment: datetime | None) -> str:
        return moment.astimezone(zone).isoformat(timespec="seconds") if moment else ""

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for t in session.scalars(
        select(Task).where(Task.production_id == production.id).order_by(Task.id)
    ):
        writer.writerow(
            [
                t.id,
                t.group_id,
                who.get(t.assignee, t.assignee),
                who.get(t.assigned_by, t.assigned_by),
                t.what,
                t.place or "",
                t.priority,
                local(t.due_at),
                t.status,
                local(t.created_at),
                local(t.accepted_at),
                local(t.done_at),
                local(t.declined_at),
                t.decline_reason or "",
            ]
        )
    return out.getvalue()
