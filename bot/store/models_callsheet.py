"""Shoot days and call sheets: locations, scenes, individual calls and who was told what."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.store.models import Base, Person
from bot.store.types import UTCDateTime


class Location(Base):
    """Where a day shoots, and what the crew need to know to get there safely."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(Text)
    parking: Mapped[str | None] = mapped_column(Text)
    basecamp: Mapped[str | None] = mapped_column(Text)
    hospital_name: Mapped[str | None] = mapped_column(String(200))
    hospital_address: Mapped[str | None] = mapped_column(Text)
    hospital_phone: Mapped[str | None] = mapped_column(String(40))
    crew_parking: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    # A day's own copy of a shared place is named apart ("Rosa's Diner (11/26)": names are
    # unique); the crew still read the place's name.
    shown_name: Mapped[str | None] = mapped_column(String(120))

    __table_args__ = (UniqueConstraint("production_id", "name", name="uq_location_name"),)

    @property
    def crew_name(self) -> str:
        """The name the crew read."""
        return self.shown_name or self.name


class ShootDay(Base):
    """One shoot day's plan; `published` holds what the crew were last told."""

    __tablename__ = "shoot_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    general_call: Mapped[datetime | None] = mapped_column(UTCDateTime())
    shooting_call: Mapped[datetime | None] = mapped_column(UTCDateTime())
    estimated_wrap: Mapped[datetime | None] = mapped_column(UTCDateTime())
    breakfast_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lunch_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    second_meal_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    background_call: Mapped[datetime | None] = mapped_column(UTCDateTime())
    safety_notes: Mapped[str | None] = mapped_column(Text)
    weather: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Department name -> minutes from general call, for this day.
    department_offsets: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    published_hash: Mapped[str | None] = mapped_column(String(64))
    published: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The whole sheet as last published (sheet_codec): each person's PDF is drawn from it.
    published_sheet: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    wrap_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    location: Mapped[Location | None] = relationship()
    scenes: Mapped[list[Scene]] = relationship(
        order_by="Scene.position", cascade="all, delete-orphan"
    )
    overrides: Mapped[list[CallOverride]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (UniqueConstraint("production_id", "date", name="uq_shoot_day_date"),)


class Scene(Base):
    """A scene scheduled on a day."""

    __tablename__ = "scenes"

    id: Mapped[int] = mapped_column(primary_key=True)
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    set_name: Mapped[str] = mapped_column(String(200))
    day_night: Mapped[str] = mapped_column(String(4))
    pages_eighths: Mapped[int] = mapped_column(Integer, default=0)
    cast: Mapped[list[str]] = mapped_column(JSON, default=list)
    location: Mapped[str | None] = mapped_column(String(200))
    background: Mapped[int] = mapped_column(Integer, default=0)
    requirements: Mapped[str | None] = mapped_column(Text)


class CallOverride(Base):
    """A person's own call on a day (cast, pickups, hair and make-up), or a day off."""

    __tablename__ = "call_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    call_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    pickup_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hmu_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    wardrobe_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    on_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    remarks: Mapped[str | None] = mapped_column(Text)
    off: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("shoot_day_id", "person_id", name="uq_override_person"),)


class CallSheetSettings(Base):
    """What every sheet of a production prints: company, key contacts, walkies, standard notes,
    and which phones crew copies show ("none", "heads" or "all")."""

    __tablename__ = "callsheet_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), unique=True
    )
    company: Mapped[str | None] = mapped_column(String(200))
    phones: Mapped[str] = mapped_column(String(8), default="none")
    # [{"role": "UPM", "name": "...", "phone": "..."}], in the order printed.
    key_contacts: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # [{"channel": "1", "use": "Production"}]
    walkie_channels: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    standard_notes: Mapped[str | None] = mapped_column(Text)
    # Person ids of department heads (whose phones "heads" shows).
    heads: Mapped[list[int]] = mapped_column(JSON, default=list)


class CastMember(Base):
    """A cast member's number and character on the production (scenes name cast by number)."""

    __tablename__ = "cast_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(8))
    character: Mapped[str | None] = mapped_column(String(120))

    person: Mapped[Person] = relationship()

    __table_args__ = (
        UniqueConstraint("production_id", "number", name="uq_cast_number"),
        UniqueConstraint("production_id", "person_id", name="uq_cast_person"),
    )


class CallSheetRecipient(Base):
    """What one person was told about one day (`told`: their whole PersonDay, as JSON), and
    whether they confirmed it. The copied columns let "my next day" be one indexed query."""

    __tablename__ = "callsheet_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    # Copies of the day's and the person's (no foreign key: the shoot day's cascades).
    production_id: Mapped[int | None] = mapped_column(Integer)
    slack_user_id: Mapped[str | None] = mapped_column(String(32))
    date: Mapped[date | None] = mapped_column(Date)
    call_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The person's department and name as published: a department's or the whole day's
    # calls are then one indexed query at any crew size (counts, then the first names).
    department_id: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(120))
    revision: Mapped[int] = mapped_column(Integer)
    told: Mapped[dict[str, Any]] = mapped_column(JSON)
    # `told` drawn as Block Kit (JSON text), rendered whenever `told` changes (bot/notify's
    # flush hook), so /calltime reads it instead of drawing it; NULL until rendered.
    view_blocks: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_revision: Mapped[int | None] = mapped_column(Integer)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    nudges: Mapped[int] = mapped_column(Integer, default=0)
    working: Mapped[bool] = mapped_column(Boolean, default=True)

    person: Mapped[Person] = relationship()

    __table_args__ = (
        UniqueConstraint("shoot_day_id", "person_id", name="uq_recipient"),
        Index("ix_recipient_person_date", "person_id", "date"),
        Index("ix_recipient_user_date", "production_id", "slack_user_id", "date"),
        Index("ix_recipient_day_calls", "shoot_day_id", "working", "call_at", "name"),
        Index(
            "ix_recipient_day_department",
            "shoot_day_id",
            "working",
            "department_id",
            "call_at",
            "name",
        ),
    )

    @property
    def confirmed(self) -> bool:
        """Whether the person confirmed the latest version they were sent."""
        return self.confirmed_revision is not None and self.confirmed_revision >= self.revision


@event.listens_for(CallSheetRecipient.told, "set")
def _told_changed(target: CallSheetRecipient, *_: Any) -> None:
    # Whoever changes what a person was told, the old drawing of it is never read again.
    target.view_blocks = None


class CallCount(Base):
    """How many people of a department (NULL: none) are called at each time on a day, as
    published: a department's or the whole day's counts without reading every recipient."""

    __tablename__ = "callsheet_call_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    shoot_day_id: Mapped[int] = mapped_column(ForeignKey("shoot_days.id", ondelete="CASCADE"))
    department_id: Mapped[int | None] = mapped_column(Integer)
    call_at: Mapped[datetime] = mapped_column(UTCDateTime())
    people: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_call_counts_day", "shoot_day_id", "department_id", "call_at"),)


class CalendarFeed(Base):
    """A person's private iCalendar URL token (revocable)."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
