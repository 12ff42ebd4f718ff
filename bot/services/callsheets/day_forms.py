"""The editor's and the imports' words for a shoot day, read into plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bot.errors import FieldErrors, InvalidInput
from bot.services.callsheets import sheet_settings

_PAGES = re.compile(r"^(?:(\d+)\s+)?(?:(\d)/8)?$|^(\d+)$")
_OFFSET = re.compile(r"^(.+?)\s*(?:call\s*)?([+-]\s*\d+)\s*(?:m|min|mins)?$", re.IGNORECASE)


@dataclass
class LocationForm:
    """A location as typed in the editor or an import."""

    name: str
    address: str | None = None
    parking: str | None = None
    basecamp: str | None = None
    hospital_name: str | None = None
    hospital_address: str | None = None
    hospital_phone: str | None = None
    latitude: str | None = None
    longitude: str | None = None
    crew_parking: str | None = None


@dataclass
class SceneSpec:
    """A scene line: number | set | D/N | pages | cast | location | background | needs."""

    number: str
    set_name: str
    day_night: str
    pages_eighths: int
    cast: list[str]
    location: str | None = None
    background: int = 0
    requirements: str | None = None


@dataclass
class CallSpec:
    """A person's own call line: name, then call / pickup / hmu times, or 'off'."""

    person: str
    call: str | None = None
    pickup: str | None = None
    hmu: str | None = None
    wardrobe: str | None = None
    onset: str | None = None
    remarks: str | None = None
    off: bool = False


@dataclass
class DayForm:
    """Everything the editor or an import says about one shoot day."""

    date: date
    general_call: str
    location: LocationForm | None = None
    shooting_call: str | None = None
    estimated_wrap: str | None = None
    breakfast: str | None = None
    lunch: str | None = None
    second_meal: str | None = None
    background_call: str | None = None
    safety_notes: str | None = None
    weather: str | None = None
    notes: str | None = None
    scenes: list[SceneSpec] = field(default_factory=list)
    departments: dict[str, int] = field(default_factory=dict)
    calls: list[CallSpec] = field(default_factory=list)
    # The production's sheet-wide settings, when the editor or file gave them.
    sheet: Any = None
    # A shared location's edit: "this" (this day gets its own copy) or "all" (every day at it).
    location_scope: str | None = None
    # The fields the editor's answers could not be read from, with what to type instead.
    errors: dict[str, str] = field(default_factory=dict)


# -- reading the editor's text fields ---------------------------------------------------------
def parse_pages(text: str) -> int:
    """Page count in eighths: "1 4/8" -> 12, "3/8" -> 3, "2" -> 16."""
    match = _PAGES.match(text.strip())
    if not text.strip() or not match:
        raise ValueError(f"pages “{text}” should look like 1 4/8, 3/8 or 2")
    if match[3]:
        return int(match[3]) * 8
    return int(match[1] or 0) * 8 + int(match[2] or 0)


def parse_scenes(text: str) -> list[SceneSpec]:
    """One scene a line: `12 | INT. KITCHEN | D | 1 4/8 | Ana, Bo`."""
    scenes = []
    for number, line in enumerate(_lines(text), start=1):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 3:
            raise InvalidInput(
                f"Scene line {number}: type `number | set | D or N | pages | cast`, "
                "like `12 | INT. KITCHEN | D | 1 4/8 | 1, 2` (then optionally "
                "`| location | background count | special requirements`).",
                field="scenes",
            )
        day_night = parts[2].upper()
        if day_night not in ("D", "N", "DAWN", "DUSK"):
            raise InvalidInput(
                f"Scene line {number}: D/N must be D, N, DAWN or DUSK.", field="scenes"
            )
        try:
            pages = parse_pages(parts[3]) if len(parts) > 3 and parts[3] else 0
        except ValueError as error:
            raise InvalidInput(f"Scene line {number}: {error}.", field="scenes") from error
        cast = [c.strip() for c in parts[4].split(",") if c.strip()] if len(parts) > 4 else []
        extra = [*parts[5:8], "", "", ""][:3]
        if not re.fullmatch(r"\d{0,4}", extra[1]):
            raise InvalidInput(
                f"Scene line {number}: background is a count of extras, like 12.", field="scenes"
            )
        if len(parts[0]) > 20 or len(parts[1]) > 200 or len(extra[0]) > 200:
            raise InvalidInput(
                f"Scene line {number}: keep the number under 20 characters and the set under 200.",
                field="scenes",
            )
        scenes.append(
            SceneSpec(
                parts[0],
                parts[1],
                day_night,
                pages,
                cast,
                extra[0] or None,
                int(extra[1] or 0),
                extra[2] or None,
            )
        )
    return scenes


MAX_OFFSET = 12 * 60  # half a day either side of general call


