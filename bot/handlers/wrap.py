"""/wrap: record wrap (coordinators), or set a reminder for the planned wrap."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import reply
from bot.blocks.wrap import loose_ends
from bot.services.core import productions
from bot.services.wrap import wrap


def register(app: App) -> None:
    """Listen for /wrap."""
    app.command("/wrap")(wrap_command)


def wrap_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Record wrap (coordinators), or set a reminder for the planned wrap."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    text = command.get("text", "").strip()
    if text.lower().startswith("remind"):
        when = wrap.remind(db, production, user, text[6:], now)
        return ack(**reply(loose_ends.reminder_set(when, production.timezone)))
    done = wrap.record(db, production, user, text, now)
    ack(
        **reply(
            loose_ends.wrapped_reply(
                done.day, done.wrap_at, production.timezone, done.told, done.corrected
            )
        )
    )
