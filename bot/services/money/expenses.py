"""Expenses: logged in five seconds on set, approved by coordinators, coded to the budget."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotAuthorized
from bot.permissions import member
from bot.services.core.crew_names import names
from bot.services.core.productions import fetch
from bot.services.core.text import within
from bot.services.money import budget, pettycash
from bot.services.money import expense_rules as rules
from bot.services.money.amounts import RECEIPT_THRESHOLD
from bot.services.money.events import (
    ExpenseAnswered,
    ExpenseChanged,
    ExpenseDecided,
    ExpenseEvent,
    ExpenseSubmitted,
    ReceiptAttached,
    ReceiptDraftStarted,
)
from bot.services.money.quick import ExpenseForm
from bot.store import sequences
from bot.store.models import Production
from bot.store.models_money import Expense


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
    permissions.require(session, production, submitter, "expense.submit")
    today = now.astimezone(ZoneInfo(production.timezone)).date()
    amount, line, vendor, description = rules.checked(session, production, form, today)
    number = _next_number(session, production)
    expense = Expense(
        production_id=production.id,
        number=number,
        submitter=submitter,
        amount=amount,
        spent_on=form.spent_on or today,
        vendor=vendor,
        description=description,
        budget_line=line,
        method=form.method,
        status="pending",
        source_key=source_key,
        created_at=now,
    )
    _attach(expense, form.receipt)
    session.add(expense)
    session.flush()
    _follow(session, production, expense, now, ExpenseSubmitted)
    return expense


def _next_number(session: Session, production: Production) -> int:
    return sequences.next_number(session, Expense.number, production.id)


def _attach(expense: Expense, receipt: dict | None) -> None:
    if receipt:
        expense.receipt_file_id = receipt.get("id")
        expense.receipt_name = receipt.get("name")
        expense.receipt_url = receipt.get("url_private") or receipt.get("permalink")


def _follow(
    session: Session,
    production: Production,
    expense: Expense,
    now: datetime,
    kind: type[ExpenseEvent],
) -> None:
    """Petty cash and budget thresholds follow any change of amount or status; notify posts."""
    person = member(session, production, expense.submitter)
    if person is not None:
        pettycash.sync(session, production, expense, person, now)
    events.record(session, kind(at=now, production_id=production.id, expense_id=expense.id))
    budget.check_thresholds(session, production, expense.budget_line, now)


def find(session: Session, team_id: str, expense_id: int) -> tuple[Production, Expense]:
    """An expense and its production, from a button or modal."""
    return fetch(session, team_id, Expense, expense_id, "expense")


def mine(session: Session, team_id: str, expense_id: int, actor: str) -> tuple[Production, Expense]:
    """Your own expense and its production (from the stored row), to edit or delete."""
    production, expense = find(session, team_id, expense_id)
    check_mine(session, production, expense, actor)
    return production, expense


def check_mine(session: Session, production: Production, expense: Expense, actor: str) -> None:
    """Only the submitter, still on the crew list, edits or deletes an expense."""
    permissions.require(session, production, actor, "expense.edit")
    if expense.submitter != actor:
        raise NotAuthorized("That expense is someone else's.")
    if expense.status not in ("pending", "draft"):
        raise InvalidInput(where_it_stands(session, production, expense))


def where_it_stands(session: Session, production: Production, expense: Expense) -> str:
    """What is true of a decided or deleted expense now, for a click on a stale button."""
    who = names(session, production)
    if expense.status == "deleted":
        return f"Expense #{expense.number} was deleted by {who.get(expense.submitter, 'you')}."
    if expense.status in ("pending", "draft"):
        return f"Expense #{expense.number} is still waiting for its details or a decision."
    by = who.get(expense.decided_by or "", "a coordinator")
    return (
        f"Expense #{expense.number} was already {expense.status} by {by}; it can't be changed "
        "now. Log a new one if something was wrong."
    )


def check_decidable(session: Session, production: Production, expense: Expense, actor: str) -> None:
    """Only a coordinator decides, and only while the expense is pending."""
    permissions.require(session, production, actor, "expense.approve")
    if expense.status != "pending":
        raise InvalidInput(where_it_stands(session, production, expense))


def edit(
    session: Session,
    production: Production,
    expense: Expense,
    actor: str,
    form: ExpenseForm,
    now: datetime,
) -> Expense:
    """Change a pending expense (or finish a receipt's draft); a decided one stays as decided."""
    if expense.production_id != production.id:
        raise NotAuthorized("That expense is someone else's.")
    check_mine(session, production, expense, actor)
    today = now.astimezone(ZoneInfo(production.timezone)).date()
    expense.amount, expense.budget_line, expense.vendor, expense.description = rules.checked(
        session, production, form, today
    )
    expense.method, expense.spent_on = form.method, form.spent_on or expense.spent_on
    if form.receipt:
        _attach(expense, form.receipt)
    expense.status, expense.decided_by, expense.decided_at = "pending", None, None
    _follow(session, production, expense, now, ExpenseChanged)
    return expense


def delete(
    session: Session, production: Production, expense: Expense, actor: str, now: datetime
) -> Expense:
    """Withdraw a pending expense (its submitter)."""
    check_mine(session, production, expense, actor)
    if expense.status != "pending":
        raise InvalidInput(where_it_stands(session, production, expense))
    expense.status = "deleted"
    _follow(session, production, expense, now, ExpenseChanged)
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
    check_decidable(session, production, expense, actor)
    if not approve and not (reason or "").strip():
        raise InvalidInput("Say why it's rejected, so they can fix it.", field="reason")
    expense.status = "approved" if approve else "rejected"
    expense.decided_by, expense.decided_at = actor, now
    expense.reject_reason = None if approve else within(reason, 2000, "reason")
    _follow(session, production, expense, now, ExpenseDecided)
    return expense


def attach_receipt(
    session: Session, production: Production, submitter: str, file: dict, now: datetime
) -> Expense:
    """A photo or PDF by DM: onto the latest expense without one, else a new draft."""
    permissions.require(session, production, submitter, "expense.submit")
    if (file.get("filetype") or "").lower() not in rules.RECEIPT_TYPES:
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
        events.record(
            session, ReceiptAttached(at=now, production_id=production.id, expense_id=expense.id)
        )
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
    events.record(
        session, ReceiptDraftStarted(at=now, production_id=production.id, expense_id=expense.id)
    )
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


def answer(
    session: Session,
    expense: Expense,
    user: str,
    channel: str | None,
    now: datetime,
    *,
    deleted: bool = False,
) -> None:
    """Tell the person who saved (or deleted) an expense, where they are."""
    said = ExpenseAnswered(now, expense.production_id, expense.id, user, channel, deleted)
    events.record(session, said)
