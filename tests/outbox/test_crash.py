"""A worker process killed in the middle of a 500-message fan-out, then restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

from sqlalchemy import Engine, func, select

from bot import outbox
from bot.store.db import make_session_factory
from bot.store.models import OutboxMessage
from slack_emulator import SlackEmulator
from tests.conftest import NOW
from tests.harness import settings_for

FANOUT = 500


def _start_worker(emulator: SlackEmulator, engine: Engine, tmp_path) -> subprocess.Popen:
    settings = settings_for(emulator, engine.url.render_as_string(hide_password=False))
    env = dict(
        os.environ,
        SLACK_BOT_TOKEN=settings.slack_bot_token,
        SLACK_SIGNING_SECRET=settings.slack_signing_secret,
        SLACK_API_URL=settings.slack_api_url,
        DATABASE_URL=settings.database_url,
        SLATE_CHANNEL_INTERVAL="0",
        SLATE_OUTBOX_LEASE="2",
        SLATE_LOG_LEVEL="WARNING",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "worker"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_killed_worker_restarts_with_nothing_lost_and_nothing_doubled(
    engine: Engine, emulator: SlackEmulator, tmp_path
) -> None:
    users = [emulator.workspace.add_user(f"crew{i}") for i in range(100)]
    sessions = make_session_factory(engine)
    with sessions() as db:
        for n in range(FANOUT):
            outbox.post_message(db, users[n % 100].id, text=f"message {n}", now=NOW)
        db.commit()
    emulator.fail("chat.postMessage", status=429, retry_after=1, times=3)
    emulator.fail("chat.postMessage", status=500, times=2)

    first = _start_worker(emulator, engine, tmp_path)
    _wait(lambda: len(emulator.calls("chat.postMessage", ok=True)) >= 200, 60, "200 posts")
    # The next post reaches Slack, but the worker dies before hearing the answer.
    emulator.delay("chat.postMessage", 30)
    seen = len(emulator.calls("chat.postMessage"))
    _wait(lambda: len(emulator.calls("chat.postMessage")) > seen, 10, "the slow post")
    time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait(10)

    second = _start_worker(emulator, engine, tmp_path)
    try:

        def drained() -> bool:
            with sessions() as db:
                pending = select(func.count()).where(OutboxMessage.status == "pending")
                return db.scalar(pending) == 0

        _wait(drained, 120, "the outbox to drain")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)

    delivered = Counter(m.text for m in emulator.workspace.messages)
    assert len(delivered) == FANOUT, f"lost {FANOUT - len(delivered)}"
    doubled = [text for text, count in delivered.items() if count > 1]
    assert doubled == []
    # The restarted worker looked for the post it could not be sure of, rather than resending.
    assert emulator.calls("conversations.history", ok=True)
    with sessions() as db:
        statuses = Counter(db.scalars(select(OutboxMessage.status)))
    assert statuses == {"sent": FANOUT}
