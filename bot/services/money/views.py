"""Plain view data of expenses for bot/blocks: built here from rows, so rendering never queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.money.amounts import RECEIPT_THRESHOLD
from bot.store.models import Person, Production
from bot.store.models_money import BudgetLine, Expense


@dataclass(frozen=True)
class BudgetOption:
    """A budget line as a choice in the expense form."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ExpenseView:
    """An expense as people see it."""

    id: int
    number: int
    amount: Decimal | None
    currency: str
    spent_on: date
    method: str
    status: str
    description: str | None = None
    vendor: str | None = None
    line: BudgetOption | None = None
    receipt_name: str | None = None
    has_receipt: bool = False
    submitter: str = "someone"  # a display name
    decided_by: str = "a coordinator"
    reject_reason: str | None = None

    @property
    def needs_receipt(self) -> bool:
        """$75 or more and no receipt (IRS Publication 463)."""
        return not self.has_receipt and (self.amount or 0) >= RECEIPT_THRESHOLD


def option(line: BudgetLine) -> BudgetOption:
    """A budget line row as a form choice."""
    return BudgetOption(line.id, line.code, line.name)


def expense(row: Expense, currency: str, names: dict[str, str] | None = None) -> ExpenseView:
    """The view of an expense row; `names` maps Slack ids to display names."""
    who = names or {}
    return ExpenseView(
        id=row.id,
        number=row.number,
        amount=row.amount,
        currency=currency,
        spent_on=row.spent_on,
        method=row.method,
        status=row.status,
        description=row.description,
        vendor=row.vendor,
        line=option(row.budget_line) if row.budget_line else None,
        receipt_name=row.receipt_name,
        has_receipt=row.receipt_file_id is not None,
        submitter=who.get(row.submitter, "someone"),
        decided_by=who.get(row.decided_by or "", "a coordinator"),
        reject_reason=row.reject_reason,
    )


def names(session: Session, production: Production) -> dict[str, str]:
    """Slack user id -> name on the crew list."""
    rows = session.execute(
        select(Person.slack_user_id, Person.name).where(
            Person.production_id == production.id, Person.slack_user_id.is_not(None)
        )
    )
    return {uid: name for uid, name in rows}
