"""Applying Alembic migrations from code: at start-up and by `slate db upgrade`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, exc, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*(.*)$", re.MULTILINE)


def alembic_config(database_url: str = "") -> Config:
    """An Alembic config pointing at Slate's migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema."""
    # Every start checks; almost every start finds the schema current. Alembic (with Mako and
    # Pygments) cost a third of start-up and ~10 MiB held for the life of the process.
    if at_head(engine):
        return
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def heads() -> set[str]:
    """The revisions no other migration follows, read from the scripts' own lines."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for key, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            names = set(re.findall(r"""["']([^"']+)["']""", value))
            (revisions if key == "revision" else followed).update(names)
    return revisions - followed


def at_head(engine: Engine) -> bool:
    """Whether the database's recorded revision is the newest script's (one head only)."""
    try:
        with engine.connect() as connection:
            stored = {
                row[0]
                for row in connection.execute(text("SELECT version_num FROM alembic_version"))
            }
    except exc.DBAPIError:
        return False  # no version table yet: a new database
    newest = heads()
    return len(newest) == 1 and stored == newest
