"""Problem services record facts and touch no outbox; notify sends when the session commits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot import events
from bot.errors import NotAuthorized
from bot.services.core import productions
from bot.services.core.productions import ProductionForm
from bot.services.problems import problems
from bot.services.problems.events import ProblemReported, ProblemResolved, ProblemTaken
from bot.store.models import OutboxMessage, Person
from tests.conftest import NOW


@pytest.fixture
def night_owl(session):
    production = productions.create_production(
        session,
        "T1",
        ProductionForm("Night Owl", "America/Los_Angeles", coordinators_channel_id="C1"),
        now=NOW,
        creator_id="UC",
        creator_name="Cora",
    )
    session.add(Person(production_id=production.id, slack_user_id="UG", name="Gus", role="crew"))
    session.commit()
    return production


def _outbox(session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxMessage))


def test_services_record_facts_and_notify_sends_them_at_commit(session, night_owl) -> None:
    before = _outbox(session)
    form = problems.ReportForm("gen down", "urgent")
    problem = problems.report(session, night_owl, "UG", form, NOW)
    problems.take(session, night_owl, problem, "UG", NOW + timedelta(minutes=1))
    problems.resolve(session, night_owl, problem, "UG", "swapped", NOW + timedelta(minutes=5))
    recorded = events.take(session)
    assert [type(e) for e in recorded] == [ProblemReported, ProblemTaken, ProblemResolved]
    assert _outbox(session) == before  # nothing sent by the services themselves
    for happened in recorded:
        events.record(session, happened)
    session.commit()
    assert _outbox(session) > before


@pytest.mark.parametrize("who", ["UX", "UC2"])
def test_people_off_the_crew_list_record_nothing(session, night_owl, who) -> None:
    productions.create_production(
        session,
        "T1",
        ProductionForm("Day Lark", "America/Los_Angeles"),
        now=NOW,
        creator_id="UC2",
        creator_name="Dora",
    )
    problem = problems.report(session, night_owl, "UG", problems.ReportForm("x", "fyi"), NOW)
    events.take(session)
    with pytest.raises(NotAuthorized):
        problems.report(session, night_owl, who, problems.ReportForm("y", "fyi"), NOW)
    for act in (problems.take, problems.delete):
        with pytest.raises(NotAuthorized):
            act(session, night_owl, problem, who, NOW)
    with pytest.raises(NotAuthorized):
        problems.add_update(session, night_owl, problem, who, "hi", NOW)
    assert events.take(session) == [] and problem.status == "open"
