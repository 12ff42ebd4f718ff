"""/gear: check gear out and in, and see what is out."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import reply
from bot.blocks.wrap import loose_ends
from bot.services.core import productions
from bot.services.wrap import gear


def register(app: App) -> None:
    """Listen for /gear."""
    app.command("/gear")(gear_command)


def gear_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """`/gear out <item> [to @person]`, `/gear in <item>`, `/gear` (what is out)."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    verb, _, rest = command.get("text", "").strip().partition(" ")
    if verb.lower() == "out":
        return ack(
            **reply(loose_ends.gear_out_reply(gear.check_out(db, production, user, rest, now)))
        )
    if verb.lower() == "in":
        return ack(
            **reply(loose_ends.gear_in_reply(gear.check_in(db, production, user, rest, now)))
        )
    text, blocks = loose_ends.gear_list(gear.listing(db, production, user), production.timezone)
    ack(**reply(text, blocks))
