"""The App Home tab and direct messages to the app."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import App

from bot import outbox
from bot.blocks.callsheets.calltime import answer_blocks, answer_text
from bot.blocks.help import help_blocks, help_text, home_view
from bot.errors import AmbiguousProduction
from bot.services.callsheets import calltime
from bot.services.core import home, productions
from bot.services.money import expenses

CALL_QUESTION = re.compile(r"\b(call\s*time|my call|call\?|when.*call)", re.IGNORECASE)


def register(app: App) -> None:
    """Listen for the Home tab opening and for DMs."""
    app.event("app_home_opened")(home_opened)
    app.event({"type": "message", "channel_type": "im"})(direct_message)


def _who(context: Any, user: str) -> tuple[str | None, str | None]:
    try:
        production, person = productions.whoami(context["db"], context.team_id, None, user)
    except AmbiguousProduction:
        return None, None
    return (production.name if production else None), (person.role if person else None)


def home_opened(event: dict[str, Any], context: Any) -> None:
    """Publish the person's Home tab."""
    if event.get("tab", "home") != "home":
        return
    db, now, user = context["db"], context["clock"].now(), event["user"]
    try:
        production, person = productions.whoami(db, context.team_id, None, user)
    except AmbiguousProduction:
        production, person = None, None
    found = home.summary(db, production, person, now) if production else None
    name, role = (production.name if production else None), (person.role if person else None)
    outbox.publish_home(db, user, home_view(name, role, found), now=now)


def direct_message(event: dict[str, Any], context: Any) -> None:
    """A photo or PDF is a receipt; "what's my call?" gets the call; anything else, help."""
    if event.get("subtype") not in (None, "file_share") or event.get("bot_id"):
        return
    db, now, user = context["db"], context["clock"].now(), event["user"]
    if event.get("files"):
        production = productions.resolve(db, context.team_id, None, user)
        for file in event["files"]:
            expenses.attach_receipt(db, production, user, file, now)
        return
    if CALL_QUESTION.search(event.get("text") or ""):
        production = productions.resolve(db, context.team_id, None, user)
        answer = calltime.answer(db, production, user, "", now)
        outbox.post_message(
            db, event["channel"], text=answer_text(answer), blocks=answer_blocks(answer), now=now
        )
        return
    name, role = _who(context, user)
    outbox.post_message(
        context["db"],
        event["channel"],
        text=help_text(name, role),
        blocks=help_blocks(name, role),
        now=context["clock"].now(),
    )
