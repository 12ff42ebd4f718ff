"""The budget: lines, actuals against them, and alerts at 90 % and 100 %."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events
from bot.services.core.crew import RowError
from bot.services.core.csvfile import cells
from bot.services.logistics.rentals import committed
from bot.services.logistics.travel import per_diem_totals
from bot.services.money.amounts import read
from bot.services.money.events import BudgetThresholdCrossed
from bot.services.money.views import LineReport
from bot.store.models import Production
from bot.store.models_money import BudgetLine, Expense

ZERO = Decimal("0.00")


def report(session: Session, production: Production) -> list[LineReport]:
    """Every line with its approved and pending totals."""
    totals: dict[tuple[int, str], Decimal] = {
        (line_id, status): Decimal(total)
        for line_id, status, total in session.execute(
            select(Expense.budget_line_id, Expense.status, func.sum(Expense.amount))
            .where(
                Expense.production_id == production.id, Expense.status.in_(("approved", "pending"))
            )
            .group_by(Expense.budget_line_id, Expense.status)
        )
    }
    lines = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.production_id == production.id)
        .order_by(BudgetLine.code)
    )
    open_pos = committed(session, production)
    per_diem = per_diem_totals(session, production)  # actuals without an expense row
    return [
        LineReport(
            line.code,
            line.name,
            line.amount,
            totals.get((line.id, "approved"), ZERO) + per_diem.get(line.id, ZERO),
            totals.get((line.id, "pending"), ZERO),
            open_pos.get(line.id, ZERO),
        )
        for line in lines
    ]


def check_thresholds(
    session: Session, production: Production, line: BudgetLine | None, now: datetime
) -> None:
    """Tell the coordinators once when a line crosses 90 % and once at 100 %."""
    if line is None or not production.coordinators_channel_id:
        return
    row = next(r for r in report(session, production) if r.code == line.code)
    for level, flag in ((100, "alerted_100"), (90, "alerted_90")):
        if row.percent >= level and not getattr(line, flag):
            setattr(line, flag, True)
            if level == 100:
                line.alerted_90 = True  # one message when a line jumps past both
            crossed = BudgetThresholdCrossed(
                at=now,
                production_id=production.id,
                code=line.code,
                name=line.name,
                level=level,
                percent=row.percent,
                used=row.spent + row.pending,
                budget=row.budget,
            )
            events.record(session, crossed)
            return


def import_csv(session: Session, production: Production, text: str) -> tuple[int, list[RowError]]:
    """Budget lines from CSV (code,name,amount); all or nothing; re-import updates."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if {"code", "name", "amount"} - {(h or "").strip().lower() for h in reader.fieldnames or []}:
        return 0, [RowError(1, "the header row needs code, name and amount")]
    rows, errors = [], []
    for raw in reader:
        try:
            values = cells(raw)
            amount = read(values["amount"])
            if not values["code"] or not values["name"] or amount < 0:
                raise ValueError("needs a code, a name and an amount of 0 or more")
            if len(values["code"]) > 20 or len(values["name"]) > 120:
                raise ValueError("keep the code under 20 characters and the name under 120")
        except ValueError as error:
            errors.append(RowError(reader.line_num, str(error)))
            continue
        rows.append((values["code"].lstrip("#"), values["name"], amount))
    if errors:
        return 0, errors
    for code, name, amount in rows:
        line = session.scalar(
            select(BudgetLine).where(
                BudgetLine.production_id == production.id, BudgetLine.code == code
            )
        )
        if line is None:
            session.add(
                BudgetLine(production_id=production.id, code=code, name=name, amount=amount)
            )
        else:
            line.name, line.amount = name, amount
    session.flush()
    return len(rows), []
