"""Logistics: visitors, the caterer and the orders sent; vehicles, pickups, rentals, travel."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base
from bot.store.types import UTCDateTime


class CateringSetup(Base):
    """Who caters a production, when the order goes out, and how big a change is a revision."""

    __tablename__ = "catering_setups"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    caterer_user: Mapped[str | None] = mapped_column(String(32))  # a Slack member
    caterer_name: Mapped[str | None] = mapped_column(String(120))  # or an outside contact
    caterer_contact: Mapped[str | None] = mapped_column(String(200))
    send_at: Mapped[str] = mapped_column(String(5), default="18:00")  # local, the day before
    threshold: Mapped[int] = mapped_column(Integer, default=5)

    __table_args__ = (UniqueConstraint("production_id", name="uq_catering_production"),)


class CateringVisitor(Base):
    """People eating on a day who are not on the call sheet: clients, background, guests."""

    __tablename__ = "catering_visitors"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(120))
    count: Mapped[int] = mapped_column(Integer)
    diet: Mapped[str] = mapped_column(String(20), default="none")
    added_by: Mapped[str] = mapped_column(String(32))


class CateringOrder(Base):
    """An order (version 1) or revision sent to the caterer: what it said, for comparing."""

    __tablename__ = "catering_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    order: Mapped[dict[str, Any]] = mapped_column(JSON)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("shoot_day_id", "version", name="uq_catering_version"),)


class Vehicle(Base):
    """A production vehicle and its usual driver."""

    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))

    __table_args__ = (UniqueConstraint("production_id", "name", name="uq_vehicle_name"),)


class Pickup(Base):
    """Who is picked up on a day, where, when, by which driver; and how it is going."""

    __tablename__ = "pickups"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    rider_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    driver_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    vehicle: Mapped[str | None] = mapped_column(String(80))
    address: Mapped[str] = mapped_column(Text)
    pickup_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="planned")  # picked_up | late
    late_minutes: Mapped[int | None] = mapped_column(Integer)
    status_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("shoot_day_id", "rider_id", name="uq_pickup_rider"),)


class ShuttleRun(Base):
    """A driver looping a route (crew parking > basecamp > set) every N minutes on a day."""

    __tablename__ = "shuttle_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    driver_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    vehicle: Mapped[str | None] = mapped_column(String(80))
    route: Mapped[str] = mapped_column(String(400))  # stops joined by " > "
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())
    every_minutes: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("shoot_day_id", "driver_id", "route", name="uq_shuttle_route"),
    )


class RentalPO(Base):
    """An equipment rental as a purchase order against a budget line: committed until the
    invoice expense (its description names `PO-<number>`) is logged, then actual."""

    __tablename__ = "rental_pos"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    vendor: Mapped[str] = mapped_column(String(120))
    items: Mapped[str] = mapped_column(Text)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id"))
    cost: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    pickup_on: Mapped[date] = mapped_column(Date)
    return_on: Mapped[date] = mapped_column(Date)
    coi_required: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("production_id", "number", name="uq_rental_number"),)


class RentalGear(Base):
    """A gear item a rental PO brings (the gear list warns before it is due back)."""

    __tablename__ = "rental_gear"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    rental_po_id: Mapped[int] = mapped_column(ForeignKey("rental_pos.id", ondelete="CASCADE"))
    gear_item_id: Mapped[int] = mapped_column(ForeignKey("gear_items.id", ondelete="CASCADE"))

    __table_args__ = (UniqueConstraint("rental_po_id", "gear_item_id", name="uq_rental_gear"),)


class TravelItem(Base):
    """One leg of a person's travel: a flight, a train, a hotel stay, or per diem days."""

    __tablename__ = "travel_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # flight | train | hotel | per_diem
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # departure
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # arrival
    start_on: Mapped[date | None] = mapped_column(Date)  # check-in, first per diem day
    end_on: Mapped[date | None] = mapped_column(Date)  # check-out, last per diem day
    origin: Mapped[str | None] = mapped_column(String(120))
    destination: Mapped[str | None] = mapped_column(String(120))
    details: Mapped[str | None] = mapped_column(String(200))  # "UA 123", the hotel's name
    confirmation: Mapped[str | None] = mapped_column(String(60))
    per_diem: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))  # a day
    budget_line_id: Mapped[int | None] = mapped_column(ForeignKey("budget_lines.id"))
