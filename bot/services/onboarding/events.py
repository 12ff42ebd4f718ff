"""What happens to start paperwork, as facts notify turns into DMs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.events import Event


@dataclass(frozen=True)
class OnboardingStarted(Event):
    """A person's checklist was started (or started again): DM it to them."""

    onboarding_id: int


@dataclass(frozen=True)
class OnboardingChanged(Event):
    """Something on a checklist changed: the person's DM follows."""

    onboarding_id: int


@dataclass(frozen=True)
class DocumentReceived(Event):
    """A file is in (fetched, checksummed): the coordinators get it to verify."""

    item_id: int


@dataclass(frozen=True)
class DocumentVerified(Event):
    """A coordinator verified a document: their DMs about it lose the button."""

    item_id: int


@dataclass(frozen=True)
class UploadFailed(Event):
    """A file could not be fetched from Slack: the person is asked to send it again."""

    item_id: int
    user: str
    reason: str


@dataclass(frozen=True)
class OnboardingReminder(Event):
    """A reminder to the person: `which` is "start" (a day on) or "before" (first call)."""

    onboarding_id: int
    which: str


@dataclass(frozen=True)
class I9Overdue(Event):
    """An I-9 still open three business days after the first work day."""

    onboarding_id: int


@dataclass(frozen=True)
class NotOnboarded(Event):
    """The nightly publish: people on the day's sheet whose paperwork is not done."""

    production_id: int
    day: date
    names: tuple[str, ...]


@dataclass(frozen=True)
class DocumentRequested(Event):
    """A coordinator asked for a copy of a document: it goes to their DM only."""

    item_id: int
    user: str
