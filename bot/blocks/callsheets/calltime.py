"""The /calltime answer, short enough to read on a phone between setups."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.blocks.callsheets.callsheet import day_blocks
from bot.blocks.common import Block, clock, context, day_title, reply, section
from bot.blocks.escape import escape, truncate
from bot.blocks.limits import MAX_MESSAGE_BLOCKS, BlockLimitError, check_texts
from bot.services.callsheets.calltime import CalltimeAnswer

CALL_LABEL = "Call"  # under a title that says whose call it is (theirs or someone's)
MAX_TIMES = 20  # call times listed in a group's summary; the rest are counted together


def answer_text(answer: CalltimeAnswer) -> str:
    """The answer as one line of text."""
    if answer.message:
        return answer.message
    assert answer.day is not None
    call = answer.call_at or (answer.person.call_at if answer.person is not None else None)
    if call is not None:  # one person's day
        who = "Your" if answer.subject == "You" else f"{answer.subject}'s"
        when = clock(call, answer.tz, answer.day.date)
        return f"{who} call {day_title(answer.day.date)}: {when}"
    people = f"{answer.total} {'person' if answer.total == 1 else 'people'}"
    return f"{answer.subject} calls {day_title(answer.day.date)}: {people}"


def answer_reply(answer: CalltimeAnswer) -> dict[str, Any]:
    """The ephemeral reply; a day drawn when it changed was checked against Slack's limits
    then, so only what is added around it is checked now."""
    blocks, text = answer_blocks(answer), answer_text(answer)
    if answer.shown is None or answer.message:
        return reply(text, blocks)
    check_texts([blocks[0], blocks[-1]])  # the title and footer around it
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        raise BlockLimitError(f"{len(blocks)} blocks in a message (max {MAX_MESSAGE_BLOCKS})")
    return {"response_type": "ephemeral", "text": text, "blocks": blocks}


def answer_blocks(answer: CalltimeAnswer) -> list[Block]:
    """Blocks for the answer: one person's whole day, or a group's counts and first names."""
    if answer.message or answer.day is None:
        return [section(escape(answer.message or ""))]
    footer = context(f"{escape(answer.production)} · revision {answer.day.revision}")
    title = section(f"*{escape(answer_text(answer))}*")
    if answer.shown is not None:  # drawn when it changed (bot/notify/callsheets/views.py)
        return [title, *json.loads(answer.shown), footer]
    if answer.person is not None:
        return [title, *day_blocks(answer.person, CALL_LABEL), footer]
    return [title, *_group_blocks(answer), footer]


def _group_blocks(answer: CalltimeAnswer) -> list[Block]:
    tz, day = answer.tz, answer.day
    assert day is not None
    shown: dict[datetime, str] = {}  # most of a department share a few call times
    at_time = lambda at: shown.get(at) or shown.setdefault(at, clock(at, tz, day.date))  # noqa: E731
    counts = [f"{at_time(at)} — {n}" for at, n in answer.counts[:MAX_TIMES]]
    later = sum(n for _, n in answer.counts[MAX_TIMES:])
    if later:
        counts.append(f"later calls — {later}")
    names = [
        f"{at_time(e.call_at)} — {escape(truncate(e.name, 60))}"
        + (" :white_check_mark:" if e.confirmed else "")
        for e in answer.entries
    ]
    rest = answer.total - len(answer.entries)
    if rest > 0:
        names.append(
            f"…and {rest} more: the call sheet PDF in the crew channel lists everyone, "
            "or narrow it down with a department, e.g. `/calltime grip`."
        )
    blocks = [section("*Calls*\n" + "\n".join(counts)), section("\n".join(names))]
    lines = []
    if day.shooting_call:
        lines.append(f"Shooting call {clock(day.shooting_call, tz, day.date)}")
    place = " · ".join(escape(x) for x in (day.location, day.address) if x)
    if place:
        lines.append(f":round_pushpin: {place}")
    if day.parking:
        lines.append(f"Parking: {escape(day.parking)}")
    if lines:
        blocks.append(section("\n".join(lines)))
    return blocks
