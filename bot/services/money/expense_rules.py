"""What makes an expense acceptable: its amount, its budget line, its date and receipt."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import FieldErrors, InvalidInput
from bot.services.core.text import within
from bot.services.money.amounts import ceiling, read
from bot.services.money.quick import NEGATIVE, USAGE, ExpenseForm
from bot.store.models import Production
from bot.store.models_money import METHODS, BudgetLine

RECEIPT_TYPES = ("jpg", "jpeg", "png", "heic", "gif", "webp", "pdf")


def budget_line(session: Session, production: Production, form: ExpenseForm) -> BudgetLine | None:
    """The line a form names, by id from the list or by #code, on this production only."""
    if form.budget_line_id is not None:
        line = session.get(BudgetLine, form.budget_line_id)
        if line is None or line.production_id != production.id:
            raise InvalidInput("Pick a budget line from the list.", field="budget_line")
        return line
    if not form.budget_code:
        return None
    line = session.scalar(
        select(BudgetLine).where(
            BudgetLine.production_id == production.id,
            func.lower(BudgetLine.code) == form.budget_code.lower(),
        )
    )
    if line is None:
        codes = session.scalars(
            select(BudgetLine.code)
            .where(BudgetLine.production_id == production.id)
            .order_by(BudgetLine.code)
        ).all()
        raise InvalidInput(
            f"No budget line #{form.budget_code}. Lines: "
            f"{', '.join('#' + c for c in codes) or 'none yet'}.",
            field="budget_line",
        )
    return line


def checked(
    session: Session, production: Production, form: ExpenseForm, today: date
) -> tuple[Decimal, BudgetLine | None, str | None, str | None]:
    """(amount, line, vendor, description), or FormInvalid naming every wrong field at once."""
    found = FieldErrors()
    amount = found.take(_amount, production, form)
    found.take(_details, form, today)
    line = found.take(budget_line, session, production, form)
    vendor = found.take(within, form.vendor, 120, "vendor")
    description = found.take(within, form.description, 2000, "description")
    found.check()
    assert amount is not None  # found.check() refused a form without one
    return amount, line, vendor, description


def _amount(production: Production, form: ExpenseForm) -> Decimal:
    """The form's amount, refused plainly when it is not one or is too big."""
    try:
        amount = read(form.amount or "")
    except ValueError as error:
        raise InvalidInput(
            f"{error} {USAGE}" if form.amount else "Type the amount.", field="amount"
        ) from error
    if amount <= 0:
        raise InvalidInput(NEGATIVE, field="amount")
    cap = ceiling(production.settings or {}, "expense_cap")
    if amount > cap:
        raise InvalidInput(
            f"{amount:,.2f} is over this production's cap of {cap:,.2f} for one "
            "expense. Check the amount, or ask a coordinator.",
            field="amount",
        )
    return amount


def _details(form: ExpenseForm, today: date) -> None:
    """The method, date and receipt: each wrong one on its own field."""
    found = FieldErrors()
    if form.method not in METHODS:
        found.add("method", "Pick how it was paid.")
    if form.spent_on and form.spent_on > today + timedelta(days=1):
        found.add("spent_on", "That date is in the future. Use the day you spent it.")
    if form.spent_on and form.spent_on < today - timedelta(days=365):
        found.add(
            "spent_on",
            f"That date is more than a year back. Use the day you spent it, "
            f"{today - timedelta(days=365):%Y-%m-%d} or later.",
        )
    if form.receipt and (form.receipt.get("filetype") or "").lower() not in RECEIPT_TYPES:
        found.add("receipt", "A receipt must be a photo or a PDF.")
    found.check()
