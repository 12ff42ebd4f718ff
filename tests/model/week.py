"""The model of a production week: what each person should be told, computed without Slate."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

TZ = "America/New_York"
ZONE = ZoneInfo(TZ)
# Fall back at 2 am on Sun Nov 1: an overnight Saturday's calls cross midnight and the change.
DATES = (date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2))
START = datetime(2026, 10, 29, 12, 0, tzinfo=ZONE)
DEPARTMENTS = ("Camera", "Electric", "Grip", "Production")
CREW = (
    ("Cora Coordinator", "Production", "coordinator"),
    ("Cam Camera", "Camera", "crew"),
    ("Gail Gaffer", "Electric", "crew"),
    ("Gus Grip", "Grip", "crew"),
)
CAST = ("Ana Actor", "Bo Actor")
LOCATIONS = {
    "Warehouse": ("12 Dock St, Brooklyn", "Lot A on Dock St"),
    "Rosas Diner": ("123 Main St, Queens", "Lot B behind the diner"),
    "Pier 9": ("9 River Rd, Jersey City", "Street parking only"),
}
FIRST_PLACES = ("Warehouse", "Rosas Diner", "Warehouse", "Pier 9")  # days 1 and 3 share one
ADDRESSES = ("12 Dock St, Brooklyn", "40 Wharf Ave, Brooklyn", "7 Canal St, Queens")
PARKINGS = ("Lot A on Dock St", "Lot C by the church", "Garage on 3rd, level 2")
# Typed the way coordinators type; none falls in the hour DST repeats or skips.
GENERAL = ("6a", "7:30a", "11a", "5p", "6:30p")
LUNCH = ("12:30p", "1p", "11p", "12:30a", "4a")
PERSONAL = ("4a", "5:30a", "9a", "4:45p", "6p", "10p", "11:30p")
OFFSETS = (-60, -30, 0, 30)

_CLOCK = re.compile(r"^(\d{1,2})(?::(\d\d))?([ap])$")


def at(text: str, on: date, after: datetime | None) -> datetime:
    """The moment a typed time means on a shoot day: the first one later than `after`."""
    match = _CLOCK.match(text)
    assert match, text
    hour = int(match[1]) % 12 + (12 if match[3] == "p" else 0)
    naive = datetime.combine(on, time(hour, int(match[2] or 0)))
    if after is not None:
        floor = after.astimezone(ZONE).replace(tzinfo=None)
        while naive <= floor:
            naive += timedelta(days=1)
    return naive.replace(tzinfo=ZONE)


def clock(moment: datetime | None, on: date | None = None) -> str:
    """How Slate shows a time: "6:30 PM", with "(Sun)" when it falls on another date."""
    if moment is None:
        return "—"
    local = moment.astimezone(ZONE)
    text = local.strftime("%-I:%M %p")
    return text + (f" ({local:%a})" if on is not None and local.date() != on else "")


def title(on: date) -> str:
    """ "Sat Oct 31"."""
    return on.strftime("%a %b %-d")


@dataclass
class Own:
    """A person's own line in the editor: call, pickup and hair & make-up, as typed."""

    call: str | None = None
    pickup: str | None = None
    hmu: str | None = None


@dataclass
class Day:
    """One shoot day as the coordinator has typed it."""

    on: date
    general: str
    lunch: str
    place: str
    offsets: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DEPARTMENTS, 0))
    own: dict[str, Own] = field(default_factory=dict)

    def editor(self, places: dict[str, tuple[str, str]]) -> dict[str, Any]:
        """Every editor field the model drives, as typed."""
        return {
            "general_call": self.general,
            "lunch": self.lunch,
            "location_name": self.place,
            "location_address": places[self.place][0],
            "location_parking": places[self.place][1],
            "departments": "\n".join(f"{d} {m:+d}" for d, m in sorted(self.offsets.items())),
            "calls": "\n".join(
                " ".join(
                    [name]
                    + ([o.call] if o.call else [])
                    + (["pickup", o.pickup] if o.pickup else [])
                    + (["hmu", o.hmu] if o.hmu else [])
                )
                for name, o in sorted(self.own.items())
            ),
        }

    def sheet(self, places: dict[str, tuple[str, str]], departments: dict[str, str]) -> Sheet:
        """What publishing the day now would tell everyone."""
        call = at(self.general, self.on, None)
        earliest = call - timedelta(hours=6)
        people = {}
        for name, department in departments.items():
            own = self.own.get(name, Own())
            if department is None and name not in self.own:
                continue  # cast work only when called
            offset = self.offsets.get(department or "", 0)
            people[name] = Person(
                at(own.call, self.on, earliest) if own.call else call + timedelta(minutes=offset),
                at(own.pickup, self.on, earliest) if own.pickup else None,
                at(own.hmu, self.on, earliest) if own.hmu else None,
            )
        address, parking = places[self.place]
        return Sheet(
            self.on,
            call,
            at(self.lunch, self.on, call),
            self.place,
            address,
            parking,
            {d: call + timedelta(minutes=m) for d, m in self.offsets.items() if m},
            people,
        )


@dataclass(frozen=True)
class Person:
    """One person's own times on a day."""

    call: datetime
    pickup: datetime | None
    hmu: datetime | None


@dataclass(frozen=True)
class Sheet:
    """A day as published: what the sheet, the PDF and each person's DM say."""

    on: date
    general: datetime
    lunch: datetime
    place: str
    address: str
    parking: str
    departments: dict[str, datetime]
    people: dict[str, Person]

    def view(self, name: str) -> tuple[Any, ...] | None:
        """Everything a person's DM depends on (None: not working)."""
        person = self.people.get(name)
        if person is None:
            return None
        return (person, self.place, self.address, self.parking, self.lunch)
