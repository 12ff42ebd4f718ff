"""Gear: what is out, to whom, since when, and when the rental house wants it back."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
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
