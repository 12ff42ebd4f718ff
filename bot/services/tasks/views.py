"""Tasks and broadcasts as plain view data for the DMs, summaries, forms and lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.services.core.crew_names import names
from bot.store.models import Production
from bot.store.models_tasks import Broadcast, BroadcastRecipient, Task


@dataclass(frozen=True)
class TaskView:
    """One person's task as it stands."""

    id: int
    what: str
    status: str
    assignee: str
    assignee_name: str | None = None
    place: str | None = None
    due_at: datetime | None = None
    priority: str = "normal"
    decline_reason: str | None = None


@dataclass(frozen=True)
class BroadcastView:
    """A broadcast's message and whether it asks for Got it."""

    id: int
    message: str
    ack_required: bool


@dataclass(frozen=True)
class RecipientView:
    """One recipient of a broadcast: whether, and when, they acknowledged."""

    acknowledged_at: datetime | None = None


def task_view(task: Task, who: dict[str, str]) -> TaskView:
    """The view of a task, naming its assignee from `who` (Slack id -> name)."""
    return TaskView(
        id=task.id,
        what=task.what,
        status=task.status,
        assignee=task.assignee,
        assignee_name=who.get(task.assignee),
        place=task.place,
        due_at=task.due_at,
        priority=task.priority,
        decline_reason=task.decline_reason,
    )


def task_views(session: Session, production: Production, tasks: list[Task]) -> list[TaskView]:
    """Views of several tasks of one production."""
    who = names(session, production)
    return [task_view(t, who) for t in tasks]


def view_of_task(session: Session, task: Task) -> TaskView:
    """The view of one task."""
    production = session.get(Production, task.production_id)
    assert production is not None
    return task_view(task, names(session, production))


def broadcast_view(broadcast: Broadcast) -> BroadcastView:
    """The view of a broadcast."""
    return BroadcastView(broadcast.id, broadcast.message, broadcast.ack_required)


def recipient_view(recipient: BroadcastRecipient) -> RecipientView:
    """The view of one recipient."""
    return RecipientView(recipient.acknowledged_at)
