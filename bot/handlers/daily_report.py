"""The daily production report's ticks, Edit and Post (coordinators)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.metadata import decode
from bot.blocks.wrap import daily_report as blocks
from bot.handlers.forms import button, open_modal, read_values
from bot.services.wrap import daily_report


def register(app: App) -> None:
    """Listen for the report's controls."""
    app.action(blocks.SCENES)(tick)
    app.action(blocks.EDIT)(open_edit)
    app.view(blocks.EDIT_CALLBACK)(save_edit)
    app.action(blocks.POST)(post)


def tick(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Scenes shot, ticked on the draft."""
    ack()
    day_id = button({"value": action["block_id"].removeprefix("scenes-")})
    scenes = [o["value"] for o in action.get("selected_options") or []]
    daily_report.tick_scenes(
        context["db"],
        body["team"]["id"],
        day_id,
        body["user"]["id"],
        scenes,
        context["clock"].now(),
    )


def open_edit(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Edit first shot and notes (checked before the form opens)."""
    day_id = decode(blocks.ReportMeta, action.get("value")).day_id
    view = daily_report.edit_view(context["db"], body["team"]["id"], day_id, body["user"]["id"])
    open_modal(client, body["trigger_id"], blocks.edit_modal(view))
    ack()


def save_edit(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save first shot and notes (checked again on the stored day's production)."""
    answers = read_values(view)
    meta = decode(blocks.ReportMeta, view.get("private_metadata"))
    daily_report.edit(
        context["db"],
        body["team"]["id"],
        meta.day_id,
        body["user"]["id"],
        answers.get("first_shot"),
        answers.get("notes"),
        context["clock"].now(),
    )
    ack()


def post(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Post it to the report channel."""
    ack()
    daily_report.post(
        context["db"],
        body["team"]["id"],
        decode(blocks.ReportMeta, action.get("value")).day_id,
        body["user"]["id"],
        context["clock"].now(),
    )
