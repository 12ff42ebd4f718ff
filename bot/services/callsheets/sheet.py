"""The call sheet as a reader sees it: one plain object for Slack blocks and the PDF alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.services.callsheets import day_forms, shoot_days
from bot.store.models import Production
from bot.store.models_callsheet import Location, ShootDay


@dataclass(frozen=True)
class SceneLine:
    """A scene as printed."""

    number: str
    set_name: str
    day_night: str
    pages: str
    cast: str


@dataclass(frozen=True)
class AdvanceLine:
    """A later shoot day in the advance shoot_days."""

    date: date
    day_number: int
    call: datetime | None
    location: str | None


@dataclass(frozen=True)
class PlaceView:
    """A location as the crew read it."""

    name: str
    address: str | None = None
    parking: str | None = None
    basecamp: str | None = None
    hospital_name: str | None = None
    hospital_address: str | None = None
    hospital_phone: str | None = None

    @classmethod
    def of(cls, location: Location | None) -> PlaceView | None:
        """The view of a stored location."""
        if location is None:
            return None
        return cls(
            location.name,
            location.address,
            location.parking,
            location.basecamp,
            location.hospital_name,
            location.hospital_address,
            location.hospital_phone,
        )


@dataclass(frozen=True)
class SheetView:
    """Everything a call sheet shows, with times still aware (formatted by the renderer)."""

    production: str
    tz: str
    date: date
    day_number: int
    total_days: int
    revision: int
    general_call: datetime | None
    shooting_call: datetime | None
    estimated_wrap: datetime | None
    breakfast: datetime | None
    lunch: datetime | None
    sunrise: datetime | None
    sunset: datetime | None
    weather: str | None
    notes: str | None
    location: PlaceView | None
    scenes: tuple[SceneLine, ...]
    department_calls: tuple[tuple[str, datetime], ...]
    advance: tuple[AdvanceLine, ...]

    @property
    def total_pages(self) -> str:
        """All scenes' pages, in eighths notation."""
        return pages_text(sum(_eighths(s.pages) for s in self.scenes))


def pages_text(eighths: int) -> str:
    """12 -> "1 4/8"."""
    whole, rest = divmod(eighths, 8)
    if not rest:
        return str(whole)
    return f"{whole} {rest}/8" if whole else f"{rest}/8"


def _eighths(text: str) -> int:
    return day_forms.parse_pages(text) if text else 0


def sun_times(location: Location | None, on: date, tz: str) -> tuple[datetime | None, ...]:
    """Sunrise and sunset at the location, computed offline; None without coordinates."""
    if location is None or location.latitude is None or location.longitude is None:
        return None, None
    from astral import LocationInfo  # only a location with coordinates needs it
    from astral.sun import sun

    place = LocationInfo(
        timezone=tz, latitude=float(location.latitude), longitude=float(location.longitude)
    )
    try:
        times = sun(place.observer, date=on, tzinfo=ZoneInfo(tz))
    except ValueError:  # polar day or night
        return None, None
    return times["sunrise"], times["sunset"]


def build(session: Session, production: Production, day: ShootDay) -> SheetView:
    """The call sheet of `day` as it stands now."""
    number, total = shoot_days.day_number(session, day)
    sunrise, sunset = sun_times(day.location, day.date, production.timezone)
    departments = (
        tuple(
            (name, day.general_call + _minutes(offset))
            for name, offset in sorted(
                (day.department_offsets or {}).items(), key=lambda item: (item[1], item[0])
            )
        )
        if day.general_call
        else ()
    )
    advance = []
    for later in shoot_days.advance_days(session, day):
        later_number, _ = shoot_days.day_number(session, later)
        advance.append(
            AdvanceLine(
                later.date,
                later_number,
                later.general_call,
                later.location.name if later.location else None,
            )
        )
    return SheetView(
        production=production.name,
        tz=production.timezone,
        date=day.date,
        day_number=number,
        total_days=total,
        revision=day.revision,
        general_call=day.general_call,
        shooting_call=day.shooting_call,
        estimated_wrap=day.estimated_wrap,
        breakfast=day.breakfast_at,
        lunch=day.lunch_at,
        sunrise=sunrise,
        sunset=sunset,
        weather=day.weather,
        notes=day.notes,
        location=PlaceView.of(day.location),
        scenes=tuple(
            SceneLine(
                s.number, s.set_name, s.day_night, pages_text(s.pages_eighths), ", ".join(s.cast)
            )
            for s in day.scenes
        ),
        department_calls=departments,
        advance=tuple(advance),
    )


def _minutes(offset: int) -> timedelta:
    return timedelta(minutes=offset)