def parse_departments(text: str) -> dict[str, int]:
    """One department a line: `Camera -30`, `Grip +0`, `Catering call -60`."""
    offsets = {}
    for line in _lines(text):
        match = _OFFSET.match(line)
        if not match:
            raise InvalidInput(
                f"“{line}”: type a department and minutes from general call, like `Camera -30`.",
                field="departments",
            )
        minutes = int(match[2].replace(" ", ""))
        if abs(minutes) > MAX_OFFSET:
            raise InvalidInput(
                f"“{line}”: a department is called at most {MAX_OFFSET} minutes "
                "before or after general call.",
                field="departments",
            )
        offsets[match[1].strip()] = minutes
    return offsets


def parse_calls(text: str) -> list[CallSpec]:
    """One person a line: `Ana Actor 5:30a pickup 4:45a hmu 5a wardrobe 5:15a onset 6a | remarks`,
    or `Gus Grip off`."""
    specs = []
    for line in _lines(text):
        line, _, remarks = line.partition("|")
        words = line.split() or ["?"]
        lowered = [w.lower() for w in words]
        if lowered[-1] == "off":
            specs.append(CallSpec(" ".join(words[:-1]), off=True))
            continue
        spec = CallSpec("")
        name: list[str] = []
        index = 0
        while index < len(words):
            word = lowered[index]
            if word in ("pickup", "hmu", "call", "wardrobe", "onset") and index + 1 < len(words):
                setattr(spec, word, words[index + 1])
                index += 2
            elif spec.call is None and re.match(r"^\d", word):
                spec.call = words[index]
                index += 1
            else:
                name.append(words[index])
                index += 1
        spec.person = " ".join(name)
        spec.remarks = remarks.strip() or None
        if not spec.person or not (spec.call or spec.pickup or spec.hmu):
            raise InvalidInput(
                f"“{line}”: type a name and a time, like `Ana Actor 5:30a "
                "pickup 4:45a hmu 5a`, or `Gus Grip off`.",
                field="calls",
            )
        specs.append(spec)
    return specs


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def form_from_answers(answers: dict[str, str | None]) -> DayForm:
    """A DayForm from the editor's answers (keyed by action_id); its `errors` name every
    field that could not be read (FormInvalid at once when there is no day at all)."""
    found = FieldErrors()
    hospital = [p.strip() for p in (answers.get("location_hospital") or "").split("·")]
    latitude, longitude = found.take(coordinates, answers.get("location_coordinates")) or (
        None,
        None,
    )
    scenes = found.take(parse_scenes, answers.get("scenes") or "")
    departments = found.take(parse_departments, answers.get("departments") or "")
    calls = found.take(parse_calls, answers.get("calls") or "")
    if not answers.get("date"):
        found.add("date", "Pick the shoot day.")
        found.check()
    location = None
    if answers.get("location_name"):
        location = LocationForm(
            answers["location_name"] or "",
            answers.get("location_address"),
            answers.get("location_parking"),
            answers.get("location_basecamp"),
            *([*hospital, None, None, None])[:3],
            latitude,
            longitude,
            answers.get("location_crew_parking"),
        )
    return DayForm(
        date=date.fromisoformat(answers["date"] or ""),
        general_call=answers.get("general_call") or "",
        location=location,
        shooting_call=answers.get("shooting_call"),
        estimated_wrap=answers.get("estimated_wrap"),
        breakfast=answers.get("breakfast"),
        lunch=answers.get("lunch"),
        second_meal=answers.get("second_meal"),
        background_call=answers.get("background_call"),
        safety_notes=answers.get("safety_notes"),
        weather=answers.get("weather"),
        notes=answers.get("notes"),
        scenes=scenes or [],
        departments=departments or {},
        calls=calls or [],
        location_scope=answers.get("location_scope"),
        sheet=sheet_settings.form_of(answers),
        errors=found.errors,
    )


LIMITS = {"latitude": 90, "longitude": 180}
_EXAMPLE = "Type latitude, longitude like 34.0522, -118.2437 (or leave both empty)."


def coordinates(text: str | None) -> tuple[str | None, str | None]:
    """The editor's "latitude, longitude": both or neither, each within its range."""
    if not text or not text.strip():
        return None, None
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    if len(parts) != 2 or not all(parts):
        raise InvalidInput(_EXAMPLE, field="location_coordinates")
    coordinate("latitude", parts[0])
    coordinate("longitude", parts[1])
    return parts[0], parts[1]


def coordinate(key: str, value: object) -> Decimal:
    """A latitude (-90..90) or longitude (-180..180), refused plainly otherwise."""
    limit = LIMITS[key]
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or abs(number) > limit:
        raise InvalidInput(
            f"{key} should be a number from -{limit} to {limit}. {_EXAMPLE}",
            field="location_coordinates",
        )
    return number
