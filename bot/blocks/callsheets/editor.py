"""The call sheet editor modal: one day, typed the way coordinators type on set."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from bot.blocks.common import plain
from bot.store.models_callsheet import ShootDay

EDITOR_CALLBACK = "callsheet_editor"


def _text(
    block_id: str,
    label: str,
    value: str | None,
    *,
    optional: bool = True,
    multiline: bool = False,
    placeholder: str | None = None,
    hint: str | None = None,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": block_id,
        "multiline": multiline,
    }
    if value:
        element["initial_value"] = value
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, 2000),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def _clock(moment: Any, tz: str) -> str | None:
    return moment.astimezone(ZoneInfo(tz)).strftime("%-I:%M%p").lower()[:-1] if moment else None


def day_editor(day: ShootDay | None, on: date, tz: str, production_id: int) -> dict[str, Any]:
    """The editor for the day on `on` (new when `day` is None)."""
    place = day.location if day else None
    scenes = (
        "\n".join(
            f"{s.number} | {s.set_name} | {s.day_night} | {_pages(s.pages_eighths)} | "
            f"{', '.join(s.cast)}"
            for s in day.scenes
        )
        if day
        else None
    )
    departments = (
        "\n".join(
            f"{name} {minutes:+d}"
            for name, minutes in sorted((day.department_offsets or {}).items())
        )
        if day
        else None
    )
    calls = "\n".join(_override_line(o, tz) for o in day.overrides) if day else None
    coordinates = (
        f"{place.latitude}, {place.longitude}" if place and place.latitude is not None else None
    )
    hospital = place and " · ".join(
        x for x in (place.hospital_name, place.hospital_address, place.hospital_phone) if x
    )
    return {
        "type": "modal",
        "callback_id": EDITOR_CALLBACK,
        "private_metadata": json.dumps({"production_id": production_id}),
        "title": plain("Call sheet", 24),
        "submit": plain("Save", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            {
                "type": "input",
                "block_id": "date",
                "label": plain("Shoot day"),
                "element": {
                    "type": "datepicker",
                    "action_id": "date",
                    "initial_date": on.isoformat(),
                },
            },
            _text(
                "general_call",
                "General crew call",
                _clock(day and day.general_call, tz),
                optional=False,
                placeholder="6:30a",
            ),
            _text(
                "shooting_call",
                "Shooting call",
                _clock(day and day.shooting_call, tz),
                placeholder="8a",
            ),
            _text(
                "estimated_wrap",
                "Estimated wrap",
                _clock(day and day.estimated_wrap, tz),
                placeholder="7p",
                hint="After midnight is fine: 2a means the next morning.",
            ),
            _text("breakfast", "Breakfast", _clock(day and day.breakfast_at, tz)),
            _text("lunch", "Lunch", _clock(day and day.lunch_at, tz), placeholder="12:30p"),
            _text("location_name", "Location", place.name if place else None),
            _text("location_address", "Address", place.address if place else None),
            _text("location_parking", "Parking", place.parking if place else None),
            _text("location_basecamp", "Basecamp", place.basecamp if place else None),
            _text(
                "location_hospital",
                "Nearest hospital",
                hospital or None,
                placeholder="Name · address · phone",
            ),
            _text(
                "location_coordinates",
                "Latitude, longitude",
                coordinates,
                placeholder="34.0522, -118.2437",
                hint="For sunrise and sunset.",
            ),
            _text(
                "scenes",
                "Scenes",
                scenes,
                multiline=True,
                placeholder="12 | INT. KITCHEN | D | 1 4/8 | Ana, Bo",
                hint="One a line: number | set | D or N | pages | cast",
            ),
            _text(
                "departments",
                "Department calls",
                departments,
                multiline=True,
                placeholder="Camera -30",
                hint="Minutes from general call, one a line.",
            ),
            _text(
                "calls",
                "Individual calls",
                calls,
                multiline=True,
                placeholder="Ana Actor 5:30a pickup 4:45a hmu 5a",
                hint="Cast calls, pickups, hair & make-up; `Gus Grip off` for a day off.",
            ),
            _text("weather", "Weather", day.weather if day else None),
            _text("notes", "Notes", day.notes if day else None, multiline=True),
        ],
    }


def _pages(eighths: int) -> str:
    whole, rest = divmod(eighths, 8)
    return f"{whole} {rest}/8".strip() if rest and whole else (f"{rest}/8" if rest else str(whole))


def _override_line(override: Any, tz: str) -> str:
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
