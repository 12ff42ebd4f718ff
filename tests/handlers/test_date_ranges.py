"""Days typed as filters and ranges read the right way, over the wire."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Crew
from tests.harness import Running

THANKSGIVING = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def heading(running: Running, crew: Crew, text: str) -> str:
    return running.slack.command(crew.coordinator, "/problems", text).json()["text"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("11/28", "Sat Nov 28"),  # two days ahead, not last year's
        ("11/20", "Fri Nov 20"),
        ("fri", "Fri Nov 27"),  # tomorrow is nearer than six days ago
        ("mon", "Mon Nov 23"),  # three days ago is nearer than four days ahead
        ("today", "Thu Nov 26"),
        ("1/5", "Tue Jan 5"),  # January ahead is nearer than last January
    ],
)
def test_a_problems_day_filter_means_the_nearest_such_day(
    running: Running, crew: Crew, typed: str, meant: str
) -> None:
    running.clock.set(THANKSGIVING)
    assert heading(running, crew, typed).startswith(f"Open problems reported {meant}")


def test_an_expense_export_range_must_run_forwards(running: Running, crew: Crew) -> None:
    running.clock.set(THANKSGIVING)

    def export(text: str) -> str:
        return running.slack.command(crew.coordinator, "/expense", f"export {text}").json()["text"]

    reversed_range = export("12/1 11/1")
    assert reversed_range.startswith("From must be before to: Dec 1 is after Nov 1.")
    assert "`/expense export 11/1 12/1`" in reversed_range
    assert "From must be before to" in export("11/20 11/2")
    assert "0 expenses" in export("11/1 11/20")
    assert "0 expenses" in export("2025-12-1 1/5")
    assert "at most two days" in export("11/1 11/2 11/3")
    assert "couldn't read “soon”" in export("soon")
    running.deliver()
    files = [m for m in running.emulator.workspace.dm_messages(crew.coordinator.id) if m.files]
    assert len(files) == 2
