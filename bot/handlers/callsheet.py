"""/callsheet: edit a day, publish it, and the Confirm / Publish anyway buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import events
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.callsheets.editor import EDITOR_CALLBACK, EditorMeta, day_editor
from bot.blocks.callsheets.progress import WATCH_DM, queued_text
from bot.blocks.callsheets.replies import saved_text
from bot.blocks.common import reply
from bot.blocks.metadata import decode
from bot.errors import InvalidInput
from bot.handlers.forms import open_modal, read_values
from bot.services.callsheets import confirmations, copies, day_forms
from bot.services.callsheets import sheets as callsheets
from bot.services.core import productions

USAGE = "Type `/callsheet [day]` to edit a day, or `/callsheet publish [day]`."


def register(app: App) -> None:
    """Listen for /callsheet, its editor and its buttons."""
    app.command("/callsheet")(callsheet_command)
    app.view(EDITOR_CALLBACK)(save_editor)
    app.action(blocks.CONFIRM)(confirm)
    app.action(blocks.PUBLISH_ANYWAY)(publish_anyway)
    app.action(blocks.COPY)(copy)


def callsheet_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Open the editor, or publish a day."""
    db, now, user = context["db"], context["clock"].now(), command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    verb, _, rest = command.get("text", "").strip().partition(" ")
    if verb.lower() == "publish":
        queued = callsheets.publish_command(db, production, rest, actor=user, now=now)
        said = queued_text(queued, again=queued.already)
        return ack(**reply(said if queued.already else said + WATCH_DM))
    if verb.lower() in ("help", "?"):
        raise InvalidInput(USAGE)
    draft = callsheets.day_to_edit(db, production, command.get("text", ""), now, actor=user)
    open_modal(client, command["trigger_id"], day_editor(draft))
    ack()


def save_editor(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save the day from the editor (the permission is checked again here)."""
    db, now, user = context["db"], context["clock"].now(), body["user"]["id"]
    meta = decode(EditorMeta, view["private_metadata"])
    production = callsheets.production_by_id(db, body["team"]["id"], meta.production_id)
    form = day_forms.form_from_answers(read_values(view))
    saved = callsheets.save_from_editor(db, production, form, actor=user, now=now)
    events.record(db, events.Answered(now, user, None, saved_text(saved), ()))
    ack()


def confirm(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """A crew member confirms their own call."""
    ack()
    meta = blocks.read_confirm(action["value"])
    confirmations.confirm(
        context["db"],
        body["team"]["id"],
        meta.day_id,
        meta.revision,
        body["user"]["id"],
        context["clock"].now(),
        person_id=meta.person_id or None,
    )


def copy(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """A crew member asks for the full sheet as a PDF, their own page first."""
    ack()
    meta = decode(blocks.CopyMeta, action["value"])
    db, now = context["db"], context["clock"].now()
    copies.request_copy(
        db, body["team"]["id"], meta.day_id, body["user"]["id"], meta.person_id, now
    )


def publish_anyway(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Publish despite rule warnings (the permission is checked again here); the held
    message turns into the progress message."""
    ack()
    db, now, user = context["db"], context["clock"].now(), body["user"]["id"]
    meta = decode(blocks.PublishAnywayMeta, action["value"])
    team = body["team"]["id"]
    callsheets.publish_by_id(db, team, meta.day_id, actor=user, now=now, ref=meta.ref)
