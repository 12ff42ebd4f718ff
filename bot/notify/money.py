"""Notify for money: approval posts, decisions, receipts, budget alerts, exports and charts."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.blocks.money import expenses as blocks
from bot.blocks.money.chart import chart_png
from bot.notify.registry import Subscribers
from bot.services.core.crew_names import names
from bot.services.money import budget, to_view
from bot.services.money.amounts import show
from bot.services.money.events import (
    BudgetRead,
    BudgetThresholdCrossed,
    ExpenseAnswered,
    ExpenseDecided,
    ExpenseEvent,
    ExpensesExported,
    ReceiptAttached,
    ReceiptDraftStarted,
)
from bot.services.money.views import ExpenseView
from bot.store.models import Production
from bot.store.models_money import Expense


def approval_ref(expense_id: int) -> str:
    """The outbox ref of an expense's approval post."""
    return f"expense:{expense_id}:approval"


def mine_ref(expense_id: int) -> str:
    """The outbox ref of the submitter's own copy, in their DM (Edit / Delete while pending)."""
    return f"expense:{expense_id}:mine"


def _view(session: Session, production_id: int, expense_id: int) -> ExpenseView:
    production = session.get(Production, production_id)
    assert production is not None  # the event was recorded in this transaction
    expense = session.get(Expense, expense_id)
    assert expense is not None
    return to_view.expense(expense, production.currency, names(session, production))


def _keep(session: Session, ref: str, where: str | None, text: str, body: list, now) -> None:
    """Edit the copy under `ref` in place; post it to `where` if there is none yet."""
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=body, now=now)
    elif where:
        outbox.post_message(session, where, text=text, blocks=body, ref=ref, now=now)


def refresh_post(session: Session, happened: ExpenseEvent) -> None:
    """The coordinators' approval post: posted while pending, then edited in place."""
    production = session.get(Production, happened.production_id)
    shown = _view(session, happened.production_id, happened.expense_id)
    where = production.coordinators_channel_id if production else None
    body = blocks.approval_blocks(shown)
    text = f"Expense {blocks.line_text(shown)}"
    _keep(
        session,
        approval_ref(shown.id),
        where if shown.status == "pending" else None,
        text,
        body,
        happened.at,
    )


def refresh_mine(session: Session, happened: ExpenseEvent) -> None:
    """The submitter's copy: posted to their DM while pending, then edited in place."""
    expense = session.get(Expense, happened.expense_id)
    shown = _view(session, happened.production_id, happened.expense_id)
    where = expense.submitter if expense is not None and shown.status == "pending" else None
    text = f"Expense {blocks.line_text(shown)} — {shown.status}"
    _keep(session, mine_ref(shown.id), where, text, blocks.confirmation_blocks(shown), happened.at)


def tell_decision(session: Session, decided: ExpenseDecided) -> None:
    """The submitter hears whether it was approved, and why not."""
    expense = session.get(Expense, decided.expense_id)
    shown = _view(session, decided.production_id, decided.expense_id)
    why = f" — {shown.reject_reason}" if shown.reject_reason else ""
    outbox.post_message(
        session,
        expense.submitter if expense else "",
        now=decided.at,
        text=f"Your expense {blocks.line_text(shown)} was {shown.status}{escape(why)}.",
    )


def tell_receipt(session: Session, attached: ReceiptAttached) -> None:
    """The sender hears which expense the receipt went on."""
    expense = session.get(Expense, attached.expense_id)
    shown = _view(session, attached.production_id, attached.expense_id)
    outbox.post_message(
        session,
        expense.submitter if expense else "",
        now=attached.at,
        text=f"Receipt attached to {blocks.line_text(shown)}.",
    )


def ask_details(session: Session, started: ReceiptDraftStarted) -> None:
    """A receipt with nothing to go on: ask for the amount, with a button to the form."""
    expense = session.get(Expense, started.expense_id)
    outbox.post_message(
        session,
        expense.submitter if expense else "",
        now=started.at,
        text="Got your receipt. Add the amount and what it was for:",
        blocks=blocks.draft_blocks(started.expense_id),
        ref=mine_ref(started.expense_id),  # the draft becomes the submitter's copy
    )


def answer(session: Session, answered: ExpenseAnswered) -> None:
    """The person who saved or deleted an expense in a channel hears back there.

    In our DM the copy itself shows the change; an ephemeral answer carries no buttons, since
    it cannot be edited when the expense moves on.
    """
    if (answered.channel or "")[:1] not in ("C", "G"):
        return
    shown = _view(session, answered.production_id, answered.expense_id)
    if answered.deleted:
        text, shown_blocks = f"Deleted expense #{shown.number}.", None
    else:
        text = f"Saved expense #{shown.number}"
        shown_blocks = blocks.confirmation_blocks(shown, buttons=False)
    outbox.tell(
        session, answered.user, answered.channel, text=text, blocks=shown_blocks, now=answered.at
    )


def warn_budget(session: Session, crossed: BudgetThresholdCrossed) -> None:
    """The coordinators hear once per line at 90 % and once at 100 %."""
    production = session.get(Production, crossed.production_id)
    if production is None or not production.coordinators_channel_id:
        return
    currency = production.currency
    outbox.post_message(
        session,
        production.coordinators_channel_id,
        now=crossed.at,
        text=(
            f":warning: Budget line #{escape(crossed.code)} {escape(crossed.name)} is at "
            f"{crossed.percent}% ({show(crossed.used, currency)} of "
            f"{show(crossed.budget, currency)}, approved plus pending)."
        ),
    )


def send_export(session: Session, exported: ExpensesExported) -> None:
    """The expenses CSV, uploaded to the coordinator's DM."""
    outbox.upload_file(
        session,
        exported.actor,
        filename=exported.filename,
        content=exported.content.encode(),
        title="Expenses export",
        now=exported.at,
    )


def send_chart(session: Session, read: BudgetRead) -> None:
    """The budget chart, uploaded to the coordinator's DM."""
    production = session.get(Production, read.production_id)
    if production is None:
        return
    outbox.upload_file(
        session,
        read.actor,
        filename="budget.png",
        title="Budget against actuals",
        content=chart_png(budget.report(session, production), production.currency),
        now=read.at,
    )


SUBSCRIBERS: Subscribers = {
    ExpenseEvent: (refresh_post, refresh_mine),
    ExpenseDecided: tell_decision,
    ReceiptAttached: tell_receipt,
    ReceiptDraftStarted: ask_details,
    ExpenseAnswered: answer,
    BudgetThresholdCrossed: warn_budget,
    ExpensesExported: send_export,
    BudgetRead: send_chart,
}
