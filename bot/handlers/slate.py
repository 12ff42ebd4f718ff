"""/slate: help, setup and switching production."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks.common import reply
from bot.blocks.help import PickMeta, help_blocks, help_text
from bot.blocks.metadata import decode
from bot.blocks.setup import SETUP_CALLBACK, SetupMeta, setup_modal
from bot.errors import AmbiguousProduction, InvalidInput
from bot.handlers.forms import open_modal, read_values, uninvited
from bot.services.core import home, invites, productions
from bot.services.core.production_form import setup_view

USAGE = "Type `/slate help`, `/slate setup` or `/slate use`."


def register(app: App) -> None:
    """Listen for /slate, its modal and its production picker."""
    app.command("/slate")(slate_command)
    app.view(SETUP_CALLBACK)(save_setup)
    app.action("slate_choose_production")(choose_production)
    app.event("member_joined_channel")(member_joined)


def slate_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Dispatch /slate's subcommands."""
    db, words = context["db"], command.get("text", "").lower().split()
    team, channel, user = command["team_id"], command["channel_id"], command["user_id"]
    sub = words[0] if words else "help"
    if sub == "help":
        view = home.help_view(*productions.whoami(db, team, channel, user))
        return ack(**reply(help_text(view), help_blocks(view)))
    if sub == "setup":
        editing = productions.production_to_edit(db, team, channel, user, new="new" in words)
        open_modal(client, command["trigger_id"], setup_modal(setup_view(editing)))
        return ack()
    if sub == "use":
        mine = productions.memberships(db, team, user)
        raise AmbiguousProduction("Which production are you working on?", mine)
    raise InvalidInput(f"I don't know `/slate {command.get('text', '')}`. {USAGE}")


def save_setup(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Create or edit a production from the setup modal; Slate must be in private channels."""
    user, answers = body["user"], read_values(view)
    picked = [answers.get(f"{kind}_channel") for kind in ("crew", "coordinators", "problems")]
    productions.save(
        context["db"],
        body["team"]["id"],
        decode(SetupMeta, view["private_metadata"]).production_id,
        productions.form_from_answers(answers, uninvited(client, picked)),
        actor=user["id"],
        actor_name=user.get("name", ""),
        now=context["clock"].now(),
    )
    ack()


def choose_production(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Remember the production picked from the picker."""
    ack()
    picked = decode(PickMeta, action["selected_option"]["value"])
    productions.choose(
        context["db"],
        body["team"]["id"],
        body["user"]["id"],
        picked.production_id,
        channel_id=context.channel_id,
        now=context["clock"].now(),
    )


def member_joined(event: dict[str, Any], body: dict[str, Any], context: Any) -> None:
    """Slate was invited to a channel: the messages that waited for the invite go out."""
    bot = context.bot_user_id or next(
        (a.get("user_id") for a in body.get("authorizations") or [] if a.get("is_bot")), None
    )
    invites.bot_joined(
        context["db"],
        str(event.get("user") or ""),
        str(bot or ""),
        str(event.get("channel") or ""),
        context["clock"].now(),
        context.team_id,
    )
