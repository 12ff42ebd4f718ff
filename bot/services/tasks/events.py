"""What happens to tasks and broadcasts, as facts notify turns into DMs and tallies."""

from __future__ import annotations

from dataclasses import dataclass

from bot.events import Event


@dataclass(frozen=True)
class TasksAssigned(Event):
    """One assignment: a task each for several people, in one group."""

    group_id: int
    production_id: int
    task_ids: tuple[int, ...]


@dataclass(frozen=True)
class TaskMoved(Event):
    """The assignee accepted or finished a task."""

    task_id: int


@dataclass(frozen=True)
class TaskDeclined(Event):
    """The assignee can't do it (the reason is on the task)."""

    task_id: int


@dataclass(frozen=True)
class TaskReassigned(Event):
    """A coordinator gave a task to someone else: `new_task_id` replaces `task_id`."""

    task_id: int
    new_task_id: int


@dataclass(frozen=True)
class TaskDueSoon(Event):
    """Half an hour before the task is due."""

    task_id: int


@dataclass(frozen=True)
class TaskOverdue(Event):
    """Due and not done."""

    task_id: int


@dataclass(frozen=True)
class BroadcastSent(Event):
    """A broadcast was sent to its channels and recipients."""

    broadcast_id: int


@dataclass(frozen=True)
class BroadcastAcknowledged(Event):
    """A recipient tapped Got it."""

    broadcast_id: int
    recipient_id: int


@dataclass(frozen=True)
class BroadcastNudged(Event):
    """The silent recipients are reminded (step 1), then named to the coordinators (step 2)."""

    broadcast_id: int
    step: int
    recipient_ids: tuple[int, ...]
