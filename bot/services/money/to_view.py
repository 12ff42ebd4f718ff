"""Rows to the plain view data blocks render: the only place money rows become views."""

from __future__ import annotations

from bot.services.money.views import BudgetOption, ExpenseView
from bot.store.models_money import BudgetLine, Expense


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
