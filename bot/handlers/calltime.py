"""/calltime, and "what's my call?" by DM."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.callsheets.calltime import answer_reply
from bot.blocks.common import reply
from bot.services.callsheets import calltime
from bot.services.core import productions


def register(app: App) -> None:
    """Listen for /calltime."""
    app.command("/calltime")(calltime_command)


def calltime_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Answer with the asker's (or someone's, or a department's) published call."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    text = command.get("text", "").strip()
    verb = " ".join(text.lower().split())
    if verb in ("subscribe", "subscribe new", "unsubscribe"):
        production = productions.resolve(db, command["team_id"], command["channel_id"], user)
        link = calltime.calendar_link(db, production, user, verb, context["public_url"], now)
        return ack(**reply(link))
    asked = (command["team_id"], command["channel_id"], user, text, now)
    ack(**answer_reply(calltime.answer_asked(db, *asked)))
