"""Loose ends: gear, documents with expiry dates, and contractors' deals and paperwork."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base
from bot.store.types import UTCDateTime


class GearItem(Base):
    """A piece of gear; `holder` is set while it is checked out."""

    __tablename__ = "gear_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    asset_tag: Mapped[str | None] = mapped_column(String(60))
    rental_house: Mapped[str | None] = mapped_column(String(120))
    return_due: Mapped[date | None] = mapped_column(Date)
    holder: Mapped[str | None] = mapped_column(String(32))
    out_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    out_by: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("production_id", "name", name="uq_gear_name"),)


class GearLoan(Base):
    """One checkout and return, for the record."""

    __tablename__ = "gear_loans"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("gear_items.id", ondelete="CASCADE"))
    holder: Mapped[str] = mapped_column(String(32))
    out_at: Mapped[datetime] = mapped_column(UTCDateTime())
    in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    by: Mapped[str] = mapped_column(String(32))


class Document(Base):
    """A permit, insurance certificate, location agreement or rental: what it covers, when."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    covers: Mapped[str] = mapped_column(String(120))  # a location's name, or a vendor
    valid_from: Mapped[date] = mapped_column(Date)
    expires: Mapped[date] = mapped_column(Date)
    file_id: Mapped[str | None] = mapped_column(String(32))
    file_name: Mapped[str | None] = mapped_column(String(200))
    added_by: Mapped[str | None] = mapped_column(String(32))


class Contract(Base):
    """A contractor's deal: day rate and the paperwork on file."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    day_rate: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    w9: Mapped[bool] = mapped_column(Boolean, default=False)
    deal_memo: Mapped[bool] = mapped_column(Boolean, default=False)
    nda: Mapped[bool] = mapped_column(Boolean, default=False)
    start_paperwork: Mapped[bool] = mapped_column(Boolean, default=False)


class Meal(Base):
    """A meal (or a qualifying breakfast) for the whole crew or one department."""

    __tablename__ = "meals"

    id: Mapped[int] = mapped_column(primary_key=True)
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    department: Mapped[str | None] = mapped_column(String(80))  # None: the whole crew
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())  # when it was due
    late_minutes: Mapped[int] = mapped_column(default=0)
    people: Mapped[int] = mapped_column(default=0)
    penalty: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal(0))
    by: Mapped[str] = mapped_column(String(32))


class DailyReport(Base):
    """The day's production report: drafted at wrap, ticked and edited, then posted."""

    __tablename__ = "daily_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    shoot_day_id: Mapped[int] = mapped_column(
        ForeignKey("shoot_days.id", ondelete="CASCADE"), unique=True
    )
    scenes_shot: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_shot_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    notes: Mapped[str | None] = mapped_column(Text)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    posted_by: Mapped[str | None] = mapped_column(String(32))
