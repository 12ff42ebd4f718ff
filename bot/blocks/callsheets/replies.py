"""What Slate answers the coordinator who saved, published or changed a day."""

from __future__ import annotations

from bot.blocks.callsheets.callsheet import PublishAnywayMeta, warning_blocks
from bot.blocks.common import Block, day_title, section
from bot.blocks.escape import escape
from bot.services.callsheets.sheets import Published, Saved


def saved_text(saved: Saved) -> str:
    """The DM after the editor's Save."""
    title, short = day_title(saved.date), f"{saved.date:%-m/%-d}"
    if saved.publishes_at is None:
        text = (
            f"Saved {title}. Type `/callsheet publish {short}` to send "
            f"revision {saved.revision + 1} to the people it changes."
        )
    else:
        text = (
            f"Saved {title}. It goes out automatically at {saved.publishes_at}, or now with "
            f"`/callsheet publish {short}`."
        )
    if saved.stale:
        days = "\n".join(
            f"• {day_title(on)}: `/callsheet publish {on:%-m/%-d}`" for on in saved.stale
        )
        text += (
            "\nThe location changed for these published days too; their crew were told "
            f"otherwise until you publish each one:\n{days}"
        )
    return text


def published_reply(outcome: Published) -> tuple[str, list[Block]]:
    """The answer to a publish request: done, unchanged, or held by warnings."""
    title = day_title(outcome.date)
    if outcome.unchanged:
        text = (
            f"{title} is already out (revision {outcome.revision}) and nothing has "
            "changed since: no one was messaged again."
        )
        blocks = [section(escape(text))]
    elif not outcome.published:
        count = len(outcome.warnings)
        text = f"{title} has {count} warning{'s' if count != 1 else ''}: not sent yet."
        meta = PublishAnywayMeta(outcome.day_id, outcome.revision, outcome.ref)
        return text, warning_blocks(f"Before {title} goes out", outcome.warnings, meta)
    else:
        removed = f", {outcome.removed} told they're no longer called" if outcome.removed else ""
        text = (
            f"Published {title}, revision {outcome.revision}: {outcome.dms} personal "
            f"DM{'s' if outcome.dms != 1 else ''}{removed}."
        )
        blocks = [section(escape(text))]
        if outcome.warnings:
            shown = "\n".join(f"• {escape(w)}" for w in outcome.warnings[:40])
            blocks.append(section(f":warning: Published with warnings:\n{shown}"))
    if outcome.announced:
        text = f"Announced in the crew channel. {text}"
    return text, blocks
