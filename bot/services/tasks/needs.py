"""Tasks that need a coordinator: declined ones nobody has yet, and what replaced a task."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.permissions import member
from bot.services.core.crew_names import names
from bot.store.models import Production
from bot.store.models_tasks import Task


def replacement(session: Session, task: Task) -> Task | None:
    """The task a reassignment made from `task` (the next one in its group for the same job)."""
    if task.status != "reassigned":
        return None
    return session.scalar(
        select(Task)
        .where(Task.group_id == task.group_id, Task.production_id == task.production_id)
        .where(Task.id > task.id, Task.what == task.what)
        .order_by(Task.id)
        .limit(1)
    )


def where_it_stands(session: Session, production: Production, task: Task) -> str:
    """What is true of a task now, for a click on a button that no longer applies."""
    who = names(session, production)
    if task.status == "reassigned":
        fresh = replacement(session, task)
        to = who.get(fresh.assignee, "someone else") if fresh else "someone else"
        return f"That task was already reassigned to {to}."
    if task.status == "done":
        return f"{who.get(task.assignee, 'Someone')} already did that task."
    return f"That task is {task.status}."


def check_reassignable(session: Session, production: Production, task: Task, actor: str) -> None:
    """Coordinators reassign a task that is not done and not already reassigned."""
    permissions.require(session, production, actor, "task.reassign")
    if task.status in ("done", "reassigned"):
        raise InvalidInput(where_it_stands(session, production, task))


def needs_someone(session: Session, production: Production, asker: str) -> list[Task]:
    """For coordinators: declined tasks not yet reassigned, and open tasks whose assignee
    has left the crew list; nobody is doing these."""
    person = member(session, production, asker)
    if person is None or not permissions.allowed(person, "task.list_all"):
        return []
    found = list(
        session.scalars(
            select(Task)
            .where(
                Task.production_id == production.id,
                Task.status.in_(("declined", "assigned", "accepted")),
            )
            .order_by(Task.id)
        )
    )
    crew = set(names(session, production))
    return [t for t in found if t.status == "declined" or t.assignee not in crew]
