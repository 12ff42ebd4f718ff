"""/travel: a traveller's itinerary; coordinators, the rooming list."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import reply
from bot.blocks.logistics import travel as blocks
from bot.services.core import productions
from bot.services.logistics import itinerary


def register(app: App) -> None:
    """Listen for /travel."""
    app.command("/travel")(travel_command)


def travel_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """`/travel` (yours) or `/travel rooming [date]` (coordinators)."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    verb, _, rest = command.get("text", "").strip().partition(" ")
    if verb.lower() == "rooming":
        night, hotels = itinerary.rooming(db, production, user, rest.strip(), now)
        return ack(**reply(*blocks.rooming(night, hotels)))
    ack(**reply(*blocks.itinerary_message(itinerary.mine(db, production, user))))
