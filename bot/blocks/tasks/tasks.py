"""Task surfaces: the assignee's DM, the coordinator's summary, modals and the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.blocks.clip import clip, cut
from bot.blocks.common import (
    Block,
    actions,
    button,
    clock,
    context,
    input_block,
    option,
    plain,
    section,
)
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.services.tasks.views import TaskView

ACCEPT, DONE, CANT = "task_accept", "task_done", "task_cant"
REASSIGN = "task_reassign"
ASSIGN_CALLBACK, CANT_CALLBACK, REASSIGN_CALLBACK = (
    "task_assign",
    "task_cant_modal",
    "task_reassign_modal",
)


@dataclass(frozen=True)
class AssignMeta(Meta):
    """The assign form: which production."""

    KIND = "task_assign"
    production_id: int


@dataclass(frozen=True)
class TaskMeta(Meta):
    """The can't-do and reassign forms: which task."""

    KIND = "task"
    task_id: int


STATUS = {
    "assigned": ":hourglass: waiting",
    "accepted": ":runner: accepted",
    "done": ":white_check_mark: done",
    "declined": ":x: can't do",
    "reassigned": ":arrows_counterclockwise: reassigned",
}


def describe(task: TaskView, tz: str) -> str:
    """ "pick up lunch — Rosa's — due 11:30 AM" (user text escaped)."""
    parts = [escape(task.what)]
    if task.place:
        parts.append(escape(task.place))
    if task.due_at:
        parts.append(f"due {clock(task.due_at, tz)}")
    return ("*High priority:* " if task.priority == "high" else "") + " — ".join(parts)


def assignee_blocks(task: TaskView, boss: str, tz: str) -> list[Block]:
    """The assignee's DM; buttons follow the status."""
    blocks = [
        section(cut(f"*Task from {clip(boss, 200)}*\n{describe(task, tz)}", 2900)),
        context(f"Status: {STATUS[task.status]}"),
    ]
    value = str(task.id)
    if task.status == "assigned":
        blocks.append(
            actions(
                "task",
                button("Accept", ACCEPT, value, "primary"),
                button("Done", DONE, value),
                button("Can't do", CANT, value),
            )
        )
    elif task.status == "accepted":
        blocks.append(
            actions("task", button("Done", DONE, value, "primary"), button("Can't do", CANT, value))
        )
    return blocks


def group_blocks(tasks: list[TaskView], tz: str) -> list[Block]:
    """The coordinator's summary of one assignment, edited as each person moves it."""
    first = tasks[0]
    lines = [
        f"• {escape(t.assignee_name or 'someone')}: {STATUS[t.status]}"
        + (
            f" — _{escape(truncate(t.decline_reason or '', 200))}_"
            if t.status == "declined"
            else ""
        )
        for t in tasks
    ]
    return [
        section(cut(f"*You assigned:* {describe(first, tz)}", 2900)),
        section(cut("\n".join(lines), 2900)),
    ]


def needs_reassigning_blocks(
    task: TaskView, who: str, why: str, tz: str, now_with: str | None = None
) -> list[Block]:
    """Back to the coordinator: the task and a Reassign button while someone must pick it up.

    `now_with` names whoever has it since it was reassigned.
    """
    head = section(cut(f":warning: {clip(who, 200)} {escape(why)}\n{describe(task, tz)}", 2900))
    if task.status == "reassigned":
        return [head, context(f"{STATUS['reassigned']} to {clip(now_with or 'someone', 200)}")]
    if task.status == "done":
        return [head, context(f"{STATUS['done']} by {clip(who, 200)}")]
    shown = [head]
    if task.status == "declined" and "can't" not in why:
        reason = truncate(task.decline_reason or "", 500)
        shown.append(context(f"{STATUS['declined']} — {escape(reason)}"))
    shown.append(actions("reassign", button("Reassign", REASSIGN, str(task.id), "primary")))
    return shown


def _text(block_id: str, label: str, multiline: bool = False, optional: bool = False) -> Block:
    return input_block(
        block_id, label, {"type": "plain_text_input", "multiline": multiline}, optional
    )


def _modal(
    callback_id: str, metadata: str, title: str, submit: str, blocks: list[Block]
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": metadata,
        "title": plain(title, 24),
        "submit": plain(submit, 24),
        "blocks": blocks,
    }


def assign_modal(production_id: int, departments: list[tuple[int, str]]) -> dict[str, Any]:
    """/assign with nothing typed: who, what, where, when, priority."""
    blocks = [input_block("who", "Who", {"type": "multi_users_select"}, optional=True)]
    if departments:
        blocks.append(
            input_block(
                "department",
                "…or a whole department",
                {
                    "type": "static_select",
                    "options": [
                        option(truncate(name, 75), str(did)) for did, name in departments[:100]
                    ],
                },
                optional=True,
            )
        )
    priorities = [option("Normal", "normal"), option("High", "high")]
    blocks += [
        _text("what", "What", multiline=True),
        _text("place", "Where", optional=True),
        _text("due", "Due (e.g. 11:30a, tmrw 6)", optional=True),
        input_block(
            "priority",
            "Priority",
            {"type": "static_select", "options": priorities, "initial_option": priorities[0]},
        ),
    ]
    return _modal(
        ASSIGN_CALLBACK, encode(AssignMeta(production_id)), "Assign a task", "Assign", blocks
    )


def cant_modal(task: TaskView) -> dict[str, Any]:
    """Ask the assignee why they can't."""
    return _modal(
        CANT_CALLBACK,
        encode(TaskMeta(task.id)),
        "Can't do it",
        "Send",
        [section(clip(task.what, 2900)), _text("reason", "Why not?", multiline=True)],
    )


def reassign_modal(task: TaskView) -> dict[str, Any]:
    """Pick someone else (coordinators)."""
    return _modal(
        REASSIGN_CALLBACK,
        encode(TaskMeta(task.id)),
        "Reassign",
        "Reassign",
        [
            section(clip(task.what, 2900)),
            input_block("who", "Give it to", {"type": "users_select"}),
        ],
    )


def list_blocks(
    tasks: list[TaskView],
    tz: str,
    everyone: bool,
    now: datetime,
    nobody: list[TaskView] | None = None,
) -> list[Block]:
    """/tasks: mine, or everyone's grouped by person; first what nobody is doing."""
    top: list[Block] = []
    if nobody:
        lines = []
        for task in nobody[:30]:
            name = escape(task.assignee_name or "someone no longer on the crew")
            why = (
                f"{name} can't do it: _{escape(truncate(task.decline_reason or '', 200))}_"
                if task.status == "declined"
                else f"{name} is not on the crew list"
            )
            lines.append(f"• {describe(task, tz)} — {why}")
        top = [
            section("*Needs someone* (reassign from the alert)"),
            section(cut("\n".join(lines), 2900)),
        ]
    if not tasks:
        return [*top, section("No open tasks. :tada:")]
    lines = []
    current = None
    for task in tasks[:60]:
        if everyone and task.assignee != current:
            current = task.assignee
            lines.append(f"*{escape(task.assignee_name or 'someone')}*")
        late = " :warning: overdue" if task.due_at and task.due_at < now else ""
        lines.append(f"• {describe(task, tz)} — {STATUS[task.status]}{late}")
    heading = "Everyone's open tasks" if everyone else "Your open tasks"
    return [*top, section(f"*{heading}*"), section(cut("\n".join(lines), 2900))]
