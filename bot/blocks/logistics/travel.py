"""Travel: a traveller's itinerary and reminders, and the hotel rooming list."""

from __future__ import annotations

from datetime import date

from bot.blocks.common import Block, clock, day_title, header, section
from bot.blocks.escape import escape, truncate
from bot.services.logistics.itinerary import Itinerary, Leg

MAX_LEGS = 40
_KIND = {"flight": "Flight", "train": "Train", "hotel": "Hotel", "per_diem": "Per diem"}


def leg_line(leg: Leg, tz: str) -> str:
    """One leg as a traveller reads it."""
    kind = _KIND.get(leg.kind, leg.kind)
    ref = f" · conf. {escape(truncate(leg.confirmation, 60))}" if leg.confirmation else ""
    what = escape(truncate(leg.details, 120)) if leg.details else ""
    if leg.starts_at is not None:
        route = f"{escape(leg.origin or '')} → {escape(leg.destination or '')}"
        start = f"{day_title(leg.starts_at.date())} {clock(leg.starts_at, tz)}"
        arrive = f", arrives {clock(leg.ends_at, tz)}" if leg.ends_at else ""
        return f"*{kind}* {what} {route}: departs {start}{arrive}{ref}"
    span = f"{day_title(leg.start_on or date.min)} → {day_title(leg.end_on or date.min)}"
    return f"*{kind}* {what} {span}{ref}".replace("  ", " ")


def itinerary_message(it: Itinerary) -> tuple[str, list[Block]]:
    """The traveller's whole itinerary."""
    text = f"Your travel for {escape(it.production)}: {len(it.legs)} items"
    if not it.legs:
        text = f"No travel booked for you on {escape(it.production)}."
        return text, [section(text)]
    lines = [f"• {leg_line(leg, it.tz)}" for leg in it.legs[:MAX_LEGS]]
    return text, [header("Your travel"), section("\n".join(lines))]


def reminder(leg: Leg, tz: str, which: str) -> tuple[str, list[Block]]:
    """A departure a day or 3 hours away."""
    when = "tomorrow" if which == "day" else "in 3 hours"
    kind = _KIND.get(leg.kind, leg.kind).lower()
    text = f"Reminder: your {kind} leaves {when}"
    return text, [section(f"*{text}*\n{leg_line(leg, tz)}")]


def rooming(night: date, hotels: dict[str, list[str]]) -> tuple[str, list[Block]]:
    """/travel rooming: each hotel and its guests that night."""
    total = sum(len(names) for names in hotels.values())
    text = f"Rooming {day_title(night)}: {total} guests"
    if not hotels:
        return f"Nobody is in a hotel the night of {day_title(night)}.", []
    blocks: list[Block] = [header(text)]
    for hotel, names in list(hotels.items())[:40]:
        shown = ", ".join(escape(truncate(n, 80)) for n in names[:100])
        blocks.append(section(f"*{escape(truncate(hotel, 120))}* ({len(names)})\n{shown}"))
    return text, blocks
