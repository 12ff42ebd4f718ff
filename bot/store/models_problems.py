"""Problems on set, and the audit trail of everything that happened to each."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.store.models import Base, Department
from bot.store.types import UTCDateTime

SEVERITIES = ("fyi", "attention", "urgent", "safety")


class Problem(Base):
    """Something that went wrong on set: who reported it, who owns it, where it stands."""

    __tablename__ = "problems"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    reporter: Mapped[str] = mapped_column(String(32))  # Slack user id
    description: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(200))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    severity: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    owner: Mapped[str | None] = mapped_column(String(32))
    latest_update: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    quoted: Mapped[str | None] = mapped_column(Text)
    source_link: Mapped[str | None] = mapped_column(String(300))
    photo_file_id: Mapped[str | None] = mapped_column(String(32))
    work_state: Mapped[str | None] = mapped_column(String(16))  # safety: stopped / safe
    day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    department: Mapped[Department | None] = relationship()
    events: Mapped[list[ProblemEvent]] = relationship(order_by="ProblemEvent.id")

    __table_args__ = (UniqueConstraint("production_id", "number", name="uq_problem_number"),)

    @property
    def is_open(self) -> bool:
        """Whether the problem still needs someone."""
        return self.status in ("open", "owned")


class ProblemEvent(Base):
    """One change to a problem: who did what, when."""

    __tablename__ = "problem_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str | None] = mapped_column(String(32))  # None: Slate itself
    kind: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str | None] = mapped_column(Text)
