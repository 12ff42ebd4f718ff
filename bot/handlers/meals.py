"""/meal: record meals for the crew or a department (coordinators and the AD)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import reply
from bot.blocks.wrap import alerts
from bot.services.core import productions
from bot.services.wrap import meals


def register(app: App) -> None:
    """Listen for /meal."""
    app.command("/meal")(meal_command)


def meal_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Start, end, or record a meal; say when the next one is due."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    typed = command.get("text", "")
    meal = meals.record(db, production, user, typed, now)
    ack(**reply(alerts.meal_reply(meal, typed, production.timezone, production.currency)))
