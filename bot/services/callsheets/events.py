"""What happens to call sheets, as facts other features and notify react to."""

from __future__ import annotations

from dataclasses import dataclass

from bot.events import Event


@dataclass(frozen=True)
class DayPublished(Event):
    """A shoot day's sheet went out at `revision`."""

    production_id: int
    day_id: int
    revision: int
