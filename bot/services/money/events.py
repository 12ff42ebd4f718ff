"""What happens to money, as facts notify turns into posts and DMs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.events import Event


@dataclass(frozen=True)
class ExpenseEvent(Event):
    """Something happened to an expense: its approval post follows."""

    production_id: int
    expense_id: int


@dataclass(frozen=True)
class ExpenseSubmitted(ExpenseEvent):
    """A new expense waits for a decision."""


@dataclass(frozen=True)
class ExpenseChanged(ExpenseEvent):
    """Its submitter edited or deleted an expense."""


@dataclass(frozen=True)
class ExpenseDecided(ExpenseEvent):
    """A coordinator approved or rejected an expense; the submitter is told."""


@dataclass(frozen=True)
class ReceiptAttached(ExpenseEvent):
    """A receipt sent by DM went onto an existing expense."""


@dataclass(frozen=True)
class ReceiptDraftStarted(Event):
    """A receipt came with no expense to go on: its sender is asked for the details."""

    production_id: int
    expense_id: int


@dataclass(frozen=True)
class ExpenseAnswered(Event):
    """The person who saved or deleted an expense from a form or button hears back where they
    are (`channel`: ephemeral there; None or a DM: by DM)."""

    production_id: int
    expense_id: int
    user: str
    channel: str | None
    deleted: bool = False


@dataclass(frozen=True)
class BudgetThresholdCrossed(Event):
    """A budget line's approved plus pending reached `level` percent (90 or 100)."""

    production_id: int
    code: str
    name: str
    level: int
    percent: Decimal
    used: Decimal
    budget: Decimal


@dataclass(frozen=True)
class ExpensesExported(Event):
    """A coordinator asked for the expenses CSV: it goes to their DM."""

    production_id: int
    actor: str
    filename: str
    content: str


@dataclass(frozen=True)
class BudgetRead(Event):
    """A coordinator read the budget: the chart goes to their DM."""

    production_id: int
    actor: str
