"""Start paperwork: each production's packets, each person's checklist, files and profile."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.models import Base
from bot.store.types import UTCDateTime


class OnboardingPacket(Base):
    """What one kind of worker (employee, contractor, cast) hands in on a production."""

    __tablename__ = "onboarding_packets"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    items: Mapped[str] = mapped_column(String(200))  # item keys, comma-separated, in order

    __table_args__ = (UniqueConstraint("production_id", "kind", name="uq_packet_kind"),)


class Onboarding(Base):
    """One person's start paperwork on a production."""

    __tablename__ = "onboardings"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    first_day: Mapped[date | None] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_by: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("person_id", name="uq_onboarding_person"),)


class OnboardingItem(Base):
    """One line of a checklist: open, received (a file is in) or done/verified."""

    __tablename__ = "onboarding_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    onboarding_id: Mapped[int] = mapped_column(ForeignKey("onboardings.id", ondelete="CASCADE"))
    item: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16), default="open")
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_by: Mapped[str | None] = mapped_column(String(32))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("onboarding_id", "item", name="uq_onboarding_item"),)


class OnboardingFile(Base):
    """A document a person uploaded: Slack's file, then its bytes and SHA-256 once fetched."""

    __tablename__ = "onboarding_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("onboarding_items.id", ondelete="CASCADE"))
    slack_file_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))
    uploaded_by: Mapped[str] = mapped_column(String(32))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("item_id", "slack_file_id", name="uq_onboarding_file"),)


class EmergencyContact(Base):
    """Whom to call if something happens to a person (coordinators and the person only)."""

    __tablename__ = "emergency_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(40))
    relation: Mapped[str | None] = mapped_column(String(60))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("person_id", name="uq_emergency_person"),)


class PersonProfile(Base):
    """Dietary needs (catering counts them) and wardrobe sizes of one person."""

    __tablename__ = "person_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    diet: Mapped[str] = mapped_column(String(16), default="none")  # DIETS
    gluten_free: Mapped[bool] = mapped_column(Boolean, default=False)
    allergies: Mapped[str | None] = mapped_column(Text)
    sizes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (UniqueConstraint("person_id", name="uq_profile_person"),)


DIETS = ("none", "vegetarian", "vegan", "pescatarian")
