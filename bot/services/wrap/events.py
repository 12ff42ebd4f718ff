"""What happens at wrap and around it: facts the wrap services record for notify to tell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bot.events import Event


@dataclass(frozen=True)
class WrapRecorded(Event):
    """Wrap was recorded (or corrected) for a day; `recipients` are the Slack ids working it."""

    production_id: int
    day_id: int
    wrap_at: datetime
    corrected: bool
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class WrapReminderDue(Event):
    """The planned wrap time came and wrap is not recorded yet."""

    day_id: int
    day: date
    actor: str


@dataclass(frozen=True)
class MealDue(Event):
    """The crew's meal is due in 30 minutes."""

    production_id: int
    due_at: datetime


@dataclass(frozen=True)
class MealLate(Event):
    """The crew's meal time passed without a meal: penalties are running."""

    production_id: int
    due_at: datetime


@dataclass(frozen=True)
class MealStartedLate(Event):
    """A meal started after it was due, with its estimated penalty."""

    production_id: int
    department: str | None
    due_at: datetime
    started_at: datetime
    late_minutes: int
    people: int
    penalty: Decimal


@dataclass(frozen=True)
class GearReturnDue(Event):
    """A rental is due back tomorrow and is still out."""

    production_id: int
    item_id: int


@dataclass(frozen=True)
class DocumentExpiring(Event):
    """A document expires in `days` days."""

    production_id: int
    document_id: int
    days: int


@dataclass(frozen=True)
class DayUncovered(Event):
    """A shoot day is at a location with no valid permit or agreement on that date."""

    production_id: int
    day_id: int
    day: date
    location: str


@dataclass(frozen=True)
class ReportDrafted(Event):
    """The day's report changed (ticks, first shot, notes): refresh the draft."""

    production_id: int
    day_id: int


@dataclass(frozen=True)
class ReportPosted(Event):
    """A coordinator posted the day's report to `channel`."""

    production_id: int
    day_id: int
    channel: str
