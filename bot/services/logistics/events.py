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
