"""Fixed call sheet views (no database, fixed dates): the golden image's day and a large day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.services.callsheets.sheet import AdvanceLine, PlaceView, SceneLine, SheetView, pages_text
from bot.services.callsheets.sheet_people import CastLine, CrewGroup, CrewLine

DAY = date(2026, 6, 12)
CALL = datetime(2026, 6, 12, 13, 30, tzinfo=UTC)  # 6:30 AM in Los Angeles
DEPARTMENTS = ("Camera", "Electric", "Grip", "Sound", "Art", "Hair & Make-up", "Wardrobe")
STATUSES = ("SW", "W", "WF", "SWF", "H")


def at(minutes: int) -> datetime:
    """General call plus `minutes`."""
    return CALL + timedelta(minutes=minutes)


def place() -> PlaceView:
    """Rosa's Diner, every field filled."""
    return PlaceView(
        "Rosa's Diner",
        "123 Main St, Los Angeles, CA 90012",
        "Lot B behind the diner",
        "Church lot on 3rd St",
        "Good Samaritan Hospital",
        "1225 Wilshire Blvd, Los Angeles",
        "213-555-0199",
        "400 Spring St lot - shuttle every 10 min",
        "34.052200,-118.243700",
    )


def view(scenes: int = 6, cast: int = 5, crew: int = 14, phones: bool = True) -> SheetView:
    """A day of `scenes` scenes, `cast` cast and `crew` crew (phones shown or not)."""
    scene_lines = tuple(
        SceneLine(
            f"{10 + n}{'A' if n % 4 == 3 else ''}",
            f"{'INT' if n % 2 else 'EXT'}. ROSA'S DINER - {('BOOTH', 'KITCHEN', 'STREET')[n % 3]}",
            "D" if n % 3 else "N",
            pages_text(3 + n % 11),
            ", ".join(str(1 + (n + k) % max(cast, 1)) for k in range(1 + n % 3)),
            "Rosa's Diner" if n % 2 else "Main St",
            (n * 3) % 13,
            "props: coffee pot, menus; vehicles: 2 picture cars" if n % 3 == 0 else None,
        )
        for n in range(scenes)
    )
    cast_lines = tuple(
        CastLine(
            str(n + 1),
            f"CHARACTER {n + 1}",
            f"Actor Number{n + 1}",
            STATUSES[n % 5],
            at(-90 + n) if n % 5 != 4 else None,
            at(-75 + n) if n % 5 != 4 else None,
            at(-60 + n) if n % 5 != 4 else None,
            at(30 + n) if n % 5 != 4 else None,
            "Fitting at lunch" if n % 4 == 1 else "",
        )
        for n in range(cast)
    )
    groups: dict[str, list[CrewLine]] = {}
    for n in range(crew):
        department = DEPARTMENTS[n % len(DEPARTMENTS)]
        groups.setdefault(department, []).append(
            CrewLine(
                f"Crew Person{n + 1}",
                f"{department} {('Head', '1st', '2nd', 'Assistant')[n // len(DEPARTMENTS) % 4]}",
                at(-30 if n % 2 else 0),
                n % 9 == 0,
                f"213-555-{n:04d}" if phones else None,
            )
        )
    return SheetView(
        production="Night Owl",
        tz="America/Los_Angeles",
        date=DAY,
        day_number=7,
        total_days=40,
        revision=2,
        general_call=CALL,
        shooting_call=at(90),
        estimated_wrap=at(12 * 60 + 30),
        breakfast=at(-30),
        lunch=at(6 * 60),
        sunrise=datetime(2026, 6, 12, 12, 41, tzinfo=UTC),
        sunset=datetime(2026, 6, 13, 3, 4, tzinfo=UTC),
        weather="Clear, high 78, wind 5 mph",
        notes="Night exteriors after lunch. Closed set for sc. 14.",
        location=place(),
        scenes=scene_lines,
        department_calls=(("Camera", at(-30)), ("Grip", at(-30)), ("Electric", at(0))),
        advance=(
            AdvanceLine(DAY + timedelta(days=1), 8, at(24 * 60 + 30), "Studio 4", "20, 21, 22"),
            AdvanceLine(DAY + timedelta(days=3), 9, at(72 * 60), "Main St", "30"),
        ),
        company="Owl Pictures LLC",
        revised_at=datetime(2026, 6, 11, 1, 15, tzinfo=UTC),
        contacts=(
            ("Producer", "Pia Producer", "213-555-0100"),
            ("UPM", "Uma Manager", "213-555-0101"),
            ("Coordinator", "Cora Coordinator", "213-555-0102"),
            ("1st AD", "Al First", "213-555-0103"),
        ),
        second_meal=at(12 * 60),
        background_call=at(30),
        safety_notes="Stunt fall in sc. 14 - stunt coordinator on set. Heat: water hourly.",
        standard_notes="No visitors on set without the UPM's approval. No smoking on set.",
        walkies=(("1", "Production"), ("2", "Open"), ("3", "Electric"), ("4", "Grip")),
        cast=cast_lines,
        crew=tuple(CrewGroup(name, tuple(people)) for name, people in groups.items()),
    )


def large() -> SheetView:
    """60 scenes, 40 cast and 250 crew."""
    return view(60, 40, 250)
