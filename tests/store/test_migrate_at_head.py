"""Start-up skips Alembic only when the database is at the newest revision; any other state
(new, or behind) is migrated as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from bot.store import migrate
from bot.store.db import make_engine
from tests.services.callsheets.test_upgrade import database
from tests.services.callsheets.test_upgrade import migrate as alembic_to


def test_one_head_and_a_new_database_is_not_at_it(tmp_path: Path) -> None:
    assert len(migrate.heads()) == 1
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert not migrate.at_head(engine)
    migrate.upgrade(engine)
    assert migrate.at_head(engine)
    engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_database_behind_is_brought_up_to_date(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as engine:
        assert migrate.at_head(engine)
        alembic_to(engine, "0012", down=True)
        assert not migrate.at_head(engine)
        migrate.upgrade(engine)
        assert migrate.at_head(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("callsheet_recipients")}
        assert {"department_id", "name"} <= columns
