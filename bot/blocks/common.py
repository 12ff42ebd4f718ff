"""Small builders shared by every surface."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.blocks.escape import truncate
from bot.blocks.limits import check_message

Block = dict[str, Any]


def plain(text: str, limit: int = 3000) -> dict[str, Any]:
    """A plain_text object (never parsed for mentions)."""
    return {"type": "plain_text", "text": truncate(text, limit), "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn text object; callers escape user text first."""
    return {"type": "mrkdwn", "text": truncate(text, 3000)}


def section(text: str, block_id: str | None = None) -> Block:
    """A section of mrkdwn text."""
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if block_id:
        block["block_id"] = block_id
    return block


def header(text: str) -> Block:
    """A header block."""
    return {"type": "header", "text": plain(text, 150)}


def context(text: str) -> Block:
    """Small grey text."""
    return {"type": "context", "elements": [mrkdwn(text)]}


def divider() -> Block:
    """A horizontal rule."""
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", style: str | None = None) -> dict:
    """A button element."""
    element: dict[str, Any] = {"type": "button", "text": plain(text, 75), "action_id": action_id}
    if value:
        element["value"] = value
    if style:
        element["style"] = style
    return element


def option(text: str, value: str) -> dict[str, Any]:
    """An option for selects."""
    return {"text": plain(text, 75), "value": value}


def reply(text: str, blocks: list[Block] | None = None) -> dict[str, Any]:
    """An ephemeral reply to a slash command (the body of its ack), checked against limits."""
    message = {"response_type": "ephemeral", "text": text, "blocks": blocks or [section(text)]}
    check_message(message)
    return message


def clock(moment: datetime | None, tz: str, day: date | None = None) -> str:
    """A time as crew read it, "6:30 AM"; marked "(Sat)" when it falls on another day."""
    if moment is None:
        return "—"
    local = moment.astimezone(ZoneInfo(tz))
    text = local.strftime("%-I:%M %p")
    if day is not None and local.date() != day:
        text += f" ({local:%a})"
    return text


def day_title(on: date) -> str:
    """ "Fri Jun 12"."""
    return on.strftime("%a %b %-d")


def fields(pairs: list[tuple[str, str]]) -> Block:
    """A section of label/value fields (at most ten)."""
    return {
        "type": "section",
        "fields": [mrkdwn(f"*{label}*\n{value}") for label, value in pairs[:10]],
    }


def actions(block_id: str, *elements: dict[str, Any]) -> Block:
    """An actions block."""
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def input_block(
    block_id: str,
    label: str,
    element: dict[str, Any],
    optional: bool = False,
    hint: str | None = None,
) -> Block:
    """A modal input whose element's action_id is its block_id (forms read answers by it)."""
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(label, 2000),
        "element": {"action_id": block_id, **element},
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block
