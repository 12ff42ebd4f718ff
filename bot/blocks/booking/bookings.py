"""Booking surfaces: the /book form (crew or cast), the confirmation DM, /bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.blocks.common import (
    Block,
    actions,
    button,
    clock,
    context,
    input_block,
    option,
    plain,
    section,
)
from bot.blocks.common import fields as field_block
from bot.blocks.escape import escape
from bot.blocks.metadata import Meta, encode
from bot.services.booking.views import BookingView
from bot.services.money.amounts import show

BOOK_CALLBACK = "booking_book"
RELEASE, SHOW_RATE = "booking_release", "booking_rate"
STATUSES = ("W", "SW", "WF", "SWF", "H")
STATUS_WORDS = {
    "W": "W (work)",
    "SW": "SW (start work)",
    "WF": "WF (work finish)",
    "SWF": "SWF (start work finish)",
    "H": "H (hold)",
}


@dataclass(frozen=True)
class BookMeta(Meta):
    """The booking form: production, cast or crew, and the hold it confirms (if any)."""

    KIND = "booking_book"
    production_id: int
    cast: int
    hold_id: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class Prefill:
    """What the form starts with when it confirms a hold."""

    person: str | None = None
    position: str | None = None
    first_day: date | None = None
    last_day: date | None = None


def _text(block_id: str, label: str, initial: str | None = None, optional: bool = False) -> Block:
    element: dict[str, Any] = {"type": "plain_text_input"}
    if initial:
        element["initial_value"] = initial
    return input_block(block_id, label, element, optional)


def _date(block_id: str, label: str, initial: date | None, optional: bool = False) -> Block:
    element: dict[str, Any] = {"type": "datepicker"}
    if initial:
        element["initial_date"] = initial.isoformat()
    return input_block(block_id, label, element, optional)


def book_modal(meta: BookMeta, prefill: Prefill | None = None) -> dict[str, Any]:
    """Who, position, days, rate (per day or week), kit, overtime; for cast, role and times."""
    fill = prefill or Prefill()
    person: dict[str, Any] = {"type": "users_select"}
    if fill.person:
        person["initial_user"] = fill.person
    units = [option("per day", "day"), option("per week", "week")]
    blocks = [
        input_block("person", "Who", person),
        _text("position", "Position", fill.position),
        _text("department", "Department", optional=True),
        _date("first_day", "First day", fill.first_day),
        _date("last_day", "Last day", fill.last_day, optional=True),
        _text("rate", "Rate (like 650 or $3,250.00)"),
        input_block(
            "rate_unit",
            "Rate is",
            {"type": "static_select", "options": units, "initial_option": units[0]},
        ),
        _text("kit_rental", "Kit / box rental (per day)", optional=True),
        _text("overtime", "Overtime terms (like 1.5x after 10, 2x after 12)", optional=True),
    ]
    if meta.cast:
        statuses = [option(STATUS_WORDS[s], s) for s in STATUSES]
        blocks[1] = _text("position", "Position", fill.position or "Cast")
        blocks += [
            _text("character", "Character"),
            input_block("cast_status", "Status", {"type": "static_select", "options": statuses}),
            _text("fitting", "Fitting (like tue 2pm)", optional=True),
            _text("rehearsal", "Rehearsal (like wed 10am)", optional=True),
            _text("agent_name", "Agent (never messaged by Slate)", optional=True),
            _text("agent_email", "Agent's email", optional=True),
            _text("agent_phone", "Agent's phone", optional=True),
        ]
    return {
        "type": "modal",
        "callback_id": BOOK_CALLBACK,
        "private_metadata": encode(meta),
        "title": plain("Book cast" if meta.cast else "Book crew", 24),
        "submit": plain("Book", 24),
        "blocks": blocks,
    }


def deal(view: BookingView) -> list[tuple[str, str]]:
    """The private part, as label/value pairs (only for views built with the rate)."""
    if view.rate is None:
        return []
    pairs = [("Rate", f"{show(view.rate, view.currency)} per {view.rate_unit}")]
    if view.kit_rental is not None:
        pairs.append(("Kit rental", f"{show(view.kit_rental, view.currency)} per day"))
    if view.overtime:
        pairs.append(("Overtime", escape(view.overtime)))
    return pairs


def confirmation_text(view: BookingView) -> str:
    """The booked person's notification."""
    return escape(f"You're booked on {view.production}: {view.position}, {view.dates}.")


def details(view: BookingView, tz: str) -> list[tuple[str, str]]:
    """Position, days and, for cast, role and times."""
    pairs = [("Position", escape(view.position)), ("Days", view.dates)]
    if view.department:
        pairs.append(("Department", escape(view.department)))
    if view.character:
        status = STATUS_WORDS.get(view.cast_status or "", "")
        pairs.append(("Character", escape(view.character) + (f" · {status}" if status else "")))
    for label, moment in (("Fitting", view.fitting_at), ("Rehearsal", view.rehearsal_at)):
        if moment is not None:
            pairs.append((label, _at(moment, tz)))
    return pairs


def _at(moment: datetime, tz: str) -> str:
    return f"{moment.astimezone(ZoneInfo(tz)):%a %b %-d}, {clock(moment, tz)}"


def confirmation_blocks(view: BookingView, tz: str) -> list[Block]:
    """The DM to the booked person: the whole deal (it is theirs)."""
    return [
        section(confirmation_text(view)),
        field_block(details(view, tz) + deal(view)),
        actions("booking", button("Show my deal", SHOW_RATE, str(view.id))),
    ]


def released_text(view: BookingView) -> str:
    """A released booking, as the person hears it."""
    return escape(f"{view.production} has released your booking: {view.position}, {view.dates}.")


def list_blocks(views: list[BookingView], tz: str, manage: bool) -> list[Block]:
    """/bookings: one section each; the deal only where the viewer may see it."""
    if not views:
        return [section("No bookings yet.")]
    shown: list[Block] = []
    for view in views[:40]:
        pairs = [(escape(view.name), " · ".join(v for _, v in details(view, tz)[:2]))]
        pairs += deal(view)
        block = field_block(pairs)
        if manage:
            block["accessory"] = button("Release", RELEASE, str(view.id))
        shown.append(block)
    if len(views) > 40:
        shown.append(context(f"…and {len(views) - 40} more: `slate export bookings`."))
    return shown
