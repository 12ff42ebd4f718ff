"""How services name a day in the sentences they raise (the same words blocks use)."""

from __future__ import annotations

from datetime import date


def day_title(on: date) -> str:
    """ "Fri Jun 12"."""
    return on.strftime("%a %b %-d")
