"""Plain view data of money for bot/blocks (no rows, no database): rendering never queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from bot.services.money.amounts import RECEIPT_THRESHOLD


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


@dataclass(frozen=True)
class LineReport:
    """One budget line against what was spent on it."""

    code: str
    name: str
    budget: Decimal
    spent: Decimal  # approved
    pending: Decimal
    committed: Decimal = Decimal(0)  # rental POs not invoiced yet

    @property
    def remaining(self) -> Decimal:
        """What is left once pending expenses are approved and open POs invoiced."""
        return self.budget - self.spent - self.pending - self.committed

    @property
    def variance(self) -> Decimal:
        """Budget less actuals (approved)."""
        return self.budget - self.spent

    @property
    def percent(self) -> Decimal:
        """Approved plus pending, as a percentage of the line."""
        if not self.budget:
            return Decimal(0)
        used = (self.spent + self.pending) * 100 / self.budget
        return used.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
