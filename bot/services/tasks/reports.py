"""`slate export tasks`: every assignment with its history, as CSV."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.core import csvfile
from bot.services.core.crew_names import names
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
    who, tz = names(session, production), production.timezone
    tasks = session.scalars(
        select(Task).where(Task.production_id == production.id).order_by(Task.id)
    )
    return csvfile.render(
        EXPORT_COLUMNS,
        (
            [
                t.id,
                t.group_id,
                who.get(t.assignee, t.assignee),
                who.get(t.assigned_by, t.assigned_by),
                t.what,
                t.place or "",
                t.priority,
                csvfile.local(t.due_at, tz),
                t.status,
                csvfile.local(t.created_at, tz),
                csvfile.local(t.accepted_at, tz),
                csvfile.local(t.done_at, tz),
                csvfile.local(t.declined_at, tz),
                t.decline_reason or "",
            ]
            for t in tasks
        ),
    )
