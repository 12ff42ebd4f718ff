"""PA assignments: assign (coordinators), accept / done / can't do (the assignee only)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, InvalidInput, NotAuthorized
from bot.permissions import member
from bot.scheduler import cancel, schedule
from bot.services.core import people
from bot.services.core.productions import fetch
from bot.services.core.text import within
from bot.services.tasks import needs
from bot.services.tasks.events import (
    TaskDeclined,
    TaskDueSoon,
    TaskMoved,
    TaskOverdue,
    TaskReassigned,
    TasksAssigned,
)
from bot.store import sequences
from bot.store.models import Department, Person, Production
from bot.store.models_tasks import Task
from bot.timeparse import TimeParseError, parse_when

_DUE = re.compile(r"\s+by\s+(.+)$", re.IGNORECASE)
REMIND_BEFORE = timedelta(minutes=30)
PRIORITIES = ("normal", "high")
USAGE = "Type `/assign @pat pick up the lunch order from Rosa's by 11:30`, or `/assign` alone."


@dataclass
class TaskForm:
    """Who should do what, where, by when."""

    what: str
    assignees: list[str] = field(default_factory=list)
    department_id: int | None = None
    place: str | None = None
    due: str | None = None
    priority: str = "normal"


def parse_quick(session: Session, production: Production, text: str) -> TaskForm:
    """`@pat @sam pick up lunch by 11:30` or `grip load the truck by 6p`.

    Only the people named first are assignees; a mention later on is part of what to do.
    """
    named, rest = people.leading(session, production, text)
    assignees = [p.slack_user_id for p in named if p.slack_user_id]
    department_id = None
    first, _, remainder = rest.partition(" ")
    if not assignees:
        department = session.scalar(
            select(Department).where(
                Department.production_id == production.id,
                func.lower(Department.name) == first.lower(),
            )
        )
        if department is not None:
            department_id, rest = department.id, remainder.strip()
    due = _DUE.search(rest)
    what = rest[: due.start()].strip() if due else rest
    return TaskForm(what, assignees, department_id, due=due[1] if due else None)


def assign(
    session: Session, production: Production, actor: str, form: TaskForm, now: datetime
) -> list[Task]:
    """One task per person named or in the department; each gets a DM with buttons."""
    permissions.require(session, production, actor, "task.assign")
    found = FieldErrors()  # every wrong field of the form at once
    if form.priority not in PRIORITIES:
        found.add("priority", f"Pick a priority: {', '.join(PRIORITIES)}.")
    people = found.take(_people, session, production, form) or []
    what = " ".join(form.what.split())
    if not what:
        found.add("what", f"Say what needs doing. {USAGE}")
    if len(what) > 2000:
        found.add("what", f"Keep it under 2000 characters (yours is {len(what)}).")
    place = found.take(within, form.place, 200, "place")
    due = found.take(_due, form.due, production, now)
    found.check()
    group = sequences.next_number(session, Task.group_id, production.id)
    tasks = [
        Task(
            production_id=production.id,
            group_id=group,
            assignee=p.slack_user_id,
            assigned_by=actor,
            what=what,
            place=place,
            due_at=due,
            priority=form.priority,
            status="assigned",
            created_at=now,
        )
        for p in people
    ]
    session.add_all(tasks)
    session.flush()
    for task in tasks:
        _plan_reminders(session, task, now)
    ids = tuple(t.id for t in tasks)
    events.record(
        session, TasksAssigned(at=now, group_id=group, production_id=production.id, task_ids=ids)
    )
    return tasks


def _people(session: Session, production: Production, form: TaskForm) -> list[Person]:
    found: dict[str, Person] = {}
    for slack_id in form.assignees:
        person = member(session, production, slack_id)
        if person is None:
            raise InvalidInput(
                f"<@{slack_id}> isn't on {production.name}'s crew list.", field="who"
            )
        found[slack_id] = person
    if form.department_id is not None:
        department = session.get(Department, form.department_id)
        if department is None or department.production_id != production.id:
            raise InvalidInput("Pick a department from the list.", field="department")
        for person in session.scalars(
            select(Person).where(
                Person.production_id == production.id,
                Person.department_id == form.department_id,
                Person.slack_user_id.is_not(None),
            )
        ):
            found.setdefault(person.slack_user_id or "", person)
    if not found:
        raise InvalidInput(f"Name who should do it. {USAGE}", field="who")
    return list(found.values())


def _due(text: str | None, production: Production, now: datetime) -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        due = parse_when(text, production.timezone, now)
    except TimeParseError as error:
        raise InvalidInput(str(error), field="due") from error
    if due <= now:
        raise InvalidInput("That due time has already passed. Type a later one.", field="due")
    return due


def _plan_reminders(session: Session, task: Task, now: datetime) -> None:
    if task.due_at is None:
        return
    if task.due_at - now > REMIND_BEFORE:
        schedule(
            session,
            "task.remind",
            f"task:{task.id}:remind",
            task.due_at - REMIND_BEFORE,
            {"task_id": task.id},
        )
    schedule(session, "task.overdue", f"task:{task.id}:overdue", task.due_at, {"task_id": task.id})


def _stop_reminders(session: Session, task: Task) -> None:
    cancel(session, f"task:{task.id}:remind")
    cancel(session, f"task:{task.id}:overdue")


def find(session: Session, team_id: str, task_id: int) -> tuple[Production, Task]:
    """A task and its production, from a button."""
    return fetch(session, team_id, Task, task_id, "task")


def check_own(
    session: Session,
    production: Production,
    task: Task,
    actor: str,
    allowed: tuple[str, ...] = ("assigned", "accepted"),
) -> None:
    """Only the assignee, on the task's production's crew, moves a task, and only while open."""
    permissions.require(session, production, actor, "task.move")
    if task.assignee != actor:
        raise NotAuthorized("That task is someone else's; you can only move your own.")
    if task.status not in allowed:
        raise InvalidInput(needs.where_it_stands(session, production, task))


def accept(session: Session, production: Production, task: Task, actor: str, now: datetime) -> Task:
    """The assignee takes it on."""
    check_own(session, production, task, actor, ("assigned",))
    task.status, task.accepted_at = "accepted", now
    events.record(session, TaskMoved(at=now, task_id=task.id))
    return task


def done(session: Session, production: Production, task: Task, actor: str, now: datetime) -> Task:
    """The assignee has done it."""
    check_own(session, production, task, actor, ("assigned", "accepted"))
    task.status, task.done_at = "done", now
    _stop_reminders(session, task)
    events.record(session, TaskMoved(at=now, task_id=task.id))
    return task


def decline(
    session: Session,
    production: Production,
    task: Task,
    actor: str,
    reason: str | None,
    now: datetime,
) -> Task:
    """The assignee can't do it; it goes back to the coordinators with Reassign."""
    check_own(session, production, task, actor, ("assigned", "accepted"))
    reason = within(reason, 2000, "reason")
    if not reason:
        raise InvalidInput("Say why, so the coordinator can sort it out.", field="reason")
    task.status, task.declined_at, task.decline_reason = "declined", now, reason
    _stop_reminders(session, task)
    events.record(session, TaskDeclined(at=now, task_id=task.id))
    return task


