"""Rentals: the purchase orders, committed or invoiced, with their insurance flags."""

from __future__ import annotations

from decimal import Decimal

from bot.blocks.common import Block, day_title, section
from bot.blocks.escape import escape, truncate
from bot.services.logistics.rentals import RentalView
from bot.services.money.amounts import show

MAX_ROWS = 40


def added(number: int, vendor: str, cost: Decimal, currency: str) -> str:
    """What `/rental add` saved."""
    return (
        f"PO-{number} saved: {escape(vendor)}, {show(cost, currency)} committed. "
        f"Log the invoice with `/expense` naming PO-{number} and it moves to actuals."
    )


def listing(rows: list[RentalView], currency: str) -> tuple[str, list[Block]]:
    """/rental: each PO, its line, dates, cost, state and insurance flag."""
    if not rows:
        text = "No rentals yet. Type `/rental add #cam 4500 Panavision; Alexa kit; 6/11 to 6/14`."
        return text, [section(text)]
    lines = []
    for r in rows[:MAX_ROWS]:
        state = "actual (invoiced)" if r.invoiced else "committed"
        flag = f"\n:warning: {escape(r.coi_flag)}" if r.coi_flag else ""
        if r.gear_out:
            flag += "\nOut now: " + escape(truncate(", ".join(r.gear_out), 300))
        lines.append(
            f"*PO-{r.number}* {escape(truncate(r.vendor, 80))} · #{escape(r.line)} · "
            f"{show(r.cost, currency)} {state}\n{escape(truncate(r.items, 300))} · "
            f"{day_title(r.pickup_on)} → {day_title(r.return_on)}{flag}"
        )
    text = f"Rentals: {len(rows)}"
    return text, [section(line) for line in lines]
