"""A queued publish, in words: the immediate answer, the progress message, and a failure."""

from __future__ import annotations

from datetime import date

from bot.blocks.callsheets.schedule_change import moved_line
from bot.blocks.common import day_title
from bot.blocks.escape import escape
from bot.services.callsheets.publish_queue import Queued

# The command's own answer can't be edited later: it says where the outcome will be.
WATCH_DM = " Warnings, progress and the outcome: in your DM from Slate."


def queued_text(queued: Queued, *, again: bool = False) -> str:
    """ "Publishing Fri Jun 12 to 40 people…", with the changes it carries."""
    title = day_title(queued.date)
    if again:
        return f"{title} is already being published: watch your DM from Slate."
    lines = "; ".join(moved_line(c, queued.tz, queued.date) for c in queued.changes)
    changed = f" Changed: {lines}." if lines else ""
    people = queued.people
    return f"Publishing {title} to {people} {'person' if people == 1 else 'people'}…{changed}"


def failed_text(error: str | None, on: date | None) -> str:
    """Why a publish did not go out, and (when it may work next time) how to try again."""
    text = f":warning: Not published: {escape(error or 'something went wrong')}."
    if on is not None:
        text += f" Nothing was sent. Type `/callsheet publish {on:%Y-%m-%d}` to try again."
    return text
