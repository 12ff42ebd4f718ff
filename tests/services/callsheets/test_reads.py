"""Reading a person's day costs one query, and publishing costs the same at any crew size."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select

from bot.services.callsheets import calltime, publishing
from bot.services.core import crew as crew_service
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running


@contextmanager
def statements(db) -> Iterator[list[str]]:
    """Every SQL statement the session sends while inside."""
    seen: list[str] = []
    engine = db.get_bind()

    def record(_conn, _cursor, sql, *_args) -> None:
        seen.append(sql)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_my_call_is_one_query_for_the_day_and_my_view(running: Running, crew: Crew) -> None:
    compose(running, crew, calls="Gus Grip 5a pickup 4:30a")
    publish(running, crew)
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        assert production is not None
        for text in ("", "fri"):
            with statements(db) as seen:
                answer = calltime.answer(db, production, crew.grip.id, text, running.clock.now())
            # Their day as drawn at publish, pickup and all: nothing parsed or drawn to answer.
            assert answer.call_at is not None and answer.person is None
            assert "Pickup" in (answer.shown or "") and "4:30 AM" in (answer.shown or "")
            reads = [s for s in seen if "shoot_days" in s or "callsheet_recipients" in s]
            assert len(reads) == 1, seen  # the day and the stored view together
            assert len(seen) - len(reads) <= 1, seen  # plus finding who asks (once a session)


def test_publishing_queries_do_not_grow_with_the_crew(running: Running, crew: Crew) -> None:
    compose(running, crew)
    counts = []
    # Both over the first chunk (50): a bigger crew queues the rest in a job either way.
    for size in (60, 200):
        rows = "".join(f"Crew {size} {n},c{size}-{n}@x.film,Grip,crew,\n" for n in range(size))
        with running.db() as db:
            production = db.get(Production, crew.production_id)
            crew_service.import_crew(
                db, production, "name,email,department,role,slack_user_id\n" + rows
            )
            db.commit()
        compose(running, crew, notes=f"crew of {size}")
        with running.db() as db:
            production = db.get(Production, crew.production_id)
            day = db.scalar(select(ShootDay))
            with statements(db) as seen:
                result = publishing.publish(
                    db, production, day, actor=None, now=running.clock.now(), force=True
                )
            assert result.published
            db.rollback()
        counts.append(len([s for s in seen if s.lstrip().upper().startswith("SELECT")]))
    assert counts[0] == counts[1], counts
