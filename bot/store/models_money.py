"""Money: budget lines, expenses with their receipts, and petty cash envelopes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.store.models import Base
from bot.store.types import UTCDateTime

METHODS = ("petty_cash", "company_card", "personal")


class BudgetLine(Base):
    """A line of the budget: what may be spent under a code."""

    __tablename__ = "budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    alerted_90: Mapped[bool] = mapped_column(Boolean, default=False)
    alerted_100: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("production_id", "code", name="uq_budget_code"),)


class Expense(Base):
    """Money someone spent, waiting for a coordinator's decision."""

    __tablename__ = "expenses"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    submitter: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    spent_on: Mapped[date] = mapped_column(Date)
    vendor: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    budget_line_id: Mapped[int | None] = mapped_column(ForeignKey("budget_lines.id"))
    method: Mapped[str] = mapped_column(String(16), default="personal")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    receipt_file_id: Mapped[str | None] = mapped_column(String(32))
    receipt_name: Mapped[str | None] = mapped_column(String(200))
    receipt_url: Mapped[str | None] = mapped_column(String(500))
    decided_by: Mapped[str | None] = mapped_column(String(32))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reject_reason: Mapped[str | None] = mapped_column(Text)
    source_key: Mapped[str | None] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    budget_line: Mapped[BudgetLine | None] = relationship()

    __table_args__ = (UniqueConstraint("production_id", "number", name="uq_expense_number"),)


class PettyCashEntry(Base):
    """Cash given to, spent by, or returned by one person."""

    __tablename__ = "petty_cash"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # float / spend / return
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    expense_id: Mapped[int | None] = mapped_column(ForeignKey("expenses.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    by: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
