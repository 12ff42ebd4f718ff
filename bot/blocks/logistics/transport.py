"""Transport: drivers' run sheets with their buttons, riders' pickups, the live board."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

from bot.blocks.common import Block, actions, button, clock, context, day_title, header, section
from bot.blocks.escape import escape, truncate
from bot.services.logistics.runs import LATE_CHOICES, RunSheet, Stop
from bot.services.logistics.shuttles import Shuttle

PICKED_UP = "pickup_done"
LATE = "pickup_late"
MAX_STOPS = 20  # two blocks each: a message stays within Slack's 50 blocks
MAX_SHUTTLES = 6


def maps_link(address: str) -> str:
    """The address as a maps link (the text escaped; the URL encoded, so it cannot break out)."""
    url = "https://www.google.com/maps/search/?api=1&query=" + quote_plus(address)
    return f"<{url}|{escape(truncate(address, 200))}>"


def _status(s: Stop) -> str:
    if s.status == "picked_up":
        return "picked up"
    if s.status == "late":
        return f"running {s.late_minutes} min late"
    return "planned"


def _line(s: Stop, tz: str, with_driver: bool) -> str:
    who = f"*{clock(s.at, tz)}* — {escape(s.rider)}"
    extra = f"\n{maps_link(s.address)}"
    if with_driver:
        extra += f"\nDriver: {escape(s.driver)}" + (f" ({escape(s.vehicle)})" if s.vehicle else "")
    elif s.vehicle:
        extra += f"\n{escape(s.vehicle)}"
    return who + extra


def shuttle_line(s: Shuttle, tz: str, with_driver: bool) -> str:
    """A shuttle loop: when, how often, the stops in order, the departures."""
    first, last = clock(s.departures[0], tz), clock(s.departures[-1], tz)
    times = ", ".join(clock(t, tz) for t in s.departures[:12])
    more = f" … ({len(s.departures)} runs)" if len(s.departures) > 12 else ""
    line = f"*Shuttle {first} to {last}, every {s.every_minutes} min* — "
    line += " → ".join(escape(truncate(stop, 60)) for stop in s.route)
    line += f"\nLeaves {escape(s.route[0])}: {times}{more}"
    vehicle = f" ({escape(s.vehicle)})" if s.vehicle else ""
    return line + (f"\nDriver: {escape(s.driver)}{vehicle}" if with_driver else vehicle)


def _buttons(s: Stop) -> Block:
    late: dict[str, Any] = {
        "type": "static_select",
        "action_id": LATE,
        "placeholder": {"type": "plain_text", "text": "Running late"},
        "options": [
            {"text": {"type": "plain_text", "text": f"{m} min"}, "value": f"{s.pickup_id}:{m}"}
            for m in LATE_CHOICES
        ],
    }
    return actions(f"stop:{s.pickup_id}", button("Picked up", PICKED_UP, str(s.pickup_id)), late)


def run_sheet_message(sheet: RunSheet, revised: bool = False) -> tuple[str, list[Block]]:
    """A driver's stops in order, each with Picked up / Running late."""
    title = ("REVISED run sheet" if revised else "Run sheet") + f" — {day_title(sheet.date)}"
    text = f"{title}: {len(sheet.stops)} pickup{'s' if len(sheet.stops) != 1 else ''}"
    if sheet.shuttles:
        text += f", {len(sheet.shuttles)} shuttle{'s' if len(sheet.shuttles) != 1 else ''}"
    blocks: list[Block] = [header(title)]
    for s in sheet.stops[:MAX_STOPS]:
        blocks += [section(_line(s, sheet.tz, False)), _buttons(s)]
    blocks += [section(shuttle_line(s, sheet.tz, False)) for s in sheet.shuttles[:MAX_SHUTTLES]]
    blocks.append(context(escape(sheet.production)))
    return text, blocks


def rider_message(s: Stop, sheet: RunSheet) -> tuple[str, list[Block]]:
    """A rider's changed pickup (the call-sheet DM carried the first one)."""
    text = f"REVISED pickup {day_title(sheet.date)}: {clock(s.at, sheet.tz)}"
    return text, [section(f"*{text}*\n" + _line(s, sheet.tz, True))]


def board(sheet: RunSheet) -> tuple[str, list[Block]]:
    """The live board: every pickup of the day and how it is going."""
    done = sum(1 for s in sheet.stops if s.status == "picked_up")
    text = f"Pickups {day_title(sheet.date)}: {done}/{len(sheet.stops)} picked up"
    lines = [
        f"• {clock(s.at, sheet.tz)} {escape(s.rider)} — {escape(s.driver)}: {_status(s)}"
        for s in sheet.stops[:MAX_STOPS]
    ]
    return text, [section(f"*{text}*\n" + "\n".join(lines))]


def listing(sheet: RunSheet) -> tuple[str, list[Block]]:
    """/transport [day]: every pickup, with driver and vehicle."""
    if not sheet.stops and not sheet.shuttles:
        text = f"No pickups on {day_title(sheet.date)} yet."
        return text, [section(text)]
    text = f"Pickups {day_title(sheet.date)}: {len(sheet.stops)}"
    if sheet.shuttles:
        text += f" · shuttles: {len(sheet.shuttles)}"
    blocks: list[Block] = [header(text)]
    blocks += [section(_line(s, sheet.tz, True)) for s in sheet.stops[:MAX_STOPS]]
    blocks += [section(shuttle_line(s, sheet.tz, True)) for s in sheet.shuttles[:MAX_SHUTTLES]]
    return text, blocks
