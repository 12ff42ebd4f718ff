"""What people type is stored whole or refused: never cut short without saying so."""

from __future__ import annotations

from bot.errors import InvalidInput


def within(text: str | None, limit: int, field: str) -> str | None:
    """`text` stripped (None when empty), or a field error when it is longer than `limit`."""
    value = (text or "").strip()
    if len(value) > limit:
        raise InvalidInput(
            f"Keep it under {limit} characters (yours is {len(value)}).", field=field
        )
    return value or None
