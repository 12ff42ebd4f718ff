"""The migrations build exactly the tables and columns the models use (SQLite and PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from bot.store.schema import Base

# Tables the migrations create for libraries rather than for our models (slack_sdk's stores).
NOT_OURS = {"alembic_version", "slack_installations", "slack_bots", "slack_oauth_states"}


def test_every_model_column_is_migrated_and_nothing_else(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    structural = [
        (kind, _name(change))
        for change in differences
        if isinstance(change, tuple)
        and (kind := change[0]) in ("add_table", "remove_table", "add_column", "remove_column")
        and _name(change).split(".")[0] not in NOT_OURS
    ]
    assert structural == []


def _name(change: tuple) -> str:
    kind = change[0]
    if kind in ("add_table", "remove_table"):
        return change[1].name
    return f"{change[2]}.{change[3].name}"
