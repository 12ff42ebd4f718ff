"""The buttons on a problem's post, and the modals they open."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.metadata import decode
from bot.blocks.problems import problems as blocks
from bot.handlers.forms import button, open_modal, read_values
from bot.services.problems import problems
from bot.services.problems.views import view


def register(app: App) -> None:
    """Listen for the problem buttons and their modals."""
    app.action(blocks.TAKE)(take)
    app.action(blocks.DELETE)(delete)
    app.action(blocks.WORK_STOPPED)(work_state)
    app.action(blocks.WORK_SAFE)(work_state)
    for action in (blocks.UPDATE, blocks.RESOLVE, blocks.REASSIGN):
        app.action(action)(open_follow_up)
    for callback in (blocks.UPDATE_CALLBACK, blocks.RESOLVE_CALLBACK, blocks.REASSIGN_CALLBACK):
        app.view(callback)(save_follow_up)


FOLLOW_UP_ACTIONS = {
    blocks.UPDATE: "problem.update",
    blocks.RESOLVE: "problem.resolve",
    blocks.REASSIGN: "problem.reassign",
}


def _problem(body: dict[str, Any], value: str, context: Any) -> tuple:
    return problems.find(context["db"], body["team"]["id"], button({"value": value}))


def take(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Own the problem."""
    ack()
    production, problem = _problem(body, action["value"], context)
    problems.take(context["db"], production, problem, body["user"]["id"], context["clock"].now())


def delete(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Withdraw the problem (coordinators only, checked in the service)."""
    ack()
    production, problem = _problem(body, action["value"], context)
    problems.delete(context["db"], production, problem, body["user"]["id"], context["clock"].now())


def work_state(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """The owner of a safety problem says whether work has stopped or is safe."""
    ack()
    production, problem = _problem(body, action["value"], context)
    state = "stopped" if action["action_id"] == blocks.WORK_STOPPED else "safe"
    problems.set_work_state(
        context["db"], production, problem, body["user"]["id"], state, context["clock"].now()
    )


def open_follow_up(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Open the update, resolve or reassign modal."""
    production, problem = _problem(body, action["value"], context)
    kind = action["action_id"]
    # Checked against the stored problem's production before any form opens.
    permissions.require(context["db"], production, body["user"]["id"], FOLLOW_UP_ACTIONS[kind])
    problems.check_open(problem)  # an old copy's button: say how it ended, open no form
    shown = view(context["db"], problem)
    if kind == blocks.REASSIGN:
        form = blocks.reassign_modal(shown)
    elif kind == blocks.UPDATE:
        form = blocks.note_modal(blocks.UPDATE_CALLBACK, shown, "What's new?", "update")
    else:
        form = blocks.note_modal(
            blocks.RESOLVE_CALLBACK, shown, "How was it resolved?", "resolution"
        )
    open_modal(client, body["trigger_id"], form)
    ack()


def save_follow_up(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save an update, a resolution or a new owner."""
    db, now, user = context["db"], context["clock"].now(), body["user"]["id"]
    meta = decode(blocks.ProblemMeta, view["private_metadata"])
    production, problem = problems.find(db, body["team"]["id"], meta.problem_id)
    answers = read_values(view)
    if view["callback_id"] == blocks.UPDATE_CALLBACK:
        problems.add_update(db, production, problem, user, answers.get("update"), now)
    elif view["callback_id"] == blocks.RESOLVE_CALLBACK:
        problems.resolve(db, production, problem, user, answers.get("resolution"), now)
    else:
        problems.reassign(db, production, problem, user, answers.get("owner"), now)
    ack()
