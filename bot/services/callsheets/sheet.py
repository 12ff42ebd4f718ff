"""The call sheet as a reader sees it: one plain object for Slack blocks and the PDF alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.services.callsheets import day_forms, sheet_people, sheet_settings, shoot_days
from bot.services.callsheets.calls import PersonalCall, personal_calls
from bot.services.callsheets.sheet_people import CastLine, CrewGroup
from bot.store.models import Production
from bot.store.models_callsheet import Location, Scene, ShootDay

MAPS = "https://www.google.com/maps/search/?api=1&query="


MAPS_QUERY_LIMIT = 200  # characters of an address a link carries (and its QR code holds)


def maps_url(query: str | None) -> str | None:
    """A plain maps link for an address or "lat,long" (built here: no network call)."""
    if not query or not query.strip():
        return None
    return MAPS + quote_plus(" ".join(query.split())[:MAPS_QUERY_LIMIT])


@dataclass(frozen=True)
class SceneLine:
    """A scene as printed."""

    number: str
    set_name: str
    day_night: str
    pages: str
    cast: str  # cast numbers (names where a person has none)
    location: str | None = None
    background: int = 0
    requirements: str | None = None


@dataclass(frozen=True)
class AdvanceLine:
    """A later shoot day in the advance shoot_days."""

    date: date
    day_number: int
    call: datetime | None
    location: str | None
    scenes: str = ""


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
    crew_parking: str | None = None
    coordinates: str | None = None  # "34.0522,-118.2437"

    @property
    def links(self) -> tuple[tuple[str, str], ...]:
        """(label, maps URL) for every place on the sheet that has one."""
        found = [
            ("Set", maps_url(self.coordinates or self.address)),
            ("Basecamp", maps_url(self.basecamp)),
            ("Crew parking", maps_url(self.crew_parking)),
            ("Hospital", maps_url(self.hospital_address)),
        ]
        return tuple((label, url) for label, url in found if url)

    @classmethod
    def of(cls, location: Location | None) -> PlaceView | None:
        """The view of a stored location."""
        if location is None:
            return None
        return cls(
            location.crew_name,
            location.address,
            location.parking,
            location.basecamp,
            location.hospital_name,
            location.hospital_address,
            location.hospital_phone,
            location.crew_parking,
            f"{location.latitude},{location.longitude}" if location.latitude is not None else None,
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
    company: str | None = None
    revised_at: datetime | None = None
    contacts: tuple[tuple[str, str, str], ...] = ()  # (role, name, phone)
    second_meal: datetime | None = None
    background_call: datetime | None = None
    safety_notes: str | None = None
    standard_notes: str | None = None
    walkies: tuple[tuple[str, str], ...] = ()
    cast: tuple[CastLine, ...] = ()
    crew: tuple[CrewGroup, ...] = ()

    @property
    def total_pages(self) -> str:
        """All scenes' pages, in eighths notation."""
        return pages_text(sum(_eighths(s.pages) for s in self.scenes))

    @property
    def background_total(self) -> int:
        """Extras across the day's scenes."""
        return sum(s.background for s in self.scenes)

    @property
    def cast_count(self) -> int:
        """Cast working today (holds, and fittings on a day off, not counted)."""
        return sum(1 for c in self.cast if c.status not in ("H", ""))

    @property
    def crew_count(self) -> int:
        """Crew on the list today."""
        return sum(len(g.people) for g in self.crew)


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


def build(
    session: Session,
    production: Production,
    day: ShootDay,
    calls: list[PersonalCall] | None = None,
) -> SheetView:
    """The call sheet of `day` as it stands now (`calls`: its personal calls, if known)."""
    if calls is None:
        calls = personal_calls(session, production, day) if day.general_call else []
    settings = sheet_settings.settings_of(session, production)
    numbers = sheet_people.numbers_of(session, production)
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
                later.location.crew_name if later.location else None,
                ", ".join(s.number for s in later.scenes),
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
        scenes=tuple(_scene(s, _numbered(numbers, calls)) for s in day.scenes),
        department_calls=departments,
        advance=tuple(advance),
        company=settings.company,
        revised_at=day.published_at,
        contacts=tuple(
            (c.get("role", ""), c.get("name", ""), c.get("phone", ""))
            for c in settings.key_contacts or ()
        ),
        second_meal=day.second_meal_at,
        background_call=day.background_call,
        safety_notes=day.safety_notes,
        standard_notes=settings.standard_notes,
        walkies=tuple((w.get("channel", ""), w.get("use", "")) for w in settings.walkie_channels),
        cast=sheet_people.cast_table(session, production, day, calls) if day.general_call else (),
        crew=sheet_people.crew_groups(day, calls, settings),
    )


def _numbered(numbers: dict[int, str], calls: list[PersonalCall]) -> dict[str, str]:
    """Lower-cased full and first names of numbered cast -> their number."""
    found = {}
    for call in calls:
        number = numbers.get(call.person.id)
        if number:
            found[call.person.name.lower()] = number
            found.setdefault(call.person.name.split()[0].lower(), number)
    return found


def _scene(scene: Scene, numbered: dict[str, str]) -> SceneLine:
    cast = ", ".join(numbered.get(c.lower(), c) for c in scene.cast)
    return SceneLine(
        scene.number,
        scene.set_name,
        scene.day_night,
        pages_text(scene.pages_eighths),
        cast,
        scene.location,
        scene.background or 0,
        scene.requirements,
    )


def _minutes(offset: int) -> timedelta:
    return timedelta(minutes=offset)
