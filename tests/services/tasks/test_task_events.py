"""Task and broadcast services record facts; only the assignee moves a task."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import events
from bot.errors import NotAuthorized
from bot.events import Answered
from bot.services.core import productions
from bot.services.core.productions import ProductionForm
from bot.services.tasks import assignments, broadcasts
from bot.services.tasks.events import (
    BroadcastAcknowledged,
    BroadcastSent,
    TaskMoved,
    TaskReassigned,
    TasksAssigned,
)
from bot.store.models import Person
from tests.conftest import NOW


@pytest.fixture
def night_owl(session):
    production = productions.create_production(
        session,
        "T1",
        ProductionForm("Night Owl", "America/Los_Angeles"),
        now=NOW,
        creator_id="UC",
        creator_name="Cora",
    )
    for uid, name, role in (("UP", "Pat", "pa"), ("UG", "Gus", "crew")):
        session.add(Person(production_id=production.id, slack_user_id=uid, name=name, role=role))
    session.commit()
    return production


def test_assign_move_reassign_record_one_fact_each(session, night_owl) -> None:
    form = assignments.TaskForm("pick up lunch", ["UP", "UG"])
    pat, gus = assignments.assign(session, night_owl, "UC", form, NOW)
    assignments.accept(session, night_owl, pat, "UP", NOW)
    with pytest.raises(NotAuthorized, match="someone else's"):
        assignments.done(session, night_owl, gus, "UP", NOW)
    with pytest.raises(NotAuthorized, match="Only coordinators"):
        assignments.reassign(session, night_owl, gus, "UG", "UP", NOW)
    assignments.reassign(session, night_owl, gus, "UC", "UP", NOW + timedelta(minutes=1))
    kinds = [type(e) for e in events.take(session)]
    assert kinds == [TasksAssigned, TaskMoved, TaskReassigned]
    session.commit()


def test_a_broadcast_and_its_acknowledgment(session, night_owl) -> None:
    audience = broadcasts.Audience(roles=["pa", "crew"])
    sent = broadcasts.send(session, night_owl, "UC", "Rain plan", audience, True, NOW)
    with pytest.raises(NotAuthorized):
        broadcasts.acknowledge(session, "T1", sent.id, "UX", NOW)
    broadcasts.acknowledge(session, "T1", sent.id, "UP", NOW)
    broadcasts.acknowledge(session, "T1", sent.id, "UP", NOW)  # twice: one fact, and an answer
    kinds = [type(e) for e in events.take(session)]
    assert kinds == [BroadcastSent, BroadcastAcknowledged, Answered]
    session.commit()
