"""Migration 0011 fills each stored call from what an earlier Slate stored: after the upgrade,
publishing the same day again is "nothing changed", and no one is messaged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, func, select, text

from bot import notify
from bot.services.callsheets import calls, person_day, publishing, sheet
from bot.services.core import crew, productions
from bot.store.db import make_session_factory
from bot.store.migrate import alembic_config
from bot.store.models import OutboxMessage, Production
from bot.store.models_callsheet import CallSheetRecipient, Location, Scene, ShootDay
from tests.databases import postgres_database, postgres_unreachable, sqlite_database

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)
CALL = datetime(2026, 6, 12, 13, 30, tzinfo=UTC)
# What the Slate before 0011 stored for each person and for the day.
OLD_TOLD = ("call", "pickup", "hmu", "location", "scenes", "shooting_call", "breakfast")
OLD_TOLD += ("lunch", "address", "parking", "basecamp")
OLD_DAY = ("general_call", "shooting_call", "estimated_wrap", "location", "address", "parking")
OLD_DAY += ("breakfast", "lunch", "basecamp")


@contextmanager
def database(kind: str, folder: Path) -> Iterator[Engine]:
    """A database of its own: the migrations are run down and up on it."""
    if kind == "postgresql":
        if postgres_unreachable():
            pytest.skip("PostgreSQL not reachable")
        with postgres_database() as engine:
            yield engine
    else:
        with sqlite_database(folder) as engine:
            yield engine


def migrate(engine: Engine, to: str, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, to)


def published_day(engine: Engine) -> str:
    """Night Owl's Friday published for three people; returns the earlier Slate's hash."""
    with notify.install(make_session_factory(engine))() as db:
        production = productions.create_production(
            db,
            "T1",
            productions.ProductionForm("Night Owl", "America/Los_Angeles", "USD", "CC", "CO"),
            now=NOW,
            creator_id="UCORA",
            creator_name="Cora Coordinator",
        )
        crew.import_crew(
            db,
            production,
            "name,email,department,role,slack_user_id\n"
            "Gus Grip,gus@x.film,Grip,crew,UGUS\nAna Actor,ana@x.film,Cast,cast,UANA\n",
        )
        place = Location(
            production_id=production.id,
            name="Rosa's Diner",
            address="123 Main St",
            parking="Lot B",
            hospital_name="Good Samaritan",
        )
        day = ShootDay(
            production_id=production.id,
            date=CALL.date(),
            general_call=CALL,
            lunch_at=CALL + timedelta(hours=5),
            location=place,
            notes="Closed set.",
            weather="Clear",
            department_offsets={"Grip": -30},
        )
        db.add_all([place, day])
        db.flush()
        db.add(
            Scene(
                shoot_day_id=day.id,
                position=1,
                number="12",
                set_name="DINER",
                day_night="D",
                cast=["Ana"],
            )
        )
        db.flush()
        db.refresh(day)
        assert publishing.publish(db, production, day, actor="UCORA", now=NOW).published
        view = sheet.build(db, production, day)
        views = person_day.build(view, calls.personal_calls(db, production, day))
        old_hash = publishing._fingerprint(view, views, "meals")
        db.commit()
        return old_hash


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_an_upgrade_keeps_every_call_and_messages_no_one(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as engine:
        old_hash = published_day(engine)
        migrate(engine, "0010", down=True)
        with engine.begin() as connection:  # as the Slate before 0011 left them
            for row_id, told in connection.execute(
                text("SELECT id, told FROM callsheet_recipients")
            ):
                told = json.loads(told) if isinstance(told, str) else told
                old = json.dumps({k: told[k] for k in OLD_TOLD})
                connection.execute(
                    text("UPDATE callsheet_recipients SET told = :told WHERE id = :id"),
                    {"told": old, "id": row_id},
                )
            (published,) = connection.execute(text("SELECT published FROM shoot_days")).one()
            published = json.loads(published) if isinstance(published, str) else published
            connection.execute(
                text("UPDATE shoot_days SET published = :p, published_hash = :h"),
                {"p": json.dumps({k: published[k] for k in OLD_DAY}), "h": old_hash},
            )
        migrate(engine, "head")
        with notify.install(make_session_factory(engine))() as db:
            records = db.scalars(select(CallSheetRecipient).order_by(CallSheetRecipient.id)).all()
            assert len(records) == 3
            for record in records:
                seen = person_day.PersonDay.from_json(record.told)
                assert record.call_at == seen.call_at and record.date == CALL.date()
                assert record.slack_user_id and record.production_id
                assert seen.name and seen.hospital_name == "Good Samaritan"
                assert seen.notes == "Closed set." and seen.parking == "Lot B"
            ana = next(r for r in records if r.slack_user_id == "UANA")
            assert ana.told["scenes"] == ["12"] and ana.told["role"] == "cast"
            production = db.scalar(select(Production))
            day = db.scalar(select(ShootDay))
            sent = db.scalar(select(func.count()).select_from(OutboxMessage))
            result = publishing.publish(db, production, day, actor="UCORA", now=NOW)
            db.flush()
            assert result.unchanged and not result.published and day.revision == 1
            assert db.scalar(select(func.count()).select_from(OutboxMessage)) == sent
            day.notes = "Closed set. No phones."  # and a real change still reaches everyone
            result = publishing.publish(db, production, day, actor="UCORA", now=NOW)
            assert result.published and result.dms == 3
            db.rollback()
