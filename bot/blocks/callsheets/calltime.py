"""The /calltime answer, short enough to read on a phone between setups."""

from __future__ import annotations

from bot.blocks.common import Block, clock, context, day_title, section
from bot.blocks.escape import escape
from bot.services.callsheets.calltime import CalltimeAnswer


def answer_text(answer: CalltimeAnswer) -> str:
    """The answer as one line of text."""
    if answer.message:
        return answer.message
    assert answer.day is not None
    first = answer.entries[0]
    if not answer.group:
        who = "Your" if answer.subject == "You" else f"{first.name}'s"
        return f"{who} call {day_title(answer.day.date)}: {clock(first.call_at, answer.tz)}"
    return f"{answer.subject} calls {day_title(answer.day.date)}"


def answer_blocks(answer: CalltimeAnswer) -> list[Block]:
    """Blocks for the ephemeral answer."""
    if answer.message or answer.day is None:
        return [section(escape(answer.message or ""))]
    tz, day = answer.tz, answer.day
    lines = [f"*{escape(answer_text(answer))}*"]
    if answer.group:
        shown = answer.entries[:60]
        lines += [
            f"{clock(e.call_at, tz, day.date)} — {escape(e.name)}"
            + (" :white_check_mark:" if e.confirmed else "")
            for e in shown
        ]
        if len(answer.entries) > len(shown):
            lines.append(f"…and {len(answer.entries) - len(shown)} more")
    if day.shooting_call:
        lines.append(f"Shooting call {clock(day.shooting_call, tz, day.date)}")
    place = " · ".join(escape(x) for x in (day.location, day.address) if x)
    if place:
        lines.append(f":round_pushpin: {place}")
    if day.parking:
        lines.append(f"Parking: {escape(day.parking)}")
    return [
        section("\n".join(lines)),
        context(f"{escape(answer.production)} · revision {day.revision}"),
    ]
