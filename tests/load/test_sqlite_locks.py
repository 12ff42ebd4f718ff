"""SQLite under load: read-only requests never wait for the write lock; writers still win it."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import Engine, func, select

from bot.store.models_callsheet import CalendarFeed
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, publish, tally
from tests.harness import Running


@pytest.fixture
def sqlite_only(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the write lock is SQLite's")


def _hold_write_lock(engine: Engine, seconds: float) -> threading.Thread:
    """Another process's writer: holds SQLite's write lock for `seconds`."""
    held = threading.Event()

    def hold() -> None:
        raw = sqlite3.connect(engine.url.database, isolation_level=None)
        raw.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        raw.execute("COMMIT")
        raw.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    held.wait(5)
    return thread


def _calltime(running: Running, crew: Crew, text: str = "") -> tuple[str, float]:
    started = time.perf_counter()
    reply = running.slack.command(crew.grip, "/calltime", text, channel=crew.crew_channel)
    assert reply.status_code == 200
    return reply.json()["text"], time.perf_counter() - started


def test_calltime_answers_while_another_writer_holds_the_lock(
    sqlite_only: None, running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    holder = _hold_write_lock(running.slate.engine, 3)
    text, seconds = _calltime(running, crew)
    holder.join()
    assert text.startswith("Your call Fri Jun 12: 6:00 AM")
    assert seconds < 1.0, f"/calltime waited {seconds:.2f} s for a lock it does not need"


def test_a_writing_request_that_loses_the_race_is_rerun_and_stored_once(
    sqlite_only: None, running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    running.slate.bolt.public_url = running.url
    # First sight of "/calltime subscribe": it begins deferred, reads, then must write while
    # another writer holds the lock; it is run again holding the lock and answers normally.
    holder = _hold_write_lock(running.slate.engine, 0.5)
    text, _ = _calltime(running, crew, "subscribe")
    holder.join()
    assert "calls: " in text and "Sorry" not in text
    with running.db() as db:
        assert db.scalar(select(func.count()).select_from(CalendarFeed)) == 1
    # Learned: the next one starts with the lock and needs no second run.
    again, _ = _calltime(running, crew, "subscribe")
    assert again.split("calls: ")[1] == text.split("calls: ")[1]


def test_a_button_that_loses_the_race_gets_no_error_message_and_counts_once(
    sqlite_only: None, running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    (grip_dm,) = call_dms(running, crew.grip)
    holder = _hold_write_lock(running.slate.engine, 0.5)
    running.slack.click(crew.grip, "callsheet_confirm", message=grip_dm)
    holder.join()
    running.deliver()
    assert tally(running, crew).text.endswith("1/3 confirmed")
    dms = [m.text for m in running.emulator.workspace.dm_messages(crew.grip.id)]
    assert not [text for text in dms if "Sorry" in text]
