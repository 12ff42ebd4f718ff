"""The /calltime answer, short enough to read on a phone between setups."""

from __future__ import annotations

from datetime import datetime

from bot.blocks.common import Block, clock, context, day_title, section
from bot.blocks.escape import escape
from bot.services.callsheets.calltime import CalltimeAnswer


def answer_text(answer: CalltimeAnswer) -> str:
    """The answer as one line of text."""
    if answer.message:
        return answer.message
    assert answer.day is not None
    tz = answer.production.timezone
    first = answer.entries[0]
    if not answer.group:
        who = "Your" if answer.subject == "You" else f"{first.name}'s"
        return f"{who} call {day_title(answer.day.date)}: {clock(first.call_at, tz)}"
    return f"{answer.subject} calls {day_title(answer.day.date)}"


def answer_blocks(answer: CalltimeAnswer) -> list[Block]:
    """Blocks for the ephemeral answer."""
    if answer.message or answer.day is None:
        return [section(escape(answer.message or ""))]
    tz, day = answer.production.timezone, answer.day
    told = day.published or {}
    if not answer.group:
        lines = [f"*{escape(answer_text(answer))}*"]
    else:
        lines = [f"*{escape(answer_text(answer))}*"] + [
            f"{clock(e.call_at, tz, day.date)} — {escape(e.name)}"
            + (" :white_check_mark:" if e.confirmed else "")
            for e in answer.entries
        ]
    shooting = told.get("shooting_call")
    if shooting:
        lines.append(f"Shooting call {clock(datetime.fromisoformat(shooting), tz, day.date)}")
    place = " · ".join(escape(x) for x in (told.get("location"), told.get("address")) if x)
    if place:
        lines.append(f":round_pushpin: {place}")
    if told.get("parking"):
        lines.append(f"Parking: {escape(told['parking'])}")
    return [
        section("\n".join(lines)),
        context(f"{escape(answer.production.name)} · revision {day.revision}"),
    ]
