"""What happens to call sheets, as facts other features and notify react to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.events import Event
from bot.services.callsheets.person_day import Change, PersonDay
from bot.services.callsheets.sheet import SheetView


@dataclass(frozen=True)
class DayPublished(Event):
    """A shoot day's sheet went out at `revision`."""

    production_id: int
    day_id: int
    revision: int


@dataclass(frozen=True)
class PersonTold:
    """One person's new or changed day in a revision."""

    person_id: int
    slack_user_id: str | None
    call: PersonDay
    changes: tuple[Change, ...] | None  # None: their first call for the day
    superseded: int | None  # the revision of their previous DM, whose button goes


@dataclass(frozen=True)
class SheetPublished(Event):
    """The sheet went out: the view everyone sees, who is told what, who was dropped."""

    production_id: int
    day_id: int
    sheet: SheetView
    crew_channel: str
    summary: tuple[Change, ...]  # what changed for the whole day since the last revision
    told: tuple[PersonTold, ...]
    dropped: tuple[str, ...]  # Slack ids of people no longer called
    complete: bool = True  # False: more are told in chunks, then the PDF (callsheet.tell)


@dataclass(frozen=True)
class RecipientConfirmed(Event):
    """A person confirmed the revision they were sent."""

    production_id: int
    day_id: int
    person_id: int
    revision: int


@dataclass(frozen=True)
class SilentPerson:
    """Someone who has not confirmed yet."""

    person_id: int
    name: str
    phone: str | None
    slack_user_id: str | None
    call_at: datetime


@dataclass(frozen=True)
class CopyRequested(Event):
    """A person asked for their own PDF of the day (their page first), in their DM."""

    production_id: int
    day_id: int
    person_id: int
    revision: int
    slack_user_id: str


@dataclass(frozen=True)
class NudgeDue(Event):
    """The unconfirmed of a revision are due a reminder (`step` 1 or 2); after the second,
    the coordinators get the list."""

    production_id: int
    day_id: int
    date: date
    tz: str
    revision: int
    step: int
    silent: tuple[SilentPerson, ...]


@dataclass(frozen=True)
class AutopublishFailed(Event):
    """The nightly post could not go out, and why."""

    production_id: int
    date: date
    reason: str


@dataclass(frozen=True)
class AutopublishWarned(Event):
    """The nightly post went out although the day breaks rules."""

    production_id: int
    date: date
    revision: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ScheduleChanged(Event):
    """A day's plan changed (/schedulechange) and went out: the crew channel is told what."""

    production_id: int
    date: date
    tz: str
    changes: tuple[Change, ...]
