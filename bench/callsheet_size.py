"""python -m bench.callsheet_size: composing and rendering the full call sheet as the crew grows.

One production per size on a fresh migrated SQLite database, seeded through the same services
a coordinator uses (crew import, schedule import); the day has 30 scenes at every size, so only
the people grow. Figures are the median of `--repeats` runs, in milliseconds:

- compose: `sheet.build` (personal calls, the cast table with statuses from the schedule, the
  crew list by department);
- render: the PDF (`pdf.render`) and the channel post with its thread (`sheet_messages`);
- per person: everyone's stored view (`person_day.build`, `to_json`) and their DM blocks;
- copy: one person's PDF with their page first (made only when they ask for it).

The per-person part should grow linearly (or better) with the people; the ratio is printed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.blocks.callsheets import callsheet, pdf
from bot.services.callsheets import person_day, schedule_import, sheet
from bot.services.callsheets.calls import personal_calls
from bot.services.core import crew, productions
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from tests.conftest import NOW

SIZES = ((25, 4), (250, 40))
SCENES = 30
DEPARTMENTS = ("Camera", "Electric", "Grip", "Sound", "Art", "Hair", "Wardrobe", "Locations")


def _crew_csv(crew_size: int, cast: int) -> str:
    rows = ["name,email,phone,department,position,role"]
    rows += [f"Actor {n:03d},actor{n}@x.film,213-555-{n:04d},,,cast" for n in range(cast)]
    rows += [
        f"Crew {n:03d},crew{n}@x.film,310-555-{n:04d},{DEPARTMENTS[n % 8]},Position {n},crew"
        for n in range(crew_size)
    ]
    return "\n".join(rows) + "\n"


def _schedule(cast: int) -> str:
    numbers = "\n".join(f"  - {{number: {n + 1}, actor: Actor {n:03d}}}" for n in range(cast))
    scenes = "\n".join(
        f"      - {{number: {n + 1}, set: INT. SET {n}, dn: D, pages: 1 2/8, "
        f"cast: [{', '.join(str(1 + (n + k) % cast) for k in range(3))}], background: {n % 7}}}"
        for n in range(SCENES)
    )
    days = "\n".join(
        f"  - {{date: 2026-06-{d:02d}, location: Stage 5, call: 7a}}" for d in (13, 14)
    )
    return f"""
sheet: {{phones: heads, key_contacts: [{{role: UPM, name: Uma, phone: 213-555-0101}}]}}
cast:
{numbers}
locations:
  - {{name: Stage 5, address: 1 Lot Rd, Los Angeles, latitude: 34.05, longitude: -118.24}}
days:
  - date: 2026-06-12
    location: Stage 5
    call: 6:30a
    lunch: 12:30p
    scenes:
{scenes}
{days}
"""


def _median(run: Callable[[], Any], repeats: int) -> float:
    """Median milliseconds of `run`, the collector paused while timing (as timeit does)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        finally:
            gc.enable()
    return statistics.median(times)


def measure(crew_size: int, cast: int, repeats: int) -> dict[str, float]:
    """Milliseconds per part for one size."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'size.db'}")
        upgrade(engine)
        with make_session_factory(engine)() as db:
            form = productions.ProductionForm("Bench", "America/Los_Angeles")
            production: Production = productions.create_production(db, "T1", form, now=NOW)
            crew.import_crew(db, production, _crew_csv(crew_size, cast))
            report = schedule_import.import_schedule(
                db, production, _schedule(cast), "s.yaml", now=NOW
            )
            assert not report.errors, report.errors
            day = db.query(ShootDay).order_by(ShootDay.date).first()
            assert day is not None
            calls = personal_calls(db, production, day)
            view = sheet.build(db, production, day, calls)

            def per_person() -> None:
                for person in person_day.build(view, calls).values():
                    person.to_json()
                    callsheet.personal_blocks(person, changes=None, confirm=None)

            first = next(iter(person_day.build(view, calls).values()))
            figures = {
                "people": float(len(calls)),
                "compose": _median(lambda: sheet.build(db, production, day), repeats),
                "render": _median(
                    lambda: (pdf.render(view), callsheet.sheet_messages(view)), repeats
                ),
                "per person": _median(per_person, repeats),
                "copy": _median(lambda: pdf.render(view, first), repeats),
            }
        engine.dispose()
    return figures


def main() -> None:
    """Print the table and the per-person ratio (Markdown)."""
    parser = argparse.ArgumentParser(prog="python -m bench.callsheet_size")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rows = {size: measure(*size, args.repeats) for size in SIZES}
    print("| crew / cast | people | compose ms | render ms | per-person ms | copy ms |")
    print("|---|---|---|---|---|---|")
    for (crew_size, cast), f in rows.items():
        print(
            f"| {crew_size} / {cast} | {f['people']:.0f} | {f['compose']:.1f} | "
            f"{f['render']:.1f} | {f['per person']:.1f} | {f['copy']:.1f} |"
        )
    small, large = rows[SIZES[0]], rows[SIZES[1]]
    people = large["people"] / small["people"]
    ratio = large["per person"] / small["per person"]
    print(
        f"\nPer-person part: x{ratio:.1f} for x{people:.1f} the people "
        f"({'linear or better' if ratio <= people * 1.2 else 'WORSE than linear'}); "
        f"compose x{large['compose'] / small['compose']:.1f}, "
        f"render x{large['render'] / small['render']:.1f}."
    )


if __name__ == "__main__":
    main()