def reassign(
    session: Session,
    production: Production,
    task: Task,
    actor: str,
    new_assignee: str | None,
    now: datetime,
) -> Task:
    """Give the task to someone else (coordinators only): a new task in the same group."""
    needs.check_reassignable(session, production, task, actor)
    if not new_assignee or member(session, production, new_assignee) is None:
        raise InvalidInput("Pick someone on the crew list.", field="who")
    task.status = "reassigned"
    _stop_reminders(session, task)
    fresh = Task(
        production_id=production.id,
        group_id=task.group_id,
        assignee=new_assignee,
        assigned_by=actor,
        what=task.what,
        place=task.place,
        priority=task.priority,
        due_at=task.due_at if task.due_at and task.due_at > now else None,
        status="assigned",
        created_at=now,
    )
    session.add(fresh)
    session.flush()
    _plan_reminders(session, fresh, now)
    events.record(session, TaskReassigned(at=now, task_id=task.id, new_task_id=fresh.id))
    return fresh


def remind_job(session: Session, payload: dict, now: datetime) -> None:
    """Half an hour before it is due."""
    task = session.get(Task, payload["task_id"])
    if task is not None and task.is_open:
        events.record(session, TaskDueSoon(at=now, task_id=task.id))


def overdue_job(session: Session, payload: dict, now: datetime) -> None:
    """Due and not done: back to the coordinator, with Reassign."""
    task = session.get(Task, payload["task_id"])
    if task is None or not task.is_open:
        return
    events.record(session, TaskOverdue(at=now, task_id=task.id))


def open_tasks(session: Session, production: Production, asker: str) -> tuple[bool, list[Task]]:
    """(everyone's?, tasks): coordinators see all open tasks, others their own."""
    person = member(session, production, asker)
    everyone = person is not None and permissions.allowed(person, "task.list_all")
    query = select(Task).where(
        Task.production_id == production.id, Task.status.in_(("assigned", "accepted"))
    )
    if not everyone:
        query = query.where(Task.assignee == asker)
    tasks = list(session.scalars(query))
    never = datetime.max.replace(tzinfo=UTC)
    tasks.sort(key=lambda t: (t.assignee, t.due_at or never, t.id))
    return everyone, tasks
