"""The production's records: productions, people, departments, and the delivery tables."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.store.types import UTCDateTime

ROLES = ("coordinator", "pa", "crew", "cast")


class Base(DeclarativeBase):
    """Declarative base for all of Slate's tables."""


class Production(Base):
    """One shoot: its name, zone, money and the channels Slate talks in."""

    __tablename__ = "productions"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    # Set for an Enterprise Grid org-wide install (the team is then the workspace used).
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    crew_channel_id: Mapped[str | None] = mapped_column(String(32))
    coordinators_channel_id: Mapped[str | None] = mapped_column(String(32))
    problems_channel_id: Mapped[str | None] = mapped_column(String(32))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    people: Mapped[list[Person]] = relationship(back_populates="production")
    departments: Mapped[list[Department]] = relationship(back_populates="production")

    __table_args__ = (UniqueConstraint("team_id", "name", name="uq_production_team_name"),)


class Department(Base):
    """A department of the crew (Camera, Grip, Electric, ...)."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    # Default call relative to general crew call, e.g. -30 for "call -30".
    call_offset_minutes: Mapped[int] = mapped_column(Integer, default=0)
    min_rest_hours: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))

    production: Mapped[Production] = relationship(back_populates="departments")

    __table_args__ = (UniqueConstraint("production_id", "name", name="uq_department_name"),)


class Person(Base):
    """Someone on a production's crew list, matched to a Slack user when known."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    slack_user_id: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    position: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16), default="crew")
    min_rest_hours: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    dietary_notes: Mapped[str | None] = mapped_column(Text)

    production: Mapped[Production] = relationship(back_populates="people")
    department: Mapped[Department | None] = relationship()

    __table_args__ = (
        UniqueConstraint("production_id", "slack_user_id", name="uq_person_slack_user"),
        UniqueConstraint("production_id", "email", name="uq_person_email"),
    )


class UserContext(Base):
    """Which production a person last chose, for people on several at once."""

    __tablename__ = "user_contexts"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    slack_user_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))


class OutboxMessage(Base):
    """A Web API call waiting to be made: written with the change that caused it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    method: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    # A name for the posted message, so later updates can find its ts.
    ref: Mapped[str | None] = mapped_column(String(200), index=True)
    # For chat.update and thread replies: the ref of the message they act on.
    target_ref: Mapped[str | None] = mapped_column(String(200), index=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    result_channel: Mapped[str | None] = mapped_column(String(32))
    result_ts: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    # The workspace this row belongs to (no production to reach it through): per-team tokens,
    # uninstall and purge find it by this.
    team_id: Mapped[str | None] = mapped_column(String(32), index=True)

    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)


class ScheduledJob(Base):
    """A piece of work due at a time; the truth for every reminder and nudge."""

    __tablename__ = "scheduled_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    # The workspace this row belongs to (no production to reach it through): per-team tokens,
    # uninstall and purge find it by this.
    team_id: Mapped[str | None] = mapped_column(String(32), index=True)

    __table_args__ = (Index("ix_jobs_due", "status", "next_attempt_at"),)


class Counter(Base):
    """The last number handed out for one kind of record (expense, problem) of a production."""

    __tablename__ = "counters"

    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class RequestReceipt(Base):
    """A request already applied (event id, signed command, submitted view), kept for a while."""

    __tablename__ = "request_receipts"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # The workspace this row belongs to (no production to reach it through): per-team tokens,
    # uninstall and purge find it by this.
    team_id: Mapped[str | None] = mapped_column(String(32), index=True)


# slack_sdk's installation and OAuth state tables, as its stores define them (migration 0016
# creates them): in our metadata too, so purges and test clean-ups see them.
SLACK_BOTS = SQLAlchemyInstallationStore.build_bots_table(Base.metadata, "slack_bots")
SLACK_INSTALLATIONS = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, "slack_installations"
)
SLACK_OAUTH_STATES = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, "slack_oauth_states"
)
