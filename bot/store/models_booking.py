"""Before the shoot: avail checks and their answers, holds, bookings (crew and cast), candidates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base
from bot.store.types import UTCDateTime


class AvailCheck(Base):
    """ "Are you free June 10-14?" asked of several candidates for one position."""

    __tablename__ = "avail_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    position: Mapped[str] = mapped_column(String(80))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    asked_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AvailAnswer(Base):
    """One candidate of a check: a Slack member asked by DM, or someone to call (no Slack id)."""

    __tablename__ = "avail_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    check_id: Mapped[int] = mapped_column(ForeignKey("avail_checks.id", ondelete="CASCADE"))
    slack_user_id: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    answer: Mapped[str] = mapped_column(String(16), default="waiting")  # available|partly|not
    days: Mapped[list[str]] = mapped_column(JSON, default=list)  # partly: the ISO days free
    note: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    nudged: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_avail_answer_check", "check_id"),)


class Hold(Base):
    """A pencil on a person for days: rank 1 (first hold) or 2; challenged first holds expire."""

    __tablename__ = "holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    slack_user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(80))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    rank: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="active")  # booked|released
    held_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    challenged_by: Mapped[str | None] = mapped_column(String(200))  # who challenged, in words
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_hold_person", "team_id", "slack_user_id", "status"),)


class Booking(Base):
    """A confirmed person on a production for days: the deal, and for cast the role and times."""

    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    team_id: Mapped[str] = mapped_column(String(32))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    slack_user_id: Mapped[str] = mapped_column(String(32))
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("holds.id", ondelete="SET NULL"))
    position: Mapped[str] = mapped_column(String(80))
    department: Mapped[str | None] = mapped_column(String(80))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    rate: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    rate_unit: Mapped[str] = mapped_column(String(8))  # day|week
    kit_rental: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    overtime: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="confirmed")  # released
    booked_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Cast only
    character: Mapped[str | None] = mapped_column(String(120))
    cast_status: Mapped[str | None] = mapped_column(String(4))  # W SW WF SWF H
    fitting_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rehearsal_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    agent_name: Mapped[str | None] = mapped_column(String(120))
    agent_email: Mapped[str | None] = mapped_column(String(254))
    agent_phone: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (Index("ix_booking_person", "team_id", "slack_user_id", "status"),)


class Candidate(Base):
    """Someone a coordinator may ask about a position (imported from CSV)."""

    __tablename__ = "booking_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    slack_user_id: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[str | None] = mapped_column(String(80))
    notes: Mapped[str | None] = mapped_column(Text)
