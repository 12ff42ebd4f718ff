"""Expenses: logged in five seconds on set, approved by coordinators, coded to the budget."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput, NotAuthorized
from bot.services.core.productions import fetch, member, require_coordinator
from bot.services.money import expense_alerts as alerts
from bot.services.money.amounts import AMOUNT, RECEIPT_THRESHOLD, parse_amount
from bot.store import sequences
from bot.store.models import Production
from bot.store.models_money import METHODS, BudgetLine, Expense

DEFAULT_CAP = Decimal("10000")
RECEIPT_TYPES = ("jpg", "jpeg", "png", "heic", "gif", "webp", "pdf")
USAGE = "Type `/expense 42.50 gaffer tape at B&H #g&e`, or `/expense` alone for the form."


@dataclass
class ExpenseForm:
    """What the quick form or the modal says."""

    amount: str | None
    description: str | None = None
    vendor: str | None = None
    budget_code: str | None = None
    budget_line_id: int | None = None
    method: str = "personal"
    spent_on: date | None = None
    receipt: dict | None = None  # a Slack file: id, name, filetype, url_private


def parse_quick(text: str) -> ExpenseForm | None:
    """`42.50 gaffer tape at B&H #g&e`; None when there is no amount (open the form)."""
    amounts = AMOUNT.findall(text)
    if re.search(r"(?<![\w.])-\s*[$€£]?\d", text):
        raise InvalidInput(
            "The amount must be more than zero. For money back, talk to your coordinator."
        )
    if not amounts:
        return None
    if len(amounts) > 1:
        raise InvalidInput(
            f"I see {len(amounts)} amounts ({', '.join(amounts)}). Log one "
            f"expense at a time. {USAGE}"
        )
    rest = AMOUNT.sub("", text, count=1)
    code = re.search(r"#(\S+)", rest)
    rest = re.sub(r"#\S+", "", rest)
    vendor = None
    at = re.search(r"\s+at\s+(.+)$", rest, re.IGNORECASE)
    if at:
        vendor, rest = at[1].strip(), rest[: at.start()]
    return ExpenseForm(
        amounts[0], " ".join(rest.split()) or None, vendor, code[1] if code else None
    )


def _line(session: Session, production: Production, form: ExpenseForm) -> BudgetLine | None:
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


def _check(production: Production, form: ExpenseForm, today: date) -> Decimal:
    try:
        amount = parse_amount(form.amount or "")
    except ValueError as error:
        raise InvalidInput(
            f"{error} {USAGE}" if form.amount else "Type the amount.", field="amount"
        ) from error
    if amount <= 0:
        raise InvalidInput(
            "The amount must be more than zero. For money back, talk to your coordinator.",
            field="amount",
        )
    cap = Decimal(str(production.settings.get("expense_cap", DEFAULT_CAP)))
    if amount > cap:
        raise InvalidInput(
            f"{amount:,.2f} is over this production's cap of {cap:,.2f} for one "
            "expense. Check the amount, or ask a coordinator.",
            field="amount",
        )
    if form.method not in METHODS:
        raise InvalidInput("Pick how it was paid.", field="method")
    if form.spent_on and form.spent_on > today + timedelta(days=1):
        raise InvalidInput(
            "That date is in the future. Use the day you spent it.", field="spent_on"
        )
    if form.receipt and (form.receipt.get("filetype") or "").lower() not in RECEIPT_TYPES:
        raise InvalidInput("A receipt must be a photo or a PDF.", field="receipt")
    return amount


def submit(
    session: Session,
    production: Production,
    submitter: str,
    form: ExpenseForm,
    now: datetime,
    *,
    source_key: str | None = None,
) -> Expense:
    """Log an expense; a repeated submission (same source_key) records it once."""
    if source_key:
        existing = session.scalar(select(Expense).where(Expense.source_key == source_key))
        if existing is not None:
            return existing
    person = member(session, production, submitter)
    if person is None:
        raise NotAuthorized(f"You're not on {production.name}'s crew list.")
    today = now.astimezone(ZoneInfo(production.timezone)).date()
    amount = _check(production, form, today)
    line = _line(session, production, form)
    number = _next_number(session, production)
    expense = Expense(
        production_id=production.id,
        number=number,
        submitter=submitter,
        amount=amount,
        spent_on=form.spent_on or today,
        vendor=(form.vendor or "").strip()[:120] or None,
        description=(form.description or "").strip()[:2000] or None,
        budget_line=line,
        method=form.method,
        status="pending",
        source_key=source_key,
        created_at=now,
    )
    _attach(expense, form.receipt)
    session.add(expense)
    session.flush()
    alerts.submitted(session, production, expense, person, now)
    return expense


def _next_number(session: Session, production: Production) -> int:
    return sequences.next_number(session, Expense.number, production.id)


def _attach(expense: Expense, receipt: dict | None) -> None:
    if receipt:
        expense.receipt_file_id = receipt.get("id")
        expense.receipt_name = receipt.get("name")
        expense.receipt_url = receipt.get("url_private") or receipt.get("permalink")


def find(session: Session, team_id: str, expense_id: int) -> tuple[Production, Expense]:
    """An expense and its production, from a button or modal."""
    return fetch(session, team_id, Expense, expense_id, "expense")


def check_mine(expense: Expense, actor: str) -> None:
    """Only the submitter edits or deletes an expense."""
    if expense.submitter != actor:
        raise NotAuthorized("That expense is someone else's.")
    if expense.status == "deleted":
        raise InvalidInput(f"Expense #{expense.number} was deleted.")


def edit(
    session: Session,
    production: Production,
    expense: Expense,
    actor: str,
    form: ExpenseForm,
    now: datetime,
) -> Expense:
    """Change an expense; a change after a decision needs deciding again."""
    check_mine(expense, actor)
    today = now.astimezone(ZoneInfo(production.timezone)).date()
    expense.amount = _check(production, form, today)
    expense.budget_line = _line(session, production, form)
    expense.vendor = (form.vendor or "").strip()[:120] or None
    expense.description = (form.description or "").strip()[:2000] or None
    expense.method, expense.spent_on = form.method, form.spent_on or expense.spent_on
    if form.receipt:
        _attach(expense, form.receipt)
    expense.status, expense.decided_by, expense.decided_at = "pending", None, None
    alerts.changed(session, production, expense, now)
    return expense


def delete(
    session: Session, production: Production, expense: Expense, actor: str, now: datetime
) -> Expense:
    """Withdraw a pending expense (its submitter)."""
    check_mine(expense, actor)
    if expense.status != "pending":
        raise InvalidInput(f"Expense #{expense.number} is {expense.status}; ask a coordinator.")
    expense.status = "deleted"
    alerts.changed(session, production, expense, now)
    return expense


def decide(
    session: Session,
    production: Production,
    expense: Expense,
    actor: str,
    approve: bool,
    reason: str | None,
    now: datetime,
) -> Expense:
    """Approve or reject (coordinators only); the submitter is told."""
    require_coordinator(session, production, actor)
    if expense.status not in ("pending",):
        raise InvalidInput(f"Expense #{expense.number} is already {expense.status}.")
    if not approve and not (reason or "").strip():
        raise InvalidInput("Say why it's rejected, so they can fix it.", field="reason")
    expense.status = "approved" if approve else "rejected"
    expense.decided_by, expense.decided_at = actor, now
    expense.reject_reason = None if approve else (reason or "").strip()[:2000]
    alerts.decided(session, production, expense, now)
    return expense


def attach_receipt(
    session: Session, production: Production, submitter: str, file: dict, now: datetime
) -> Expense:
    """A photo or PDF by DM: onto the latest expense without one, else a new draft."""
    if (file.get("filetype") or "").lower() not in RECEIPT_TYPES:
        raise InvalidInput("I can only take a photo or a PDF as a receipt.")
    expense = session.scalar(
        select(Expense)
        .where(
            Expense.production_id == production.id,
            Expense.submitter == submitter,
            Expense.receipt_file_id.is_(None),
            Expense.status.in_(("pending", "approved", "draft")),
        )
        .order_by(Expense.created_at.desc(), Expense.id.desc())
        .limit(1)
    )
    if expense is not None:
        _attach(expense, file)
        alerts.receipt_added(session, production, expense, now)
        return expense
    number = _next_number(session, production)
    expense = Expense(
        production_id=production.id,
        number=number,
        submitter=submitter,
        spent_on=now.astimezone(ZoneInfo(production.timezone)).date(),
        status="draft",
        created_at=now,
    )
    _attach(expense, file)
    session.add(expense)
    session.flush()
    alerts.draft_started(session, expense, now)
    return expense


def missing_receipts(session: Session, production: Production, submitter: str) -> list[Expense]:
    """Expenses of $75 or more with no receipt (reminded at wrap)."""
    return list(
        session.scalars(
            select(Expense).where(
                Expense.production_id == production.id,
                Expense.submitter == submitter,
                Expense.receipt_file_id.is_(None),
                Expense.amount >= RECEIPT_THRESHOLD,
                Expense.status.in_(("pending", "approved")),
            )
        )
    )
