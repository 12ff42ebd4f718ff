"""The crew's /calltime is answered on the event loop on SQLite: never queued behind requests
that wait on Slack, and never able to wait for the write lock there itself."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlencode

import pytest
from slack_bolt import BoltRequest
from sqlalchemy import func, select

from bot.store.models_money import Expense
from slack_emulator import payloads
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.harness import Running

POOL = 40  # the request threads uvicorn's thread pool lends (anyio's default)


def _sqlite(running: Running) -> None:
    if running.slate.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's reads are round trips: they stay in the thread pool")


def test_calltime_is_answered_while_every_request_thread_waits_on_slack(
    running: Running, crew: Crew
) -> None:
    _sqlite(running)
    compose(running, crew)
    publish(running, crew)
    opened = len(running.emulator.calls("views.open"))  # the editor compose used
    running.emulator.delay("views.open", 4, times=POOL)
    opening = [
        threading.Thread(
            target=running.slack.command,
            args=(crew.coordinator, "/callsheet", "fri"),
            kwargs={"channel": crew.crew_channel},
        )
        for _ in range(POOL)
    ]
    for thread in opening:
        thread.start()
    deadline = time.monotonic() + 10
    while len(running.emulator.calls("views.open")) < opened + POOL:
        assert time.monotonic() < deadline, "the editors never reached Slack"
        time.sleep(0.02)
    started = time.perf_counter()
    reply = running.slack.command(crew.grip, "/calltime", "", channel=crew.crew_channel).json()
    seconds = time.perf_counter() - started
    grip = running.slack.command(crew.grip, "/calltime", "grip", channel=crew.crew_channel).json()
    waiting = sum(thread.is_alive() for thread in opening)
    for thread in opening:
        thread.join()
    assert reply["text"].startswith("Your call Fri Jun 12: 6:00 AM")
    assert grip["text"].startswith("Grip calls Fri Jun 12")
    assert waiting == POOL, "the editors should still be waiting on Slack"
    assert seconds < 2.0, seconds  # not queued behind them (each waits 4 s)


def test_a_request_answered_on_the_event_loop_cannot_write(running: Running, crew: Crew) -> None:
    _sqlite(running)
    request = _request(running, crew, "/expense", "12.50 gaffer tape")
    answer = running.slate.bolt.dispatch(request, inline=True)
    assert "Sorry" in answer.body  # refused, not left waiting for SQLite's write lock
    with running.db() as db:
        assert db.scalar(select(func.count()).select_from(Expense)) == 0


def test_only_calltimes_reads_are_answered_on_the_event_loop(running: Running, crew: Crew) -> None:
    inline = running.slate.engine.dialect.name == "sqlite"
    for command, text, expected in (
        ("/calltime", "", inline),
        ("/calltime", "  ", inline),
        ("/calltime", "fri", inline),
        ("/calltime", "grip", inline),
        ("/calltime", f"<@{crew.pa.id}> fri", inline),
        ("/calltime", "subscribe", False),  # writes a feed token
        ("/calltime", "Unsubscribe", False),
        ("/expense", "12.50 tape", False),
        ("/slate", "help", False),
    ):
        request = _request(running, crew, command, text)
        assert running.slate.bolt.answers_inline(request) is expected, (command, text)


def _request(running: Running, crew: Crew, command: str, text: str) -> BoltRequest:
    """The request Bolt builds from a signed slash command (signature checked before)."""
    ws = running.emulator.workspace
    fields = payloads.slash_command(ws, crew.grip, command, text, crew.crew_channel)
    form = {"content-type": ["application/x-www-form-urlencoded"]}
    return BoltRequest(body=urlencode(fields), headers=form)
