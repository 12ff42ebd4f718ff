"""/transport, and the drivers' Picked up / Running late on their run sheets."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import reply
from bot.blocks.escape import escape
from bot.blocks.logistics import transport as blocks
from bot.errors import InvalidInput
from bot.handlers.forms import button
from bot.services.core import productions
from bot.services.logistics import runs, shuttles, transport


def register(app: App) -> None:
    """Listen for /transport and the run sheet's controls."""
    app.command("/transport")(transport_command)
    app.action(blocks.PICKED_UP)(picked_up)
    app.action(blocks.LATE)(running_late)


def transport_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """`/transport [day]`, `vehicle <name> @driver`, `pickup <day> @rider <time> @driver <at>`,
    `shuttle <day> every <n>m <from>-<to> <stop> > <stop> … @driver [vehicle]`."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    typed = command.get("text", "").strip()
    verb, _, rest = typed.partition(" ")
    if verb.lower() == "vehicle":
        vehicle = transport.add_vehicle(db, production, user, rest)
        return ack(**reply(f"Vehicle saved: {escape(vehicle.name)}."))
    if verb.lower() == "shuttle":
        day = shuttles.set_shuttle(db, production, user, rest, now)
        return ack(**reply(*blocks.listing(runs.run_sheet(db, production, day))))
    if verb.lower() == "pickup":
        pickup = transport.set_pickup(db, production, user, rest, now)
        sheet = runs.run_sheet(db, production, transport.day_of(db, pickup))
        return ack(**reply(*blocks.listing(sheet)))
    ack(**reply(*blocks.listing(runs.listing(db, production, user, typed, now))))


def picked_up(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """The driver picked the rider up."""
    ack()
    now = context["clock"].now()
    runs.mark(context["db"], body["team"]["id"], button(action), body["user"]["id"], None, now)


def running_late(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """The driver is running late by the picked number of minutes."""
    ack()
    picked = str((action.get("selected_option") or {}).get("value") or "")
    pickup, _, minutes = picked.partition(":")
    if not (pickup.isdigit() and minutes.isdigit()):
        raise InvalidInput("Pick from the list.")
    now = context["clock"].now()
    runs.mark(
        context["db"],
        body["team"]["id"],
        button({"value": pickup}),
        body["user"]["id"],
        int(minutes),
        now,
    )
