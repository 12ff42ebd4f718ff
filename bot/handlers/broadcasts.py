"""/broadcast, its Got it button, and /schedulechange."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.callsheets.progress import WATCH_DM, queued_text
from bot.blocks.callsheets.schedule_change import CALLBACK as CHANGE_FORM
from bot.blocks.callsheets.schedule_change import ChangeMeta, change_form
from bot.blocks.common import reply
from bot.blocks.metadata import decode
from bot.blocks.tasks import broadcasts as blocks
from bot.handlers.forms import button, iso_date, open_modal, read_values, whole
from bot.services.callsheets import sheets as callsheets
from bot.services.core import productions
from bot.services.tasks import broadcasts


def register(app: App) -> None:
    """Listen for /broadcast, acknowledgments and /schedulechange."""
    app.command("/broadcast")(broadcast_command)
    app.view(blocks.CALLBACK)(submit_broadcast)
    app.action(blocks.ACK)(acknowledge)
    app.command("/schedulechange")(schedule_change)
    app.view(CHANGE_FORM)(submit_change)


def broadcast_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Open the broadcast form (coordinators only)."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "broadcast.send")
    departments = [(d.id, d.name) for d in production.departments]
    open_modal(
        client,
        command["trigger_id"],
        blocks.broadcast_modal(production.id, departments, permissions.ROLES),
    )
    ack()


def submit_broadcast(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Send it (coordinators only, checked again in the service)."""
    answers = read_values(view)
    production = callsheets.production_by_id(
        context["db"],
        body["team"]["id"],
        decode(blocks.BroadcastMeta, view["private_metadata"]).production_id,
    )
    audience = broadcasts.Audience(
        channels=answers.get("channels") or [],
        people=answers.get("people") or [],
        department_ids=[whole(d, "departments") or 0 for d in answers.get("departments") or []],
        roles=answers.get("roles") or [],
        day=iso_date(answers.get("day"), "day"),
    )
    broadcasts.send(
        context["db"],
        production,
        body["user"]["id"],
        answers.get("message"),
        audience,
        "yes" in (answers.get("ack") or []),
        context["clock"].now(),
    )
    ack()


def acknowledge(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Got it."""
    ack()
    broadcasts.acknowledge(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def schedule_change(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Change a day (one-liner, or the form when no change is typed) and publish the revision."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    outcome = callsheets.schedule_change(
        db, production, command.get("text", ""), actor=user, now=now
    )
    if isinstance(outcome, callsheets.ChangeForm):
        open_modal(client, command["trigger_id"], change_form(outcome.draft, outcome.day_id))
        return ack()
    said = queued_text(outcome, again=outcome.already)
    ack(**reply(said if outcome.already else said + WATCH_DM))


def submit_change(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """The schedule-change form, sent: apply and queue the revision (progress comes by DM)."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    meta = decode(ChangeMeta, view["private_metadata"])
    production = callsheets.production_by_id(db, body["team"]["id"], meta.production_id)
    answers = read_values(view)
    callsheets.change_from_form(db, production, meta.day_id, answers, actor=user, now=now)
    ack()
