"""Wrap and gear: the wrap post, each person's loose-ends DM, and what gear is out."""

from __future__ import annotations

from datetime import date, datetime

from bot.blocks.common import Block, clock, day_title, section
from bot.blocks.escape import escape, truncate
from bot.blocks.limits import MAX_MESSAGE_BLOCKS
from bot.services.money.amounts import show
from bot.services.wrap.views import GearInfo, LooseEnds

SECTION_TEXT = 2900  # under Slack's 3,000 characters, with room for the bullet
FALLBACK_TEXT = 3000  # the notification line: long enough to read, never near the 40,000 cap


def describe(item: GearInfo) -> str:
    """ "c-stand 12 (tag G-12, from Hollywood Rentals, due back Jun 14)"."""
    extra = [
        f"tag {item.asset_tag}" if item.asset_tag else "",
        f"from {item.rental_house}" if item.rental_house else "",
        f"due back {item.return_due:%b %-d}" if item.return_due else "",
    ]
    details = ", ".join(x for x in extra if x)
    return escape(item.name + (f" ({details})" if details else ""))


def wrap_post(day: date, wrap_at: datetime, tz: str) -> str:
    """The crew channel's line at wrap."""
    return f":clapper: That's a wrap on {day_title(day)} at {clock(wrap_at, tz)}. Thank you!"


def loose_end_lines(ends: LooseEnds) -> list[str]:
    """One line per thing still open, user text escaped."""
    lines = [f"return {describe(item)}" for item in ends.gear]
    lines += [
        f"receipt for expense #{number} ({show(amount, ends.currency)}): DM me a photo"
        for number, amount in ends.receipts
    ]
    lines += [f"task: {escape(what[:120])}" for what in ends.tasks]
    if ends.paperwork:
        lines.append("paperwork to hand in: " + ", ".join(ends.paperwork))
    return lines


def wrap_dm(day: date, ends: LooseEnds) -> tuple[str, list[Block]]:
    """A person's one DM at wrap: what is open for them, however long the list."""
    lines = loose_end_lines(ends)
    title = f"Wrapped {day_title(day)}."
    if not lines:
        return (
            f"{title} Nothing open for you. Rest well.",
            [section(f":clapper: {title} Nothing open for you. Rest well.")],
        )
    text = truncate(f"{title} Before you go: " + "; ".join(lines), FALLBACK_TEXT)
    return text, [section(f":clapper: {title} Before you go:"), *_bullets(lines)]


def _bullets(lines: list[str]) -> list[Block]:
    """Lines packed into sections of at most SECTION_TEXT characters, within the block cap."""
    room = MAX_MESSAGE_BLOCKS - 2  # the title, and a last "and N more"
    chunks: list[list[str]] = [[]]
    for line in (f"• {truncate(line, SECTION_TEXT)}" for line in lines):
        if sum(len(x) + 1 for x in chunks[-1]) + len(line) > SECTION_TEXT:
            chunks.append([])
        chunks[-1].append(line)
    blocks = [section("\n".join(chunk)) for chunk in chunks[:room]]
    left = sum(len(chunk) for chunk in chunks[room:])
    if left:
        blocks.append(section(f"…and {left} more."))
    return blocks


def reminder(day: date) -> str:
    """The coordinator's nudge at the planned wrap time."""
    return (
        f"It's the planned wrap time for {day_title(day)}. When wrap is called, "
        "type `/wrap` (or `/wrap 19:42`)."
    )


def reminder_set(when: datetime, tz: str) -> str:
    """What /wrap remind answers."""
    return f"I'll remind you at {clock(when, tz)}."


def wrapped_reply(day: date, wrap_at: datetime, tz: str, told: int, corrected: bool) -> str:
    """What /wrap answers the coordinator."""
    verb = "Corrected wrap" if corrected else "Wrapped"
    told_line = "" if corrected else f"{told} people got their loose ends."
    return f"{verb} {day_title(day)} at {clock(wrap_at, tz)}. {told_line}"


def gear_out_reply(item: GearInfo) -> str:
    """/gear out: who has it now."""
    new = "New to the gear list: " if item.created else ""
    return f"{new}{describe(item)} is out to {escape(item.holder or 'you')}."


def gear_in_reply(item: GearInfo) -> str:
    """/gear in."""
    return f"{describe(item)} is back in."


def gear_list(items: list[GearInfo], tz: str) -> tuple[str, list[Block] | None]:
    """/gear: what is out, to whom, since when."""
    lines = [
        f"• {describe(i)} — {escape(i.holder or 'someone')}, since "
        f"{clock(i.out_since, tz)} {day_title(i.out_since.date())}"
        for i in items
        if i.out_since
    ]
    text = f"Gear out: {len(lines)}"
    if not lines:
        return text, None
    return text, [section(truncate("*Gear out*\n" + "\n".join(lines), SECTION_TEXT))]
