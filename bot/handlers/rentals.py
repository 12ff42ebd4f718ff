"""/rental: equipment rentals as purchase orders against budget lines."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import reply
from bot.blocks.logistics import rentals as blocks
from bot.services.core import productions
from bot.services.logistics import rentals


def register(app: App) -> None:
    """Listen for /rental."""
    app.command("/rental")(rental_command)


def rental_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """`/rental add #line cost vendor; items; from to until [; no coi]`, or `/rental`."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    verb, _, rest = command.get("text", "").strip().partition(" ")
    if verb.lower() == "add":
        po = rentals.add(db, production, user, rest, now)
        return ack(**reply(blocks.added(po.number, po.vendor, po.cost, production.currency)))
    ack(**reply(*blocks.listing(rentals.listing(db, production, user), production.currency)))
