"""Searched choices as Slack options (an external select's answer)."""

from __future__ import annotations

from typing import Any

from bot.blocks.common import option
from bot.services.core.choices import MAX_CHOICES, Choice


def options(found: list[Choice]) -> list[dict[str, Any]]:
    """At most 100 options, each text within Slack's 75 characters (plain text: no pings)."""
    return [option(choice.text, choice.value) for choice in found[:MAX_CHOICES]]
