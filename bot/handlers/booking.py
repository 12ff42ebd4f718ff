"""/avail, /holds, /book, /bookings, and the avail, hold and booking buttons and forms."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import events, permissions
from bot.blocks.booking import avails as avail_blocks
from bot.blocks.booking import bookings as booking_blocks
from bot.blocks.booking import holds as hold_blocks
from bot.blocks.common import reply
from bot.blocks.escape import escape
from bot.blocks.metadata import decode
from bot.events import Answered
from bot.handlers.forms import READ_TIMEOUT, button, iso_date, open_modal, read_values
from bot.services.booking import avails, bookings, direct, holds
from bot.services.booking.views import booking_view, check_view, hold_view
from bot.services.callsheets import sheets as callsheets
from bot.services.core import productions

_MENTION = re.compile(r"<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>")


def register(app: App) -> None:
    """Listen for the booking commands, buttons and forms."""
    app.command("/avail")(avail_command)
    app.view(avail_blocks.ASK_CALLBACK)(submit_avail)
    app.action(avail_blocks.AVAILABLE)(answer_button)
    app.action(avail_blocks.NOT)(answer_button)
    app.action(avail_blocks.PARTLY)(open_partly)
    app.view(avail_blocks.PARTLY_CALLBACK)(submit_partly)
    app.action(avail_blocks.HOLD)(hold_button)
    app.command("/holds")(holds_command)
    app.command("/hold")(hold_command)
    app.action(hold_blocks.CHALLENGE)(challenge_button)
    app.action(hold_blocks.OFFERED)(challenge_button)
    app.action(hold_blocks.RELEASE)(release_hold)
    app.action(hold_blocks.CONFIRM)(confirm_hold)
    app.command("/book")(book_command)
    app.view(booking_blocks.BOOK_CALLBACK)(submit_book)
    app.command("/bookings")(bookings_command)
    app.action(booking_blocks.RELEASE)(release_booking)
    app.action(booking_blocks.SHOW_RATE)(show_rate)


def _people(client: WebClient, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """Slack id -> (name, email), read from Slack now; a slow or refusing Slack: the id."""
    quick = WebClient(token=client.token, base_url=client.base_url, timeout=READ_TIMEOUT)
    found: dict[str, tuple[str, str | None]] = {}
    for uid in ids[:30]:
        try:
            user = quick.users_info(user=uid)["user"]
        except (SlackApiError, OSError):
            found[uid] = (uid, None)
            continue
        profile = user.get("profile") or {}
        name = user.get("real_name") or profile.get("real_name") or user.get("name") or uid
        found[uid] = (str(name), profile.get("email"))
    return found


def avail_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Open the avail form (coordinators)."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "avail.ask")
    listed = avails.candidate_options(db, production)
    open_modal(client, command["trigger_id"], avail_blocks.ask_modal(production.id, listed))
    ack()


def submit_avail(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Ask: DMs go out, the tally is posted; people not in Slack are listed to call."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    meta = decode(avail_blocks.AskMeta, view["private_metadata"])
    production = callsheets.production_by_id(db, body["team"]["id"], meta.production_id)
    permissions.require(db, production, user, "avail.ask")
    answers = read_values(view)
    members = list(answers.get("members") or [])
    form = avails.AvailForm(
        answers.get("position") or "",
        iso_date(answers.get("first_day"), "first_day"),
        iso_date(answers.get("last_day"), "last_day"),
        members,
        answers.get("others") or "",
        {uid: name for uid, (name, _) in _people(client, members).items()},
        [int(c) for c in answers.get("candidates") or []],  # offered ids: read_values checked
    )
    avails.ask(db, production, user, form, now)
    ack()


def answer_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Available or Not available, straight from the DM."""
    ack()
    said = "available" if action["action_id"] == avail_blocks.AVAILABLE else "not"
    avails.answer(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        said,
        None,
        None,
        context["clock"].now(),
    )


