"""A person's day: everything one person sees for one shoot day, stored at publish and read back
by every surface (DM, /calltime, App Home, calendar), and what changed between two of them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.services.callsheets.calls import PersonalCall
from bot.services.callsheets.sheet import SheetView

HOSPITAL = ("hospital_name", "hospital_address", "hospital_phone")
# What a person sees, in the order a revision names it: (JSON key, label, kind). Kinds:
# "time" (ISO moment), "text", "list" (scene numbers), "note" (too long to quote: "changed").
COMPARED = (
    ("call", "Your call", "time"),
    ("shooting_call", "Shooting call", "time"),
    ("pickup", "Pickup", "time"),
    ("hmu", "Hair & make-up", "time"),
    ("wardrobe", "Wardrobe", "time"),
    ("on_set", "On set", "time"),
    ("location", "Location", "text"),
    ("address", "Address", "text"),
    ("parking", "Parking", "text"),
    ("basecamp", "Basecamp", "text"),
    ("crew_parking", "Crew parking", "text"),
    ("hospital", "Hospital", "text"),  # the three HOSPITAL keys, read as one line
    ("breakfast", "Breakfast", "time"),
    ("lunch", "Lunch", "time"),
    ("second_meal", "Second meal", "time"),
    ("estimated_wrap", "Est. wrap", "time"),
    ("scenes", "Scenes", "list"),
    ("notes", "Notes", "note"),
    ("safety_notes", "Safety", "note"),
    ("remarks", "Remarks", "text"),
    ("weather", "Weather", "text"),
)
# Stored by every Slate since the first: compared even when an older row lacks them.
_ALWAYS = ("call", "pickup", "hmu", "location", "scenes")


@dataclass(frozen=True)
class Change:
    """One thing a person (or the whole day) sees differently: "Parking: Lot B → Lot C"."""

    label: str
    kind: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class PersonDay:
    """Everything one person sees for one shoot day, with times still aware."""

    production: str
    tz: str
    date: date
    day_number: int
    revision: int
    name: str
    role: str
    department: str | None
    call_at: datetime
    shooting_call: datetime | None = None
    pickup_at: datetime | None = None
    hmu_at: datetime | None = None
    location: str | None = None
    address: str | None = None
    parking: str | None = None
    basecamp: str | None = None
    hospital_name: str | None = None
    hospital_address: str | None = None
    hospital_phone: str | None = None
    breakfast: datetime | None = None
    lunch: datetime | None = None
    estimated_wrap: datetime | None = None
    scenes: tuple[str, ...] = ()
    notes: str | None = None
    weather: str | None = None
    wardrobe_at: datetime | None = None
    on_set_at: datetime | None = None
    crew_parking: str | None = None
    second_meal: datetime | None = None
    safety_notes: str | None = None
    remarks: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored form (keys compatible with what earlier Slates stored as `told`)."""
        data: dict[str, Any] = {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if isinstance(value, datetime | date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            data[_KEYS.get(item.name, item.name)] = value
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PersonDay:
        """The day as stored (missing keys, from older rows, read as empty)."""
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            value = data.get(_KEYS.get(item.name, item.name))
            if item.name == "date":
                value = date.fromisoformat(value) if value else date.min
            elif item.name == "call_at" or (item.type == "datetime | None" and value):
                value = datetime.fromisoformat(value)
            elif item.name == "scenes":
                value = tuple(value or ())
            elif item.name in ("production", "tz", "name", "role"):
                value = value or ("UTC" if item.name == "tz" else "")
            elif item.name in ("day_number", "revision"):
                value = value or 0
            values[item.name] = value
        return cls(**values)

    @property
    def hospital(self) -> str | None:
        """Name · address · phone, as one line."""
        return (
            " · ".join(
                x for x in (self.hospital_name, self.hospital_address, self.hospital_phone) if x
            )
            or None
        )


# Field names whose stored key is the short one earlier Slates used.
_KEYS = {
    "call_at": "call",
    "pickup_at": "pickup",
    "hmu_at": "hmu",
    "wardrobe_at": "wardrobe",
    "on_set_at": "on_set",
}


def _day_fields(view: SheetView) -> dict[str, Any]:
    """What every person working the day reads the same."""
    place = view.location
    return dict(
        production=view.production,
        tz=view.tz,
        date=view.date,
        day_number=view.day_number,
        revision=view.revision,
        shooting_call=view.shooting_call,
        location=place.name if place else None,
        address=place.address if place else None,
        parking=place.parking if place else None,
        basecamp=place.basecamp if place else None,
        crew_parking=place.crew_parking if place else None,
        hospital_name=place.hospital_name if place else None,
        hospital_address=place.hospital_address if place else None,
        hospital_phone=place.hospital_phone if place else None,
        breakfast=view.breakfast,
        lunch=view.lunch,
        second_meal=view.second_meal,
        safety_notes=view.safety_notes,
        estimated_wrap=view.estimated_wrap,
        notes=view.notes,
        weather=view.weather,
    )


def build(view: SheetView, calls: list[PersonalCall]) -> dict[int, PersonDay]:
    """Each working person's day (by person id), from the sheet and their calls."""
    shared = _day_fields(view)
    cast = {line.person_id: line for line in view.cast}
    return {
        c.person.id: PersonDay(
            wardrobe_at=cast[c.person.id].wardrobe if c.person.id in cast else None,
            on_set_at=cast[c.person.id].on_set if c.person.id in cast else None,
            remarks=cast[c.person.id].remarks or None if c.person.id in cast else None,
            name=c.person.name,
            role=c.person.role,
            department=c.person.department.name if c.person.department else None,
            call_at=c.call_at,
            pickup_at=c.pickup_at,
            hmu_at=c.hmu_at,
            scenes=c.scenes,
            **shared,
        )
        for c in calls
    }


def day_wide(view: SheetView) -> dict[str, Any]:
    """What the whole day shows everyone (stored as the day's `published`)."""
    general = view.general_call.isoformat() if view.general_call else None
    everyone = PersonDay(
        name="",
        role="",
        department=None,
        call_at=view.general_call or datetime.min,
        scenes=tuple(s.number for s in view.scenes),
        **_day_fields(view),
    ).to_json()
    personal = ("call", "pickup", "hmu", "wardrobe", "on_set", "remarks", "hospital")
    keep = {key for key, _, _ in COMPARED if key not in personal}
    return {"general_call": general} | {
        k: v for k, v in everyone.items() if k in keep or k in HOSPITAL
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What differs between two stored views, in COMPARED order. A key an older row did not
    store yet counts as unchanged (so an upgrade alone messages no one)."""
    found = []
    for key, label, kind in COMPARED:
        keys = HOSPITAL if key == "hospital" else (key,)
        if key not in _ALWAYS and not any(k in before for k in keys):
            continue
        old, new = (_value(side, keys, kind) for side in (before, after))
        if old != new:
            found.append(Change(label, kind, old, new))
    return found


def compared(view: dict[str, Any]) -> dict[str, Any]:
    """Only the keys a revision compares (not names or day numbers, which only label it)."""
    keys = [k for key, _, _ in COMPARED for k in (HOSPITAL if key == "hospital" else (key,))]
    return {k: view.get(k) or None for k in keys}  # "" and None read the same


def same(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """Whether a person sees nothing new."""
    return not changes(before, after)


def _value(side: dict[str, Any], keys: tuple[str, ...], kind: str) -> str | None:
    if kind == "list":
        return ", ".join(side.get(keys[0]) or ()) or None
    return " · ".join(str(side[k]) for k in keys if side.get(k)) or None
