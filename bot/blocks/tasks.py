"""Task surfaces: the assignee's DM, the coordinator's summary, modals and the list."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.blocks.common import Block, actions, button, clock, context, section
from bot.blocks.escape import escape, truncate
from bot.store.models_tasks import Task

ACCEPT, DONE, CANT = "task_accept", "task_done", "task_cant"
REASSIGN = "task_reassign"
ASSIGN_CALLBACK, CANT_CALLBACK, REASSIGN_CALLBACK = (
    "task_assign",
    "task_cant_modal",
    "task_reassign_modal",
)
STATUS = {
    "assigned": ":hourglass: waiting",
    "accepted": ":runner: accepted",
    "done": ":white_check_mark: done",
    "declined": ":x: can't do",
    "reassigned": ":arrows_counterclockwise: reassigned",
}


def describe(task: Task, tz: str) -> str:
    """ "pick up lunch — Rosa's — due 11:30 AM" (user text escaped)."""
    parts = [escape(task.what)]
    if task.place:
        parts.append(escape(task.place))
    if task.due_at:
        parts.append(f"due {clock(task.due_at, tz)}")
    return ("*High priority:* " if task.priority == "high" else "") + " — ".join(parts)


def assignee_blocks(task: Task, boss: str, tz: str) -> list[Block]:
    """The assignee's DM; buttons follow the status."""
    blocks = [
        section(f"*Task from {escape(boss)}*\n{describe(task, tz)}"),
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


def group_blocks(tasks: list[Task], names: dict[str, str], tz: str) -> list[Block]:
    """The coordinator's summary of one assignment, edited as each person moves it."""
    first = tasks[0]
    lines = [
        f"• {escape(names.get(t.assignee, 'someone'))}: {STATUS[t.status]}"
        + (
            f" — _{escape(truncate(t.decline_reason or '', 200))}_"
            if t.status == "declined"
            else ""
        )
        for t in tasks
    ]
    return [section(f"*You assigned:* {describe(first, tz)}"), section("\n".join(lines)[:2900])]


def needs_reassigning_blocks(task: Task, who: str, why: str, tz: str) -> list[Block]:
    """Back to the coordinator: the task and a Reassign button."""
    return [
        section(f":warning: {escape(who)} {escape(why)}\n{describe(task, tz)}"),
        actions("reassign", button("Reassign", REASSIGN, str(task.id), "primary")),
    ]


def _text_input(
    block_id: str, label: str, multiline: bool = False, optional: bool = False
) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": {"type": "plain_text", "text": label},
        "element": {"type": "plain_text_input", "action_id": block_id, "multiline": multiline},
    }


def assign_modal(production_id: int, departments: list[tuple[int, str]]) -> dict[str, Any]:
    """/assign with nothing typed: who, what, where, when, priority."""
    blocks: list[Block] = [
        {
            "type": "input",
            "block_id": "who",
            "optional": True,
            "label": {"type": "plain_text", "text": "Who"},
            "element": {"type": "multi_users_select", "action_id": "who"},
        },
    ]
    if departments:
        blocks.append(
            {
                "type": "input",
                "block_id": "department",
                "optional": True,
                "label": {"type": "plain_text", "text": "…or a whole department"},
                "element": {
                    "type": "static_select",
                    "action_id": "department",
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": truncate(name, 75)},
                            "value": str(did),
                        }
                        for did, name in departments[:100]
                    ],
                },
            }
        )
    blocks += [
        _text_input("what", "What", multiline=True),
        _text_input("place", "Where", optional=True),
        _text_input("due", "Due (e.g. 11:30a, tmrw 6)", optional=True),
        {
            "type": "input",
            "block_id": "priority",
            "label": {"type": "plain_text", "text": "Priority"},
            "element": {
                "type": "static_select",
                "action_id": "priority",
                "initial_option": {
                    "text": {"type": "plain_text", "text": "Normal"},
                    "value": "normal",
                },
                "options": [
                    {"text": {"type": "plain_text", "text": "Normal"}, "value": "normal"},
                    {"text": {"type": "plain_text", "text": "High"}, "value": "high"},
                ],
            },
        },
    ]
    return {
        "type": "modal",
        "callback_id": ASSIGN_CALLBACK,
        "private_metadata": str(production_id),
        "title": {"type": "plain_text", "text": "Assign a task"},
        "submit": {"type": "plain_text", "text": "Assign"},
        "blocks": blocks,
    }


def cant_modal(task: Task) -> dict[str, Any]:
    """Ask the assignee why they can't."""
    return {
        "type": "modal",
        "callback_id": CANT_CALLBACK,
        "private_metadata": str(task.id),
        "title": {"type": "plain_text", "text": "Can't do it"},
        "submit": {"type": "plain_text", "text": "Send"},
        "blocks": [
            section(escape(truncate(task.what, 2900))),
            _text_input("reason", "Why not?", multiline=True),
        ],
    }


def reassign_modal(task: Task) -> dict[str, Any]:
    """Pick someone else (coordinators)."""
    return {
        "type": "modal",
        "callback_id": REASSIGN_CALLBACK,
        "private_metadata": str(task.id),
        "title": {"type": "plain_text", "text": "Reassign"},
        "submit": {"type": "plain_text", "text": "Reassign"},
        "blocks": [
            section(escape(truncate(task.what, 2900))),
            {
                "type": "input",
                "block_id": "who",
                "label": {"type": "plain_text", "text": "Give it to"},
                "element": {"type": "users_select", "action_id": "who"},
            },
        ],
    }


def list_blocks(
    tasks: list[Task], names: dict[str, str], tz: str, everyone: bool, now: datetime
) -> list[Block]:
    """/tasks: mine, or everyone's grouped by person."""
    if not tasks:
        return [section("No open tasks. :tada:")]
    lines: list[str] = []
    current = None
    for task in tasks[:60]:
        if everyone and task.assignee != current:
            current = task.assignee
            lines.append(f"*{escape(names.get(task.assignee, 'someone'))}*")
        late = " :warning: overdue" if task.due_at and task.due_at < now else ""
        lines.append(f"• {describe(task, tz)} — {STATUS[task.status]}{late}")
    heading = "Everyone's open tasks" if everyone else "Your open tasks"
    return [section(f"*{heading}*"), section("\n".join(lines)[:2900])]
