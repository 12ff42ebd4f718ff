"""/assign and /tasks, and the task buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.common import reply
from bot.blocks.metadata import decode
from bot.blocks.tasks import tasks as blocks
from bot.handlers.forms import button, open_modal, read_values, whole
from bot.services.callsheets import sheets as callsheets
from bot.services.core import productions
from bot.services.tasks import assignments as tasks
from bot.services.tasks import needs
from bot.services.tasks import views as task_views


def register(app: App) -> None:
    """Listen for /assign, /tasks and the task buttons and modals."""
    app.command("/assign")(assign_command)
    app.view(blocks.ASSIGN_CALLBACK)(submit_assign)
    app.command("/tasks")(tasks_command)
    app.action(blocks.ACCEPT)(move)
    app.action(blocks.DONE)(move)
    app.action(blocks.CANT)(open_task_modal)
    app.action(blocks.REASSIGN)(open_task_modal)
    app.view(blocks.CANT_CALLBACK)(submit_task_modal)
    app.view(blocks.REASSIGN_CALLBACK)(submit_task_modal)


def assign_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Assign from what was typed, or open the form."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "task.assign")
    text = command.get("text", "").strip()
    if not text:
        departments = [(d.id, d.name) for d in production.departments]
        open_modal(client, command["trigger_id"], blocks.assign_modal(production.id, departments))
        return ack()
    made = tasks.assign(db, production, user, tasks.parse_quick(db, production, text), now)
    ack(
        **reply(
            f"Assigned to {len(made)} {'person' if len(made) == 1 else 'people'}. "
            "I'll keep your summary in our DM up to date."
        )
    )


def submit_assign(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Assign from the form."""
    answers = read_values(view)
    production = callsheets.production_by_id(
        context["db"],
        body["team"]["id"],
        decode(blocks.AssignMeta, view["private_metadata"]).production_id,
    )
    department = answers.get("department")
    form = tasks.TaskForm(
        answers.get("what") or "",
        answers.get("who") or [],
        whole(department, "department"),
        answers.get("place"),
        answers.get("due"),
        answers.get("priority") or "normal",
    )
    tasks.assign(context["db"], production, body["user"]["id"], form, context["clock"].now())
    ack()


def tasks_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Your open tasks; coordinators see everyone's, by person."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "task.list")
    everyone, found = tasks.open_tasks(db, production, user)
    nobody = needs.needs_someone(db, production, user)
    shown = task_views.task_views(db, production, found)
    stuck = task_views.task_views(db, production, nobody)
    text = f"{len(found)} open tasks" + (f", {len(nobody)} need someone" if nobody else "")
    ack(**reply(text, blocks.list_blocks(shown, production.timezone, everyone, now, stuck)))


def move(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Accept or Done (the assignee only)."""
    ack()
    production, task = tasks.find(context["db"], body["team"]["id"], button(action))
    step = tasks.accept if action["action_id"] == blocks.ACCEPT else tasks.done
    step(context["db"], production, task, body["user"]["id"], context["clock"].now())


def open_task_modal(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Can't do (the assignee) or Reassign (coordinators): checked before the form opens."""
    db, user = context["db"], body["user"]["id"]
    production, task = tasks.find(db, body["team"]["id"], button(action))
    if action["action_id"] == blocks.REASSIGN:
        needs.check_reassignable(db, production, task, user)
        view = blocks.reassign_modal(task_views.view_of_task(db, task))
    else:
        tasks.check_own(db, production, task, user)
        view = blocks.cant_modal(task_views.view_of_task(db, task))
    open_modal(client, body["trigger_id"], view)
    ack()


def submit_task_modal(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save a can't-do reason or a reassignment (checked again here)."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    meta = decode(blocks.TaskMeta, view["private_metadata"])
    production, task = tasks.find(db, body["team"]["id"], meta.task_id)
    answers = read_values(view)
    if view["callback_id"] == blocks.CANT_CALLBACK:
        tasks.decline(db, production, task, user, answers.get("reason"), now)
    else:
        tasks.reassign(db, production, task, user, answers.get("who"), now)
    ack()