def open_partly(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Partly: which days, and a note (checked as the answer itself is)."""
    db, user = context["db"], body["user"]["id"]
    check, row = avails.own(db, body["team"]["id"], button(action), user)
    view = check_view(db, check, [row])
    open_modal(client, body["trigger_id"], avail_blocks.partly_modal(view, row.id))
    ack()


def submit_partly(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save the days and note."""
    meta = decode(avail_blocks.AnswerMeta, view["private_metadata"])
    answers = read_values(view)
    avails.answer(
        context["db"],
        body["team"]["id"],
        meta.answer_id,
        body["user"]["id"],
        "partly",
        answers.get("days") or [],
        answers.get("note"),
        context["clock"].now(),
    )
    ack()


def hold_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Hold, next to an available answer on the tally (coordinators)."""
    ack()
    holds.place_from_answer(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def holds_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Your holds across the workspace; coordinators also see the production's."""
    db, user, team = context["db"], command["user_id"], command["team_id"]
    production, person = productions.whoami(db, team, command["channel_id"], user)
    mine = [hold_view(db, h) for h in holds.mine(db, team, user)]
    if person is None and not mine:
        return ack(**reply("You're not on a production's crew list yet, and nobody holds you."))
    theirs = []
    if production is not None and permissions.allowed(person, "hold.place"):
        theirs = [hold_view(db, h) for h in holds.placed_by(db, production)]
    tz = production.timezone if production else "UTC"
    text = f"{len(mine)} holds on you" + (f", {len(theirs)} placed" if theirs else "")
    ack(**reply(text, hold_blocks.list_blocks(mine, theirs, tz)))


def hold_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """`/hold @person position days first|second` (coordinators): a hold without an avail."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "hold.place")
    request = direct.read(command.get("text", ""), production.timezone, now)
    name, _ = _people(client, [request.slack_user_id])[request.slack_user_id]
    hold = direct.place(db, production, user, request, name, now)
    ack(**reply(hold_blocks.held_text(hold_view(db, hold))))


def challenge_button(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Challenge a first hold (a lower holder's coordinator, or the person offered a booking)."""
    ack()
    holds.challenge(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def release_hold(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Release a hold (its production's coordinators)."""
    ack()
    holds.release(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def confirm_hold(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Confirm a hold: the booking form, filled in from it."""
    hold = holds.check_decider(
        context["db"], body["team"]["id"], button(action), body["user"]["id"]
    )
    meta = booking_blocks.BookMeta(hold.production_id, 0, hold.id, hold.name)
    prefill = booking_blocks.Prefill(
        hold.slack_user_id, hold.position, hold.first_day, hold.last_day
    )
    open_modal(client, body["trigger_id"], booking_blocks.book_modal(meta, prefill))
    ack()


def book_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Open the booking form; `/book cast` for talent."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    permissions.require(db, production, user, "booking.manage")
    cast = int(command.get("text", "").strip().lower() == "cast")
    meta = booking_blocks.BookMeta(production.id, cast)
    open_modal(client, command["trigger_id"], booking_blocks.book_modal(meta))
    ack()


def submit_book(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Book: refused over another booking on the same days, saying where."""
    db, user, now = context["db"], body["user"]["id"], context["clock"].now()
    meta = decode(booking_blocks.BookMeta, view["private_metadata"])
    production = callsheets.production_by_id(db, body["team"]["id"], meta.production_id)
    permissions.require(db, production, user, "booking.manage")
    a = read_values(view)
    who = a.get("person")
    name, email = _people(client, [who])[who] if who else ("", None)
    if name == who:  # Slack did not say: the name the hold was placed under
        name = meta.name or who
    form = bookings.BookingForm(
        who,
        name,
        a.get("position") or "",
        a.get("department"),
        iso_date(a.get("first_day"), "first_day"),
        iso_date(a.get("last_day"), "last_day"),
        a.get("rate") or "",
        a.get("rate_unit") or "day",
        a.get("kit_rental"),
        a.get("overtime"),
        email,
        meta.hold_id,
        **{k: a.get(k) for k in bookings.CAST_FIELDS},
    )
    bookings.book(db, production, user, form, now)
    ack()


def bookings_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Your bookings with your deal; coordinators everyone's (or `@person`'s)."""
    db, user = context["db"], command["user_id"]
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    named = _MENTION.search(command.get("text", ""))
    found = bookings.listed(db, production, user, named[1] if named else None)
    manage = permissions.allowed(permissions.member(db, production, user), "booking.manage")
    shown = [
        booking_view(db, b, bookings.name_of(db, b), bookings.may_see_rate(db, production, user, b))
        for b in found
    ]
    text = f"{len(shown)} bookings on {production.name}"
    ack(**reply(text, booking_blocks.list_blocks(shown, production.timezone, manage)))


def release_booking(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Release a booking (coordinators); the person is told."""
    ack()
    bookings.release(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def show_rate(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Show a booking's deal: to the person and the coordinators only."""
    ack()
    db, user = context["db"], body["user"]["id"]
    booking = bookings.rate_of(db, body["team"]["id"], button(action), user)
    view = booking_view(db, booking, bookings.name_of(db, booking), with_rate=True)
    lines = [f"{label}: {value}" for label, value in booking_blocks.deal(view)]
    text = escape(f"{view.name} on {view.production}: ") + "; ".join(lines)
    channel = (body.get("channel") or {}).get("id")
    events.record(db, Answered(context["clock"].now(), user, channel, text))
