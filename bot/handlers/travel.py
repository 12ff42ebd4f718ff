"""/travel: a traveller's itinerary; coordinators, the rooming list."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.common import reply
from bot.blocks.logistics import travel as blocks
from bot.blocks.logistics import travel_form as form
from bot.blocks.metadata import decode
from bot.handlers.forms import open_modal, read_values
from bot.services.core import productions
from bot.services.logistics import itinerary, travel


def register(app: App) -> None:
    """Listen for /travel and its entry form."""
    app.command("/travel")(travel_command)
    app.view(form.TRAVEL_CALLBACK)(save_travel)


def travel_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """`/travel` (yours), `/travel rooming [date]` or `/travel add` (coordinators)."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    verb, _, rest = command.get("text", "").strip().partition(" ")
    if verb.lower() == "add":
        permissions.require(db, production, user, "travel.manage")
        open_modal(client, command["trigger_id"], form.travel_modal(production.id))
        return ack()
    if verb.lower() == "rooming":
        night, hotels = itinerary.rooming(db, production, user, rest.strip(), now)
        return ack(**reply(*blocks.rooming(night, hotels)))
    ack(**reply(*blocks.itinerary_message(itinerary.mine(db, production, user))))


def save_travel(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save one travel item (checked again on the form's production)."""
    meta = decode(form.TravelMeta, view.get("private_metadata"))
    travel.add_one(
        context["db"],
        body["team"]["id"],
        meta.production_id,
        body["user"]["id"],
        read_values(view),
        context["clock"].now(),
    )
    ack()
