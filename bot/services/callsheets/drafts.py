"""The editor's contents: a shoot day written back the way coordinators type it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.services.callsheets.sheet import pages_text
from bot.store.models import Production
from bot.store.models_callsheet import CallOverride, Scene, ShootDay


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
    second_meal: str | None = None
    background_call: str | None = None
    location_name: str | None = None
    location_address: str | None = None
    location_parking: str | None = None
    location_basecamp: str | None = None
    location_crew_parking: str | None = None
    location_hospital: str | None = None
    location_coordinates: str | None = None
    scenes: str | None = None
    departments: str | None = None
    calls: str | None = None
    weather: str | None = None
    notes: str | None = None
    safety_notes: str | None = None
    # The production's sheet-wide settings (the same on every day's editor).
    sheet_company: str | None = None
    sheet_phones: str = "none"
    sheet_contacts: str | None = None
    sheet_walkies: str | None = None
    sheet_notes: str | None = None
    sheet_cast: str | None = None
    sheet_heads: str | None = None
    location_days: int = 0  # shoot days at the day's location, this one included


def draft(
    production: Production,
    on: date,
    day: ShootDay | None,
    location_days: int = 0,
    sheet: dict[str, str | None] | None = None,
) -> DayDraft:
    """The editor's contents for the day on `on` (empty when there is no day yet); `sheet`:
    the production's settings as lines (`sheet_settings.editor_lines`)."""
    if day is None:
        return DayDraft(production.id, on, **(sheet or {}))  # type: ignore[arg-type]
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
        second_meal=_clock(day.second_meal_at, tz),
        background_call=_clock(day.background_call, tz),
        location_name=place.name if place else None,
        location_address=place.address if place else None,
        location_parking=place.parking if place else None,
        location_basecamp=place.basecamp if place else None,
        location_crew_parking=place.crew_parking if place else None,
        location_hospital=hospital or None,
        location_coordinates=(
            f"{place.latitude}, {place.longitude}" if place and place.latitude is not None else None
        ),
        scenes="\n".join(_scene_line(s) for s in day.scenes),
        departments="\n".join(
            f"{name} {minutes:+d}"
            for name, minutes in sorted((day.department_offsets or {}).items())
        ),
        calls="\n".join(_override_line(o, tz) for o in day.overrides),
        weather=day.weather,
        notes=day.notes,
        safety_notes=day.safety_notes,
        location_days=location_days,
        **(sheet or {}),  # type: ignore[arg-type]
    )


def _scene_line(scene: Scene) -> str:
    extra = [scene.location or "", str(scene.background or ""), scene.requirements or ""]
    cells = [scene.number, scene.set_name, scene.day_night, pages_text(scene.pages_eighths)]
    return " | ".join([*cells, ", ".join(scene.cast), *extra]).rstrip(" |")


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
    if override.wardrobe_at:
        parts += ["wardrobe", _clock(override.wardrobe_at, tz) or ""]
    if override.on_set_at:
        parts += ["onset", _clock(override.on_set_at, tz) or ""]
    return " ".join(parts) + (f" | {override.remarks}" if override.remarks else "")
