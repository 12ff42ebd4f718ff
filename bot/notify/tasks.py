"""Notify for tasks: the assignee's DM and the coordinator's summary, edited in place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.blocks.tasks import tasks as blocks
from bot.notify import broadcasts, copies
from bot.notify.registry import Subscribers
from bot.services.core.crew_names import names
from bot.services.tasks.events import (
    TaskDeclined,
    TaskDueSoon,
    TaskMoved,
    TaskOverdue,
    TaskReassigned,
    TasksAssigned,
)
from bot.services.tasks.needs import replacement
from bot.services.tasks.views import task_view, task_views
from bot.store.models import Production
from bot.store.models_tasks import Task


def task_ref(task: Task) -> str:
    """The outbox ref of the assignee's DM."""
    return f"task:{task.id}"


def group_ref(production_id: int, group_id: int) -> str:
    """The outbox ref of the coordinator's summary (group numbers count per production)."""
    return f"taskgroup:{production_id}:{group_id}"


def _load(session: Session, task_id: int) -> tuple[Production, Task]:
    task = session.get(Task, task_id)
    assert task is not None
    production = session.get(Production, task.production_id)
    assert production is not None
    return production, task


def _boss(session: Session, production: Production, task: Task) -> str:
    return names(session, production).get(task.assigned_by, "the coordinators")


def _tell_assignee(session: Session, production: Production, task: Task, now: datetime) -> None:
    outbox.post_message(
        session,
        task.assignee,
        ref=task_ref(task),
        now=now,
        text=f"New task: {escape(task.what[:200])}",
        blocks=_assignee_blocks(session, production, task),
    )


def _assignee_blocks(session: Session, production: Production, task: Task) -> list:
    boss = _boss(session, production, task)
    return blocks.assignee_blocks(task_view(task, {}), boss, production.timezone)


def _refresh_dm(session: Session, production: Production, task: Task, now: datetime) -> None:
    outbox.update_message(
        session,
        task_ref(task),
        now=now,
        text=f"Task: {task.status}",
        blocks=_assignee_blocks(session, production, task),
    )


def _refresh_group(session: Session, production: Production, group_id: int, now: datetime) -> None:
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.group_id == group_id, Task.production_id == production.id)
            .order_by(Task.id)
        )
    )
    done = sum(1 for t in tasks if t.status == "done")
    live = [t for t in tasks if t.status != "reassigned"]
    text = f"Task: {done}/{len(live)} done"
    shown = blocks.group_blocks(task_views(session, production, tasks), production.timezone)
    ref = group_ref(production.id, group_id)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)
    else:
        outbox.post_message(
            session, tasks[0].assigned_by, text=text, blocks=shown, ref=ref, now=now
        )


def alert_ref(task: Task, kind: str) -> str:
    """The ref of an alert back to the coordinator: `task:12:alert:overdue`."""
    return f"task:{task.id}:alert:{kind}"


_WHY = {"overdue": "is overdue", "declined": "can't do it: {reason}"}


def _alert(session: Session, production: Production, task: Task, kind: str) -> tuple[str, list]:
    who = names(session, production)
    name = who.get(task.assignee, "Someone")
    why = _WHY[kind].format(reason=task.decline_reason)
    fresh = replacement(session, task)
    now_with = who.get(fresh.assignee, "someone") if fresh else None
    shown = blocks.needs_reassigning_blocks(
        task_view(task, {}), name, why, production.timezone, now_with
    )
    return escape(f"{name} {why}"), shown


def _needs_reassigning(session: Session, task_id: int, kind: str, now: datetime) -> None:
    production, task = _load(session, task_id)
    text, shown = _alert(session, production, task, kind)
    ref = alert_ref(task, kind)
    outbox.post_message(session, task.assigned_by, now=now, text=text, blocks=shown, ref=ref)


def _refresh_alerts(session: Session, production: Production, task: Task, now: datetime) -> None:
    """Every alert about this task follows it: Reassign goes once it no longer applies."""
    for ref in copies.refs(session, f"task:{task.id}:alert:"):
        text, shown = _alert(session, production, task, ref.rsplit(":", 1)[-1])
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)


def assigned(session: Session, event: TasksAssigned) -> None:
    """DM each assignee their task with Accept / Done / Can't do; post the summary."""
    for task_id in event.task_ids:
        production, task = _load(session, task_id)
        _tell_assignee(session, production, task, event.at)
    production, _ = _load(session, event.task_ids[0])
    _refresh_group(session, production, event.group_id, event.at)


def moved(session: Session, event: TaskMoved | TaskDeclined) -> None:
    """Edit the assignee's DM and the coordinator's summary."""
    production, task = _load(session, event.task_id)
    _refresh_dm(session, production, task, event.at)
    _refresh_group(session, production, task.group_id, event.at)
    _refresh_alerts(session, production, task, event.at)


def declined(session: Session, event: TaskDeclined) -> None:
    """Back to the coordinator who assigned it, with Reassign."""
    _needs_reassigning(session, event.task_id, "declined", event.at)


def reassigned(session: Session, event: TaskReassigned) -> None:
    """The old DM loses its buttons, the new assignee gets theirs, the summary follows."""
    production, old = _load(session, event.task_id)
    _refresh_dm(session, production, old, event.at)
    _refresh_alerts(session, production, old, event.at)
    _, fresh = _load(session, event.new_task_id)
    _tell_assignee(session, production, fresh, event.at)
    _refresh_group(session, production, old.group_id, event.at)


def due_soon(session: Session, event: TaskDueSoon) -> None:
    """Nudge the assignee before the task is due."""
    _, task = _load(session, event.task_id)
    outbox.post_message(
        session,
        task.assignee,
        now=event.at,
        text=f"Reminder: {escape(task.what[:200])} — due in 30 minutes.",
        dedupe_key=f"task:{task.id}:remind",
    )


def overdue(session: Session, event: TaskOverdue) -> None:
    """Due and not done: back to the coordinator, with Reassign."""
    _needs_reassigning(session, event.task_id, "overdue", event.at)


SUBSCRIBERS: Subscribers = {
    TasksAssigned: assigned,
    TaskMoved: moved,
    TaskDeclined: (moved, declined),
    TaskReassigned: reassigned,
    TaskDueSoon: due_soon,
    TaskOverdue: overdue,
    **broadcasts.SUBSCRIBERS,
}
