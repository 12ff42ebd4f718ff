"""The App Home tab: next call, days ahead, tallies (coordinators), then help."""

from __future__ import annotations

from typing import Any

from bot.blocks.common import Block, clock, day_title, divider, header, section
from bot.blocks.escape import escape, truncate
from bot.blocks.help import help_blocks
from bot.blocks.logistics.catering import diet_button
from bot.services.core.home import HomeSummary, HomeView

MAX_LINES = 20  # per list: a crew of 500 must not push the tab past Slate's limits


def home_view(view: HomeView) -> dict[str, Any]:
    """The Home tab for one person."""
    blocks: list[Block] = [header(view.help.production or "Slate")]
    if view.summary is not None:
        blocks += [*_summary_blocks(view.summary), diet_button()]
    return {"type": "home", "blocks": [*blocks, divider(), *help_blocks(view.help)]}


def _lines(items: list[str]) -> str:
    return "\n".join(f"• {escape(truncate(line, 150))}" for line in items[:MAX_LINES])


def _day_lines(summary: HomeSummary) -> list[str]:
    """Where and what else, from the person's own stored day (as their DM said it)."""
    day = summary.next_day
    if day is None:
        return []
    t = lambda m: clock(m, day.tz, day.date)  # noqa: E731
    times = [
        f"{label} {t(at)}"
        for label, at in (("Pickup", day.pickup_at), ("Hair & make-up", day.hmu_at))
        if at is not None
    ]
    place = " · ".join(x for x in (day.location, day.address) if x)
    lines = [" · ".join(times)] if times else []
    for label, text in (("", place), ("Parking: ", day.parking), ("Hospital: ", day.hospital)):
        if text:
            lines.append(label + escape(truncate(text, 300)))
    if day.lunch:
        lines.append(f"Lunch {t(day.lunch)}")
    return lines


def _summary_blocks(summary: HomeSummary) -> list[Block]:
    tz = summary.timezone
    blocks: list[Block] = []
    if summary.next_call is not None:
        lines = [escape(summary.next_call), *_day_lines(summary)]
        blocks.append(section("*Your next call*\n" + "\n".join(lines)))
    if summary.upcoming:
        lines = [
            f"{day_title(on)} — "
            + ("you're off" if off else f"call {clock(call, tz) if call else 'not out yet'}")
            + (f" — {escape(place)}" if place else "")
            for on, call, place, off in summary.upcoming
        ]
        blocks.append(section("*Coming up*\n" + "\n".join(lines)))
    for title, items in (
        ("Open tasks", summary.tasks),
        ("Your expenses", summary.expenses),
        ("Waiting for approval", summary.approvals),
        ("Budget", summary.budget),
        ("Your holds", summary.holds),
        ("Your bookings", summary.bookings),
        ("Start paperwork", summary.onboarding),
        ("Logistics", summary.logistics),
    ):
        if items:
            blocks.append(section(f"*{title}*\n{_lines(items)}"))
    if summary.petty_cash:
        blocks.append(section(f"*Petty cash:* {escape(summary.petty_cash)}"))
    if summary.tallies:
        lines = [
            f"{day_title(t.date)}: {t.confirmed}/{t.total} confirmed (revision {t.revision})"
            for t in summary.tallies
        ]
        blocks.append(section("*Confirmations*\n" + "\n".join(lines)))
    return blocks
