"""A queued publish, in words: the immediate answer and the progress message's first state."""

from __future__ import annotations

from datetime import date

from bot.blocks.common import day_title
from bot.blocks.escape import escape


def queued_text(on: date, people: int, changes: tuple[str, ...], *, again: bool = False) -> str:
    """ "Publishing Fri Jun 12 to 40 people…", with the changes it carries."""
    title = day_title(on)
    if again:
        return f"{title} is already being published: watch your DM from Slate."
    changed = f" Changed: {escape('; '.join(changes))}." if changes else ""
    return f"Publishing {title} to {people} {'person' if people == 1 else 'people'}…{changed}"
