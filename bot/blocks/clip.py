"""Cutting mrkdwn to Slack's limits without breaking an escaped character."""

from __future__ import annotations

import re

from bot.blocks.escape import escape

_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")


def cut(shown: str, limit: int) -> str:
    """Cut already-escaped text to `limit` characters, never mid-entity, marking the cut."""
    if len(shown) <= limit:
        return shown
    return _PARTIAL_ENTITY.sub("", shown[: limit - 1]) + "…"


def clip(text: str | None, limit: int) -> str:
    """Escape user text and cut it to `limit` characters."""
    return cut(escape(text), limit)
