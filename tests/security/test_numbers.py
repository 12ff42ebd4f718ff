"""Numbers never collide: bursts of simultaneous submissions each get their own number."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from bot.store import sequences
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import alembic_config, upgrade
from bot.store.models import Production
from bot.store.models_money import Expense
from bot.store.models_problems import Problem
from slack_emulator import SlackSide
from tests.conftest import NOW, Crew
from tests.harness import Running

BURST = 32


def _slack(running: Running) -> SlackSide:
    return SlackSide(running.emulator, running.slack.events_url, running.slack.signing_secret)


def test_a_burst_of_expenses_and_problem_reports_all_get_distinct_numbers(
    running: Running, crew: Crew
) -> None:
    problems_channel = running.emulator.workspace.add_channel("nightowl-problems").id
    with running.db() as db:
        db.get(Production, crew.production_id).problems_channel_id = problems_channel
        db.commit()
    views = []
    for _ in range(BURST):
        running.slack.command(crew.grip, "/problem", "")
        views.append(running.slack.last_view(crew.grip))
    assert len({v["id"] for v in views}) == BURST

    def expense(i: int) -> dict:
        slack = _slack(running)
        try:
            return slack.command(crew.grip, "/expense", f"{i + 1}.50 gaffer tape").json()
        finally:
            slack.close()

    def problem(i: int) -> int:
        slack = _slack(running)
        answers = {"description": f"stand {i} broke", "severity": "attention"}
        try:
            reply = slack.submit(crew.grip, views[i], answers)
        finally:
            slack.close()
        assert reply.status_code == 200 and b"errors" not in reply.content
        return reply.status_code

    with ThreadPoolExecutor(2 * BURST) as pool:
        expense_replies = [pool.submit(expense, i) for i in range(BURST)]
        problem_replies = [pool.submit(problem, i) for i in range(BURST)]
        texts = [f.result()["text"] for f in expense_replies]
        assert [f.result() for f in problem_replies] == [200] * BURST
    assert all(t.startswith("Logged expense #") for t in texts), texts
    with running.db() as db:
        expense_numbers = db.scalars(select(Expense.number)).all()
        problem_numbers = db.scalars(select(Problem.number)).all()
    assert sorted(expense_numbers) == list(range(1, BURST + 1))
    assert sorted(problem_numbers) == list(range(1, BURST + 1))


def test_the_migration_continues_todays_numbers(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0009")
    with make_session_factory(engine)() as db:
        # Core, with 0009's columns: today's model has columns later migrations add.
        db.execute(
            text(
                "INSERT INTO productions (team_id, name, timezone, currency, settings, created_at)"
                " VALUES ('T1', 'Old', 'UTC', 'USD', '{}', :now)"
            ),
            {"now": NOW},
        )
        production = db.scalars(select(Production.id)).one()
        for number in (3, 7):
            db.add(
                Expense(
                    production_id=production,
                    number=number,
                    submitter="U1",
                    spent_on=date(2026, 6, 1),
                    created_at=NOW,
                )
            )
        db.commit()
        production_id = production
    upgrade(engine)
    with make_session_factory(engine)() as db:
        assert sequences.next_number(db, Expense.number, production_id) == 8
        assert sequences.next_number(db, Problem.number, production_id) == 1
    engine.dispose()
