"""Who hears about a task: the assignee's DM and the coordinator's summary, edited in place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.blocks.tasks import tasks as blocks
from bot.services.problems.alerts import names
from bot.store.models import Production
from bot.store.models_tasks import Task


def task_ref(task: Task) -> str:
    """The outbox ref of the assignee's DM."""
    return f"task:{task.id}"


def group_ref(group_id: int) -> str:
    """The outbox ref of the coordinator's summary."""
    return f"taskgroup:{group_id}"


def tell_assignee(session: Session, production: Production, task: Task, now: datetime) -> None:
    """DM the assignee their task with Accept / Done / Can't do."""
    boss = names(session, production).get(task.assigned_by, "the coordinators")
    outbox.post_message(
        session,
        task.assignee,
        ref=task_ref(task),
        now=now,
        text=f"New task: {escape(task.what[:200])}",
        blocks=blocks.assignee_blocks(task, boss, production.timezone),
    )


def refresh(session: Session, production: Production, task: Task, now: datetime) -> None:
    """Edit the assignee's DM and the coordinator's summary."""
    boss = names(session, production).get(task.assigned_by, "the coordinators")
    outbox.update_message(
        session,
        task_ref(task),
        now=now,
        text=f"Task: {task.status}",
        blocks=blocks.assignee_blocks(task, boss, production.timezone),
    )
    refresh_group(session, production, task.group_id, now)


def refresh_group(session: Session, production: Production, group_id: int, now: datetime) -> None:
    """Post or edit the coordinator's summary of an assignment."""
    tasks = list(
        session.scalars(
            select(Task)
            .where(Task.group_id == group_id, Task.production_id == production.id)
            .order_by(Task.id)
        )
    )
    who = names(session, production)
    done = sum(1 for t in tasks if t.status == "done")
    live = [t for t in tasks if t.status != "reassigned"]
    text = f"Task: {done}/{len(live)} done"
    shown = blocks.group_blocks(tasks, who, production.timezone)
    ref = group_ref(group_id)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)
    else:
        outbox.post_message(
            session, tasks[0].assigned_by, text=text, blocks=shown, ref=ref, now=now
        )


def remind(session: Session, task: Task, now: datetime) -> None:
    """Nudge the assignee before the task is due."""
    outbox.post_message(
        session,
        task.assignee,
        now=now,
        text=f"Reminder: {escape(task.what[:200])} — due in 30 minutes.",
        dedupe_key=f"task:{task.id}:remind",
    )


def needs_reassigning(
    session: Session, production: Production, task: Task, why: str, now: datetime
) -> None:
    """Back to the coordinator who assigned it, with Reassign."""
    who = names(session, production).get(task.assignee, "Someone")
    outbox.post_message(
        session,
        task.assigned_by,
        now=now,
        text=escape(f"{who} {why}"),
        blocks=blocks.needs_reassigning_blocks(task, who, why, production.timezone),
    )
