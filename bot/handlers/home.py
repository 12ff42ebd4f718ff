"""The App Home tab and direct messages to the app."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App

from bot.handlers import onboarding
from bot.services.core import home, productions
from bot.services.money import expenses

CALL_QUESTION = re.compile(r"\b(call\s*time|my call|call\?|when.*call)", re.IGNORECASE)


def register(app: App) -> None:
    """Listen for the Home tab opening and for DMs."""
    app.event("app_home_opened")(home_opened)
    # Bolt does not filter on channel_type: `direct_message` checks it itself.
    app.event({"type": "message", "channel_type": "im"})(direct_message)


def home_opened(event: dict[str, Any], context: Any) -> None:
    """Publish the person's Home tab."""
    if event.get("tab", "home") == "home":
        home.opened(context["db"], context.team_id, event["user"], context["clock"].now())


def direct_message(event: dict[str, Any], context: Any) -> None:
    """A file naming a start document (`W-9`) is that, another photo or PDF a receipt;
    "what's my call?" gets the call; anything else, help."""
    if event.get("channel_type") != "im":
        return  # a message in a channel Slate is in: not addressed to Slate
    if event.get("subtype") not in (None, "file_share") or event.get("bot_id"):
        return
    db, now, user, team = context["db"], context["clock"].now(), event["user"], context.team_id
    if event.get("files"):
        production = productions.resolve(db, team, None, user)
        if onboarding.dm_document(event, context, production):
            return  # a document of the sender's start paperwork, not a receipt
        for file in event["files"]:
            expenses.attach_receipt(db, production, user, file, now)
    elif CALL_QUESTION.search(event.get("text") or ""):
        home.asked_for_call(db, team, user, event["channel"], now, event.get("text") or "")
    else:
        home.asked_for_help(db, team, user, event["channel"], now)
