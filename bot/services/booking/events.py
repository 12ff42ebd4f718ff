"""What happens before the shoot, as facts notify turns into DMs and tallies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.events import Event


@dataclass(frozen=True)
class AvailAsked(Event):
    """A check went out: DM each Slack candidate, post the coordinator's tally."""

    check_id: int


@dataclass(frozen=True)
class AvailAnswered(Event):
    """A candidate answered (or a hold was placed from the tally): edit the tally."""

    answer_id: int


@dataclass(frozen=True)
class AvailNudged(Event):
    """The silent candidates of a check are reminded, once."""

    check_id: int
    answer_ids: tuple[int, ...]


@dataclass(frozen=True)
class HoldPlaced(Event):
    """A hold on a person: they and the coordinator who placed it are told its rank."""

    hold_id: int


@dataclass(frozen=True)
class HoldChallenged(Event):
    """A first hold was challenged: its coordinators must confirm or release by the deadline."""

    hold_id: int
    by_user: str


@dataclass(frozen=True)
class HoldEnded(Event):
    """A hold was released (by hand, at the deadline, or by a booking); `promoted` moved up."""

    hold_id: int
    reason: str
    promoted: tuple[int, ...]


@dataclass(frozen=True)
class PersonBooked(Event):
    """Someone is booked on a production (the onboarding checklist starts from this)."""

    production_id: int
    person_id: int
    first_day: date
    booking_id: int


@dataclass(frozen=True)
class BookingReleased(Event):
    """A booking was released: the person is told."""

    booking_id: int
