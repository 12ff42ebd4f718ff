"""The problems export: every problem with its history, in stable columns."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.services.core import productions
from bot.services.core.productions import ProductionForm
from bot.services.problems import problems
from bot.services.problems import reports as problem_reports
from bot.store.models import Person
from tests.conftest import NOW


def test_export_round_trips_every_problem(session) -> None:
    production = productions.create_production(
        session,
        "T1",
        ProductionForm("Night Owl", "America/Los_Angeles", coordinators_channel_id="C1"),
        now=NOW,
        creator_id="UC",
        creator_name="Cora",
    )
    session.add(Person(production_id=production.id, slack_user_id="UG", name="Gus", role="crew"))
    session.flush()
    first = problems.report(
        session,
        production,
        "UG",
        problems.ReportForm('gen down, "again"', "urgent", "Stage 5"),
        NOW,
    )
    problems.take(session, production, first, "UC", NOW + timedelta(minutes=3))
    problems.add_update(session, production, first, "UG", "spare on the way", NOW)
    problems.resolve(
        session, production, first, "UC", "swapped, line 2\nchecked", NOW + timedelta(minutes=40)
    )
    problems.report(session, production, "UG", problems.ReportForm("cones missing", "fyi"), NOW)
    rows = list(csv.DictReader(io.StringIO(problem_reports.export_csv(session, production))))
    assert tuple(rows[0].keys()) == problem_reports.EXPORT_COLUMNS
    assert [(r["number"], r["severity"], r["status"]) for r in rows] == [
        ("1", "urgent", "resolved"),
        ("2", "fyi", "open"),
    ]
    assert rows[0]["description"] == 'gen down, "again"'
    assert rows[0]["resolution"] == "swapped, line 2\nchecked"
    assert (rows[0]["reporter"], rows[0]["owner"], rows[0]["updates"]) == ("Gus", "Cora", "1")
    assert rows[0]["reported_at"] == "2026-06-10T10:00-07:00"
    assert rows[0]["resolved_at"] == "2026-06-10T10:40-07:00"
