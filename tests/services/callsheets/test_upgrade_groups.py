"""Migration 0013 copies each stored call's department and name: a department's /calltime
answers from the stored rows alone, for days published before the upgrade too."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot import notify
from bot.services.callsheets import calltime
from bot.store.db import make_session_factory
from bot.store.models import Department, Person, Production
from bot.store.models_callsheet import CallSheetRecipient
from tests.services.callsheets.test_upgrade import NOW, database, migrate, published_day


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_day_published_before_the_upgrade_answers_by_department(
    kind: str, tmp_path: Path
) -> None:
    with database(kind, tmp_path) as engine:
        published_day(engine)
        migrate(engine, "0012", down=True)
        with engine.begin() as connection:
            columns = connection.execute(text("SELECT * FROM callsheet_recipients")).keys()
            assert "department_id" not in columns  # as the Slate before 0013 left them
        migrate(engine, "head")
        with notify.install(make_session_factory(engine))() as db:
            production = db.scalar(select(Production))
            grip = db.scalar(select(Department).where(Department.name == "Grip"))
            gus = db.scalar(select(Person).where(Person.slack_user_id == "UGUS"))
            records = db.scalars(select(CallSheetRecipient)).all()
            assert {(r.name, r.department_id) for r in records} >= {("Gus Grip", grip.id)}
            assert all(r.name for r in records)

            answer = calltime.answer(db, production, "UANA", "grip", NOW)
            assert (answer.subject, answer.total) == ("Grip", 1)
            assert [e.name for e in answer.entries] == [gus.name]
            assert answer.counts == ((answer.entries[0].call_at, 1),)

            everyone = calltime.answer(db, production, "UANA", "all", NOW)
            assert everyone.total == len(records) == sum(n for _, n in everyone.counts)
            calls = [(e.call_at, e.name) for e in everyone.entries]
            assert calls == sorted(calls)
