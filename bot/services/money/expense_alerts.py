"""Who hears about an expense: the coordinators' approval post and the submitter."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.common import actions, button, section
from bot.blocks.money import expenses as blocks
from bot.services.core.productions import member
from bot.services.money import budget, pettycash
from bot.services.problems.alerts import names
from bot.store.models import Person, Production
from bot.store.models_money import Expense


def approval_ref(expense: Expense) -> str:
    """The outbox ref of the approval post."""
    return f"expense:{expense.id}:approval"


def _post(session: Session, production: Production, expense: Expense, now: datetime) -> None:
    who = names(session, production)
    text = f"Expense {blocks.line_text(expense, production.currency)}"
    shown = blocks.approval_blocks(expense, who, production.currency)
    ref = approval_ref(expense)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)
    elif production.coordinators_channel_id and expense.status == "pending":
        outbox.post_message(
            session, production.coordinators_channel_id, text=text, blocks=shown, ref=ref, now=now
        )


def submitted(
    session: Session, production: Production, expense: Expense, person: Person, now: datetime
) -> None:
    """A new expense: petty cash drawn, approval post, budget thresholds."""
    pettycash.sync(session, production, expense, person, now)
    _post(session, production, expense, now)
    budget.check_thresholds(session, production, expense.budget_line, now)


def changed(session: Session, production: Production, expense: Expense, now: datetime) -> None:
    """Edited or deleted: the post follows, and so do petty cash and thresholds."""
    person = member(session, production, expense.submitter)
    if person is not None:
        pettycash.sync(session, production, expense, person, now)
    _post(session, production, expense, now)
    budget.check_thresholds(session, production, expense.budget_line, now)


def decided(session: Session, production: Production, expense: Expense, now: datetime) -> None:
    """Approved or rejected: the post shows who decided; the submitter is told."""
    changed(session, production, expense, now)
    word = "approved" if expense.status == "approved" else "rejected"
    why = f" — {expense.reject_reason}" if expense.reject_reason else ""
    outbox.post_message(
        session,
        expense.submitter,
        now=now,
        text=(
            f"Your expense {blocks.line_text(expense, production.currency)} was {word}"
            f"{blocks.escape(why)}."
        ),
    )


def receipt_added(
    session: Session, production: Production, expense: Expense, now: datetime
) -> None:
    """A receipt arrived by DM for an existing expense."""
    _post(session, production, expense, now)
    outbox.post_message(
        session,
        expense.submitter,
        now=now,
        text=(f"Receipt attached to {blocks.line_text(expense, production.currency)}."),
    )


def draft_started(session: Session, expense: Expense, now: datetime) -> None:
    """A receipt with no expense to go on: ask for the details."""
    outbox.post_message(
        session,
        expense.submitter,
        now=now,
        text="Got your receipt. Add the amount and what it was for:",
        blocks=[
            section("Got your receipt. Add the amount and what it was for:"),
            actions("draft", button("Add details", blocks.EDIT, str(expense.id), "primary")),
        ],
    )
