"""The editor's contents: a shoot day written back the way coordinators type it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.services.callsheets.sheet import pages_text
from bot.store.models import Production
from bot.store.models_callsheet import CallOverride, ShootDay


@dataclass(frozen=True)
class DayDraft:
    """What the editor shows for one day (None: an empty field)."""

    production_id: int
    date: date
    general_call: str | None = None
    shooting_call: str | None = None
    estimated_wrap: str | None = None
    breakfast: str | None = None
    lunch: str | None = None
    location_name: str | None = None
    location_address: str | None = None
    location_parking: str | None = None
    location_basecamp: str | None = None
    location_hospital: str | None = None
    location_coordinates: str | None = None
    scenes: str | None = None
    departments: str | None = None
    calls: str | None = None
    weather: str | None = None
    notes: str | None = None
    location_days: int = 0  # shoot days at the day's location, this one included


def draft(
    production: Production, on: date, day: ShootDay | None, location_days: int = 0
) -> DayDraft:
    """The editor's contents for the day on `on` (empty when there is no day yet)."""
    if day is None:
        return DayDraft(production.id, on)
    tz = production.timezone
    place = day.location
    hospital = place and " · ".join(
        x for x in (place.hospital_name, place.hospital_address, place.hospital_phone) if x
    )
    return DayDraft(
        production.id,
        on,
        general_call=_clock(day.general_call, tz),
        shooting_call=_clock(day.shooting_call, tz),
        estimated_wrap=_clock(day.estimated_wrap, tz),
        breakfast=_clock(day.breakfast_at, tz),
        lunch=_clock(day.lunch_at, tz),
        location_name=place.name if place else None,
        location_address=place.address if place else None,
        location_parking=place.parking if place else None,
        location_basecamp=place.basecamp if place else None,
        location_hospital=hospital or None,
        location_coordinates=(
            f"{place.latitude}, {place.longitude}" if place and place.latitude is not None else None
        ),
        scenes="\n".join(
            f"{s.number} | {s.set_name} | {s.day_night} | {pages_text(s.pages_eighths)} | "
            f"{', '.join(s.cast)}"
            for s in day.scenes
        ),
        departments="\n".join(
            f"{name} {minutes:+d}"
            for name, minutes in sorted((day.department_offsets or {}).items())
        ),
        calls="\n".join(_override_line(o, tz) for o in day.overrides),
        weather=day.weather,
        notes=day.notes,
        location_days=location_days,
    )


def _clock(moment: datetime | None, tz: str) -> str | None:
    return moment.astimezone(ZoneInfo(tz)).strftime("%-I:%M%p").lower()[:-1] if moment else None


def _override_line(override: CallOverride, tz: str) -> str:
    if override.off:
        return f"{override.person.name} off"
    parts = [override.person.name]
    if override.call_at:
        parts.append(_clock(override.call_at, tz) or "")
    if override.pickup_at:
        parts += ["pickup", _clock(override.pickup_at, tz) or ""]
    if override.hmu_at:
        parts += ["hmu", _clock(override.hmu_at, tz) or ""]
    return " ".join(parts)
