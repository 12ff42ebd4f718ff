"""/catering, and the dietary-needs form opened from App Home."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.common import reply
from bot.blocks.logistics import catering as blocks
from bot.blocks.metadata import decode
from bot.handlers.forms import open_modal, read_values
from bot.services.core import productions
from bot.services.logistics import catering, diet

SETTINGS = ("caterer", "send", "threshold")


def register(app: App) -> None:
    """Listen for /catering and the dietary form."""
    app.command("/catering")(catering_command)
    app.action(blocks.DIET_OPEN)(open_diet)
    app.view(blocks.DIET_CALLBACK)(save_diet)


def catering_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """`/catering [day]`, `add <day> <n> <who> [diet]`, `caterer …`, `send <time>`,
    `threshold <n>`."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    typed = command.get("text", "").strip()
    verb, _, rest = typed.partition(" ")
    verb = verb.lower()
    if verb == "add":
        counted = catering.add_visitors(db, production, user, rest, now)
        return ack(**reply(*blocks.count_reply(counted)))
    if verb in SETTINGS:
        setup = catering.configure(db, production, user, verb, rest, now)
        return ack(
            **reply(
                blocks.setup_text(
                    setup.caterer_user, setup.caterer_name, setup.send_at, setup.threshold
                )
            )
        )
    ack(**reply(*blocks.count_reply(catering.read(db, production, user, typed, now))))


def open_diet(ack: Ack, body: dict[str, Any], context: Any, client: WebClient) -> None:
    """App Home's "Update my dietary needs": the form, filled with what they said before."""
    db, user = context["db"], body["user"]["id"]
    production = productions.resolve(db, body["team"]["id"], None, user)
    now = diet.current(db, production, user)
    open_modal(
        client,
        body["trigger_id"],
        blocks.diet_modal(now.production_id, now.diet, now.gluten_free, now.allergies),
    )
    ack()


def save_diet(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save the person's dietary needs (checked again on the form's production)."""
    answers = read_values(view)
    meta = decode(blocks.DietMeta, view.get("private_metadata"))
    diet.save(
        context["db"],
        body["team"]["id"],
        meta.production_id,
        body["user"]["id"],
        (answers.get("diet"), bool(answers.get("gluten_free")), answers.get("allergies")),
        context["clock"].now(),
    )
    ack()
