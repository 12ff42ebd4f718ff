"""Equipment rentals as purchase orders: committed on their budget line until the invoice is
logged as an expense naming the PO (`PO-3`), then the expense is the actual; and each rental
is checked against the vendor's certificate of insurance in /documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.services.money.amounts import read
from bot.services.wrap import gear
from bot.store.models import Production
from bot.store.models_logistics import RentalGear, RentalPO
from bot.store.models_money import BudgetLine, Expense
from bot.store.models_wrap import Document, GearItem
from bot.store.sequences import next_number
from bot.timeparse import TimeParseError, parse_day

USAGE = (
    "Type `/rental add #cam 4500 Panavision; Alexa Mini kit, 3 lenses; 6/11 to 6/14` "
    "(add `; no coi` when no insurance certificate is needed), or `/rental` for the list."
)
_PO = re.compile(r"\bPO[-\s#]?(\d{1,6})\b", re.IGNORECASE)
COI_KIND = "insurance"


@dataclass(frozen=True)
class RentalView:
    """A PO as listed: committed or invoiced, and its insurance flag (None: fine)."""

    number: int
    vendor: str
    items: str
    line: str
    cost: Decimal
    pickup_on: date
    return_on: date
    invoiced: bool
    coi_flag: str | None
    gear_out: tuple[str, ...] = ()  # its gear items checked out now


def add(session: Session, production: Production, actor: str, text: str, now: datetime) -> RentalPO:
    """`add #line amount vendor; items; from to until [; no coi]`."""
    permissions.require(session, production, actor, "rental.manage")
    parts = [p.strip() for p in text.split(";")]
    if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3].lower() != "no coi"):
        raise InvalidInput(USAGE)
    head = re.fullmatch(r"#(\S+)\s+(\S+)\s+(.{1,120})", parts[0])
    if not head or not parts[1]:
        raise InvalidInput(f"Say the budget line, the cost and the vendor. {USAGE}")
    line = session.scalar(
        select(BudgetLine).where(
            BudgetLine.production_id == production.id,
            func.lower(BudgetLine.code) == head[1].lower(),
        )
    )
    if line is None:
        raise InvalidInput(f"There's no budget line #{head[1]}. {USAGE}")
    dates = re.fullmatch(r"(.+?)\s+(?:to|until|-)\s+(.+)", parts[2])
    if not dates:
        raise InvalidInput(f"Say the pickup and return days, like `6/11 to 6/14`. {USAGE}")
    try:
        cost = read(head[2])
        pickup_on = parse_day(dates[1], production.timezone, now)
        return_on = parse_day(dates[2], production.timezone, now)
    except (ValueError, TimeParseError) as error:
        raise InvalidInput(f"{error} {USAGE}") from None
    if return_on < pickup_on or cost <= 0 or len(parts[1]) > 1000:
        raise InvalidInput(f"The return comes after the pickup, and the cost is above 0. {USAGE}")
    po = RentalPO(
        production_id=production.id,
        number=next_number(session, RentalPO.number, production.id),
        vendor=head[3].strip(),
        items=parts[1],
        budget_line_id=line.id,
        cost=cost,
        pickup_on=pickup_on,
        return_on=return_on,
        coi_required=len(parts) == 3,
        created_by=actor,
        created_at=now,
    )
    session.add(po)
    session.flush()
    _bring_gear(session, production, po)
    return po


def _bring_gear(session: Session, production: Production, po: RentalPO) -> None:
    """Each item the PO lists goes on the gear list, from the vendor, due back on the return
    day (so the gear list's return warning covers it), linked to the PO."""
    linked: set[int] = set()
    for name in (" ".join(n.split())[:120] for n in po.items.split(",")):
        if not name:
            continue
        vendor, due = po.vendor[:120], po.return_on
        item = gear.add(session, production, name, rental_house=vendor, return_due=due)
        if item.id not in linked:
            linked.add(item.id)
            session.add(
                RentalGear(production_id=production.id, rental_po_id=po.id, gear_item_id=item.id)
            )
    session.flush()


def _gear_out(session: Session, po: RentalPO) -> tuple[str, ...]:
    """The PO's gear items checked out right now."""
    return tuple(
        session.scalars(
            select(GearItem.name)
            .join(RentalGear, RentalGear.gear_item_id == GearItem.id)
            .where(RentalGear.rental_po_id == po.id, GearItem.holder.is_not(None))
            .order_by(GearItem.name)
        )
    )


def _invoiced(session: Session, production: Production) -> set[int]:
    """PO numbers named by a logged (not rejected) expense."""
    found: set[int] = set()
    for text in session.scalars(
        select(Expense.description).where(
            Expense.production_id == production.id,
            Expense.status.in_(("approved", "pending")),
            Expense.description.ilike("%po%"),
        )
    ):
        found.update(int(n) for n in _PO.findall(text or ""))
    return found


def committed(session: Session, production: Production) -> dict[int, Decimal]:
    """Per budget line id: the cost of POs not invoiced yet (for /budget)."""
    done = _invoiced(session, production)
    totals: dict[int, Decimal] = {}
    for po in session.scalars(select(RentalPO).where(RentalPO.production_id == production.id)):
        if po.number not in done:
            totals[po.budget_line_id] = totals.get(po.budget_line_id, Decimal(0)) + po.cost
    return totals


def coi_flag(session: Session, production: Production, po: RentalPO) -> str | None:
    """Why the rental's insurance is not in order, or None."""
    if not po.coi_required:
        return None
    certificates = session.scalars(
        select(Document).where(
            Document.production_id == production.id,
            Document.kind == COI_KIND,
            func.lower(Document.covers) == po.vendor.lower(),
        )
    )
    latest = max((d.expires for d in certificates), default=None)
    if latest is None:
        return "no certificate of insurance in /documents"
    if latest < po.return_on:
        return f"certificate of insurance expires {latest:%b %-d}, before the return"
    return None


def insurance_gaps(session: Session, production: Production, today: date) -> list[RentalView]:
    """Rentals not yet returned whose certificate of insurance is missing or runs out before
    the return (for /documents, beside the certificates themselves)."""
    return [r for r in views(session, production) if r.coi_flag and r.return_on >= today]


def listing(session: Session, production: Production, actor: str) -> list[RentalView]:
    """/rental: every PO, committed or invoiced, with its insurance flag."""
    permissions.require(session, production, actor, "rental.manage")
    return views(session, production)


def views(session: Session, production: Production) -> list[RentalView]:
    """Every PO as view data."""
    done = _invoiced(session, production)
    lines = select(BudgetLine.id, BudgetLine.code).where(BudgetLine.production_id == production.id)
    codes = {line_id: code for line_id, code in session.execute(lines)}
    pos = session.scalars(
        select(RentalPO).where(RentalPO.production_id == production.id).order_by(RentalPO.number)
    )
    return [
        RentalView(
            po.number,
            po.vendor,
            po.items,
            codes.get(po.budget_line_id, ""),
            po.cost,
            po.pickup_on,
            po.return_on,
            po.number in done,
            coi_flag(session, production, po),
            _gear_out(session, po),
        )
        for po in pos
    ]
