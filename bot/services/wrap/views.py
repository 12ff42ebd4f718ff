"""Plain view data the wrap blocks render: no ORM rows, so rendering never touches the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class GearInfo:
    """One gear item as shown: what it is, and who has had it since when."""

    name: str
    asset_tag: str | None = None
    rental_house: str | None = None
    return_due: date | None = None
    holder: str | None = None  # the holder's name
    out_since: datetime | None = None
    created: bool = False  # /gear out added it to the gear list just now


@dataclass(frozen=True)
class LooseEnds:
    """What one person still has open at wrap."""

    currency: str
    gear: tuple[GearInfo, ...] = ()
    receipts: tuple[tuple[int, Decimal], ...] = ()  # (expense number, amount)
    tasks: tuple[str, ...] = ()
    paperwork: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    """A permit, certificate, agreement or rental as listed."""

    kind: str  # its label, "Film permit"
    covers: str
    valid_from: date
    expires: date


@dataclass(frozen=True)
class MealInfo:
    """A recorded meal."""

    department: str | None
    started_at: datetime
    ended_at: datetime | None
    late_minutes: int
    penalty: Decimal


@dataclass(frozen=True)
class SceneInfo:
    """A scheduled scene."""

    number: str
    set_name: str


@dataclass(frozen=True)
class ProblemInfo:
    """A problem raised during the day."""

    number: int
    description: str
    status: str


@dataclass(frozen=True)
class ReportView:
    """Everything the daily production report shows, gathered from the day's records."""

    production: str
    timezone: str
    currency: str
    day_id: int
    date: date
    number: int
    total: int
    general_call: datetime | None
    shooting_call: datetime | None
    wrap_at: datetime | None
    first_shot_at: datetime | None
    notes: str | None
    posted_at: datetime | None
    confirmed: int
    called: int
    scenes: tuple[SceneInfo, ...] = ()
    scenes_shot: tuple[str, ...] = ()
    meals: tuple[MealInfo, ...] = ()
    problems: tuple[ProblemInfo, ...] = ()
    expenses: int = 0
    spent: Decimal = field(default_factory=lambda: Decimal("0.00"))
    gear_out: tuple[GearInfo, ...] = ()
