"""The short messages around a call sheet: revisions, drops, reminders and the night's post."""

from __future__ import annotations

from datetime import date, datetime

from bot.blocks.common import Block, clock, day_title, section
from bot.blocks.escape import escape, truncate
from bot.services.callsheets.person_day import Change


def change_line(
    change: Change, tz: str, on: date, *, label: str | None = None, joiner: str = ": "
) -> str:
    """The one way a change reads, escaped: "Parking: Lot B → Lot C", "Notes changed"."""
    label = change.label if label is None else label
    if change.kind == "note":
        return f"{label} changed"

    def show(value: str | None) -> str:
        if value is None:
            return "none"
        if change.kind == "time":
            return clock(datetime.fromisoformat(value), tz, on)
        return escape(truncate(value, 300))

    return f"{label}{joiner}{show(change.before)} → {show(change.after)}"


def revision_text(revision: int, summary: tuple[Change, ...], tz: str, on: date) -> str:
    """The change summary in the channel post's thread."""
    if not summary:
        return f"Revision {revision}: details updated (scenes, calls or notes)"
    return f"Revision {revision}: " + "; ".join(change_line(c, tz, on) for c in summary)


def dropped_text(on: date) -> str:
    """The DM to someone no longer called."""
    return (
        f"REVISED: you're no longer called for {day_title(on)}. "
        "Type /calltime to check your next call."
    )


def superseded_text(revision: int) -> str:
    """What an old DM says once a newer revision replaced it."""
    return f"Superseded by revision {revision} — see the newer message below."


def superseded_blocks(text: str) -> list[Block]:
    """An old DM without its Confirm button."""
    return [section(f":arrow_down: {text}")]


def chase_text(on: date, people: list[tuple[str, str | None]]) -> str:
    """The coordinators' list of who is still silent after two nudges, with phones."""
    lines = "\n".join(
        f"• {escape(name)} — {escape(phone or 'no phone')}" for name, phone in people[:200]
    )
    more = f"\n…and {len(people) - 200} more" if len(people) > 200 else ""
    return f"Still not confirmed for {day_title(on)} after two nudges — please call:\n{lines}{more}"


def autopublish_failed_text(on: date, reason: str) -> str:
    """Why the nightly post did not go out."""
    return (
        f":warning: The call sheet for {day_title(on)} could "
        f"not go out automatically: {escape(reason)}"
    )
