"""The outbox near the wire: batched claims and commits, no lock held across Slack, pruning."""

from __future__ import annotations

import threading
import time

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, event, func, select

from bot import outbox
from bot.clock import ManualClock
from bot.config import Settings
from bot.outbox.worker import OutboxWorker
from bot.store.db import make_session_factory
from bot.store.models import OutboxMessage
from slack_emulator import SlackEmulator


@pytest.fixture
def sessions(engine: Engine):
    return make_session_factory(engine)


def _worker(sessions, emulator: SlackEmulator, clock, **options) -> OutboxWorker:
    client = WebClient(token=emulator.bot_token, base_url=emulator.api_url)
    return OutboxWorker(sessions, client, clock, **{"channel_interval": 0.0, **options})


def test_a_batch_of_messages_costs_a_few_commits_not_one_each(
    engine: Engine, sessions, emulator: SlackEmulator, clock: ManualClock
) -> None:
    users = [emulator.workspace.add_user(f"crew{n}") for n in range(100)]
    with sessions() as db:
        for n, user in enumerate(users):
            outbox.post_message(db, user.id, text=f"call {n}", now=clock.now())
        db.commit()
    commits: list[int] = []
    listener = lambda _conn: commits.append(1)  # noqa: E731
    event.listen(engine, "commit", listener)
    try:
        _worker(sessions, emulator, clock, batch_size=50).deliver_all()
    finally:
        event.remove(engine, "commit", listener)
    assert sorted(m.text for m in emulator.workspace.messages) == sorted(
        f"call {n}" for n in range(100)
    )
    assert len(commits) <= 10, f"{len(commits)} commits for 100 messages"


def test_writers_are_not_held_up_by_a_slow_slack_call(
    sessions, emulator: SlackEmulator, clock: ManualClock
) -> None:
    channel = emulator.workspace.add_channel("crew").id
    with sessions() as db:
        outbox.post_message(db, channel, text="slow one", now=clock.now())
        db.commit()
    emulator.delay("chat.postMessage", 5)
    worker = _worker(sessions, emulator, clock)
    sending = threading.Thread(target=worker.drain_once)
    sending.start()
    deadline = time.monotonic() + 5
    while not emulator.calls("chat.postMessage") and time.monotonic() < deadline:
        time.sleep(0.02)
    started = time.perf_counter()
    with sessions() as db:  # a writer, while Slack has not answered yet
        outbox.post_message(db, channel, text="meanwhile", now=clock.now())
        db.commit()
    waited = time.perf_counter() - started
    sending.join()
    assert waited < 1.0, f"a writer waited {waited:.2f} s behind a Slack call"
    with sessions() as db:
        statuses = dict(
            db.execute(
                select(OutboxMessage.payload["text"].as_string(), OutboxMessage.status)
            ).all()
        )
    assert statuses == {"slow one": "sent", "meanwhile": "pending"}


def test_old_deliveries_are_pruned_but_edits_still_find_their_message(
    sessions, emulator: SlackEmulator, clock: ManualClock
) -> None:
    channel = emulator.workspace.add_channel("office").id
    with sessions() as db:
        outbox.post_message(db, channel, text="0/3 confirmed", ref="tally:1", now=clock.now())
        for n in range(20):
            outbox.post_message(db, channel, text=f"note {n}", now=clock.now())
        db.commit()
    worker = _worker(sessions, emulator, clock, retention_days=7)
    worker.deliver_all()
    clock.advance(days=6)
    assert worker.prune() == 0  # not old enough yet
    clock.advance(days=2)
    assert worker.prune() == 20
    with sessions() as db:
        assert db.scalar(select(func.count()).select_from(OutboxMessage)) == 1
        outbox.update_message(db, "tally:1", text="3/3 confirmed", now=clock.now())
        db.commit()
    worker.deliver_all()
    tally = [m for m in emulator.workspace.channel_messages(channel) if "confirmed" in m.text]
    assert [m.text for m in tally] == ["3/3 confirmed"]
    clock.advance(days=8)
    worker.prune()
    with sessions() as db:  # the edit went; the message it edits stays findable
        assert outbox.posted(db, "tally:1") is not None
        outbox.update_message(db, "tally:1", text="edited again", now=clock.now())
        db.commit()


def test_retention_is_configurable() -> None:
    env = {"SLATE_OUTBOX_RETENTION_DAYS": "7"}
    assert Settings.from_env(env, dotenv_path="/nonexistent").outbox_retention_days == 7
    assert Settings.from_env({}, dotenv_path="/nonexistent").outbox_retention_days == 30


def test_a_batch_stops_before_its_lease_runs_out(
    sessions, emulator: SlackEmulator, clock: ManualClock
) -> None:
    channel = emulator.workspace.add_channel("crew").id
    with sessions() as db:
        for n in range(3):
            outbox.post_message(db, channel, text=f"m{n}", now=clock.now())
        db.commit()
    worker = _worker(sessions, emulator, clock, lease_seconds=4)
    original = worker._call

    def slow_call(*args, **kwargs):
        clock.advance(seconds=3)  # each call eats most of the lease
        return original(*args, **kwargs)

    worker._call = slow_call  # type: ignore[method-assign]
    worker.drain_once()
    with sessions() as db:
        rows = db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    # The first went before the margin; the rest were handed back unclaimed, attempts unspent.
    assert [r.status for r in rows] == ["sent", "pending", "pending"]
    assert [r.claimed_by for r in rows[1:]] == [None, None] and rows[2].attempts == 0
    worker.deliver_all()
    assert [m.text for m in emulator.workspace.channel_messages(channel)] == ["m0", "m1", "m2"]
