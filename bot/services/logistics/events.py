"""What happens in logistics, as facts notify turns into messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.events import Event


@dataclass(frozen=True)
class CateringOrderSent(Event):
    """The caterer's order for a day (version 1) or a revision of it (version 2 on)."""

    production_id: int
    day_id: int
    version: int
    order: dict[str, Any]  # counts.CateringCount.to_json()
    previous: dict[str, Any] | None  # the order this one revises


@dataclass(frozen=True)
class DietSaved(Event):
    """A person saved their dietary needs from App Home."""

    production_id: int
    user_id: str


@dataclass(frozen=True)
class RunSheetDue(Event):
    """A driver's run sheet for a day goes out (the evening before)."""

    production_id: int
    day_id: int
    driver_id: int


@dataclass(frozen=True)
class ShuttleChanged(Event):
    """A driver's shuttle was set, changed or taken off: their run sheet follows if it went."""

    production_id: int
    day_id: int
    driver_id: int


@dataclass(frozen=True)
class PickupChanged(Event):
    """A pickup changed after the day was published: the rider and the driver hear it."""

    production_id: int
    pickup_id: int
    old_driver_id: int | None  # a driver taken off this pickup, told too


@dataclass(frozen=True)
class PickupStatusChanged(Event):
    """A driver tapped Picked up or Running late: the live board follows."""

    production_id: int
    day_id: int
    pickup_id: int


@dataclass(frozen=True)
class ItinerarySent(Event):
    """A traveller's itinerary (new or changed by an import) goes to them by DM."""

    production_id: int
    person_id: int


@dataclass(frozen=True)
class TravelReminder(Event):
    """A departure is a day (`which` "day") or 3 hours ("3h") away."""

    production_id: int
    item_id: int
    which: str
