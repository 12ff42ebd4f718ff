"""/meal: record meals for the crew or a department (coordinators and the AD)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import clock, reply
from bot.blocks.escape import escape
from bot.services.core import productions
from bot.services.money.amounts import show
from bot.services.wrap import meals


def register(app: App) -> None:
    """Listen for /meal."""
    app.command("/meal")(meal_command)


def meal_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Start, end, or record a meal; say when the next one is due."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    meal = meals.record(db, production, user, command.get("text", ""), now)
    tz, group = production.timezone, escape(meal.department or "the crew")
    if meal.ended_at and "-" in command.get("text", ""):
        text = (
            f"Meal recorded for {group}: {clock(meal.started_at, tz)} to "
            f"{clock(meal.ended_at, tz)}."
        )
    elif meal.ended_at:
        text = f"Meal ended for {group} at {clock(meal.ended_at, tz)}."
    else:
        text = f"Meal started for {group} at {clock(meal.started_at, tz)}."
    if meal.late_minutes and not command.get("text", "").strip().lower().startswith("end"):
        text += (
            f" It was {meal.late_minutes} min late: estimated penalty "
            f"{show(meal.penalty, production.currency)}."
        )
    ack(**reply(text))
