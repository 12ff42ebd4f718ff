"""The tasks and broadcasts exports: the delivery and acknowledgment history."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.services.core import productions
from bot.services.core.productions import ProductionForm
from bot.services.tasks import assignments as tasks
from bot.services.tasks import broadcasts
from bot.services.tasks import reports as task_reports
from bot.store.models import Person
from tests.conftest import NOW


def _production(session):
    production = productions.create_production(
        session,
        "T1",
        ProductionForm("Night Owl", "America/Los_Angeles", coordinators_channel_id="C1"),
        now=NOW,
        creator_id="UC",
        creator_name="Cora",
    )
    session.add_all(
        [
            Person(production_id=production.id, slack_user_id="UP", name="Pat", role="pa"),
            Person(production_id=production.id, slack_user_id="UG", name="Gus", role="crew"),
        ]
    )
    session.flush()
    return production


def test_tasks_export(session) -> None:
    production = _production(session)
    (task,) = tasks.assign(
        session, production, "UC", tasks.TaskForm("get ice, lots", ["UP"], due="11:30a"), NOW
    )
    tasks.decline(session, production, task, "UP", "truck's out", NOW + timedelta(minutes=5))
    rows = list(csv.DictReader(io.StringIO(task_reports.export_csv(session, production))))
    assert tuple(rows[0]) == task_reports.EXPORT_COLUMNS
    assert (rows[0]["assignee"], rows[0]["what"], rows[0]["status"], rows[0]["reason"]) == (
        "Pat",
        "get ice, lots",
        "declined",
        "truck's out",
    )
    assert rows[0]["due_at"] == "2026-06-10T11:30:00-07:00"


def test_broadcasts_export(session) -> None:
    production = _production(session)
    sent = broadcasts.send(
        session, production, "UC", "Rain plan", broadcasts.Audience(people=["UP", "UG"]), True, NOW
    )
    broadcasts.acknowledge(session, "T1", sent.id, "UG", NOW + timedelta(minutes=2))
    rows = list(csv.DictReader(io.StringIO(broadcasts.export_csv(session, production))))
    assert [(r["recipient"], r["acknowledged_at"]) for r in rows] == [
        ("Gus", "2026-06-10T10:02:00-07:00"),
        ("Pat", ""),
    ]
