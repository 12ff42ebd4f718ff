"""/slate: help, setup and switching production."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import outbox
from bot.blocks import help as help_blocks
from bot.blocks.common import reply
from bot.blocks.escape import escape
from bot.blocks.setup import SETUP_CALLBACK, setup_modal
from bot.errors import AmbiguousProduction, InvalidInput
from bot.handlers.forms import open_modal, read_values
from bot.services.callsheets import shoot_days
from bot.services.core import productions

USAGE = "Type `/slate help`, `/slate setup` or `/slate use`."


def register(app: App) -> None:
    """Listen for /slate, its modal and its production picker."""
    app.command("/slate")(slate_command)
    app.view(SETUP_CALLBACK)(save_setup)
    app.action("slate_choose_production")(choose_production)


def slate_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Dispatch /slate's subcommands."""
    db, words = context["db"], command.get("text", "").lower().split()
    team, channel, user = command["team_id"], command["channel_id"], command["user_id"]
    sub = words[0] if words else "help"
    if sub == "help":
        production, person = productions.whoami(db, team, channel, user)
        name, role = (production.name if production else None), (person.role if person else None)
        return ack(**reply(help_blocks.help_text(name, role), help_blocks.help_blocks(name, role)))
    if sub == "setup":
        editing = productions.production_to_edit(db, team, channel, user, new="new" in words)
        open_modal(client, command["trigger_id"], setup_modal(editing))
        return ack()
    if sub == "use":
        mine = productions.memberships(db, team, user)
        raise AmbiguousProduction("Which production are you working on?", mine)
    raise InvalidInput(f"I don't know `/slate {command.get('text', '')}`. {USAGE}")


def save_setup(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Create or edit a production from the setup modal."""
    db, user, now = context["db"], body["user"], context["clock"].now()
    form = productions.form_from_answers(read_values(view))
    production_id = json.loads(view["private_metadata"])["production_id"]
    production = productions.save(
        db,
        body["team"]["id"],
        production_id,
        form,
        actor=user["id"],
        actor_name=user.get("name", ""),
        now=now,
    )
    shoot_days.reschedule_autopublish(db, production)
    outbox.post_message(
        db,
        user["id"],
        now=now,
        text=f"Saved {escape(production.name)}. Next: import your crew list.",
    )
    ack()


def choose_production(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Remember the production picked from the picker."""
    ack()
    db, user = context["db"], body["user"]["id"]
    chosen = productions.choose(
        db, body["team"]["id"], user, int(action["selected_option"]["value"])
    )
    outbox.tell(
        db,
        user,
        context.channel_id,
        text=f"Now using {escape(chosen.name)}.",
        blocks=help_blocks.chosen(chosen.name),
        now=context["clock"].now(),
    )
