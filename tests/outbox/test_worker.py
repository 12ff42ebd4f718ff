"""The outbox worker against the emulator: retries, pacing, in-place updates, no duplicates."""

from __future__ import annotations

import itertools
import time
from datetime import timedelta

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, select

from bot import outbox
from bot.clock import ManualClock, SystemClock
from bot.outbox.worker import MAX_ATTEMPTS, OutboxWorker
from bot.store.db import make_session_factory
from bot.store.models import OutboxMessage
from slack_emulator import SlackEmulator
from tests.conftest import NOW


@pytest.fixture
def sessions(engine: Engine):
    return make_session_factory(engine)


def _worker(sessions, emulator: SlackEmulator, clock: ManualClock, **options) -> OutboxWorker:
    client = WebClient(token=emulator.bot_token, base_url=emulator.api_url)
    return OutboxWorker(sessions, client, clock, **{"channel_interval": 0.0, **options})


def _queue(sessions, clock, channel: str, texts: list[str], **options) -> None:
    with sessions() as db:
        for text in texts:
            outbox.post_message(db, channel, text=text, now=clock.now(), **options)
        db.commit()


def _texts(emulator: SlackEmulator, channel: str) -> list[str]:
    return [m.text for m in emulator.workspace.channel_messages(channel, threads=True)]


def test_a_dm_by_user_id_arrives_and_its_ts_is_recorded(sessions, emulator, clock) -> None:
    user = emulator.workspace.add_user("gus")
    _queue(sessions, clock, user.id, ["Your call is 6:30a"], ref="call:gus")
    _worker(sessions, emulator, clock).deliver_all()
    assert [m.text for m in emulator.workspace.dm_messages(user.id)] == ["Your call is 6:30a"]
    with sessions() as db:
        sent = outbox.posted(db, "call:gus")
        assert sent is not None and sent.result_channel.startswith("D")
        assert sent.result_ts == emulator.workspace.dm_messages(user.id)[0].ts


def test_429_waits_for_retry_after_and_loses_nothing(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("crew").id
    emulator.fail("chat.postMessage", status=429, retry_after=30, times=2)
    _queue(sessions, clock, channel, ["one", "two"])
    started = clock.now()
    _worker(sessions, emulator, clock).deliver_all()
    assert _texts(emulator, channel) == ["one", "two"]
    assert clock.now() - started >= timedelta(seconds=60)  # waited out both Retry-Afters
    with sessions() as db:  # a 429 is not the message's fault: no attempt used up
        assert {r.attempts for r in db.scalars(select(OutboxMessage))} == {1}


def test_5xx_and_network_errors_back_off_then_succeed(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("crew").id
    emulator.fail("chat.postMessage", status=503, times=2)
    _queue(sessions, clock, channel, ["after two 503s"])
    started = clock.now()
    _worker(sessions, emulator, clock).deliver_all()
    assert _texts(emulator, channel) == ["after two 503s"]
    assert clock.now() - started >= timedelta(seconds=2 + 4)


def test_unreachable_slack_is_retried(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("crew").id
    _queue(sessions, clock, channel, ["hello"])
    dead = OutboxWorker(sessions, WebClient(token="x", base_url="http://127.0.0.1:9/api/"), clock)
    dead.drain_once()
    with sessions() as db:
        row = db.scalar(select(OutboxMessage))
        assert row.status == "pending" and row.next_attempt_at > clock.now()
    _worker(sessions, emulator, clock).deliver_all()
    assert _texts(emulator, channel) == ["hello"]


def test_a_permanent_error_fails_the_row_without_retrying(sessions, emulator, clock) -> None:
    # (channel_not_found is not permanent: a private channel Slate is not in reads as not found,
    # so such a post waits for the invite — tests/outbox/test_invites.py)
    channel = emulator.workspace.add_channel("old-crew").id
    emulator.fail("chat.postMessage", error="is_archived")
    _queue(sessions, clock, channel, ["to an archived channel"])
    _worker(sessions, emulator, clock).deliver_all()
    with sessions() as db:
        row = db.scalar(select(OutboxMessage))
        assert (row.status, row.last_error) == ("failed", "is_archived")
    assert len(emulator.calls("chat.postMessage")) == 1


def test_gives_up_after_max_attempts(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("crew").id
    emulator.fail("chat.postMessage", status=500, times=MAX_ATTEMPTS + 5)
    _queue(sessions, clock, channel, ["doomed"])
    _worker(sessions, emulator, clock).deliver_all(max_wait_seconds=10_000)
    with sessions() as db:
        assert db.scalar(select(OutboxMessage.status)) == "failed"
    assert len(emulator.calls("chat.postMessage")) == MAX_ATTEMPTS


def test_one_message_per_second_per_channel(sessions, emulator, clock) -> None:
    busy = emulator.workspace.add_channel("crew").id
    quiet = emulator.workspace.add_channel("office").id
    _queue(sessions, clock, busy, ["a", "b", "c"])
    _queue(sessions, clock, quiet, ["x"])
    _worker(sessions, emulator, clock, channel_interval=1.0).deliver_all()
    with sessions() as db:
        rows = db.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    busy_times = [r.sent_at for r in rows if r.channel == busy]
    gaps = [b - a for a, b in itertools.pairwise(busy_times)]
    assert all(gap >= timedelta(seconds=1) for gap in gaps)
    quiet_sent = next(r.sent_at for r in rows if r.channel == quiet)
    assert quiet_sent < busy_times[1]  # another channel is not held up


def test_update_edits_the_posted_message_in_place(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("office").id
    _queue(sessions, clock, channel, ["0/3 confirmed"], ref="tally:1")
    with sessions() as db:
        for n in (1, 2):
            outbox.update_message(db, "tally:1", text=f"{n}/3 confirmed", now=clock.now())
        db.commit()
    _worker(sessions, emulator, clock).deliver_all()
    messages = emulator.workspace.channel_messages(channel)
    assert [m.text for m in messages] == ["2/3 confirmed"]
    # The older pending edit was superseded by the newer one: one chat.update, not two.
    assert len(emulator.calls("chat.update", ok=True)) == 1


def test_thread_reply_goes_under_its_parent(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("crew").id
    _queue(sessions, clock, channel, ["Call sheet, day 3"], ref="sheet:3")
    _queue(sessions, clock, channel, ["Revision 2: grip call 6:00a"], thread_ref="sheet:3")
    _worker(sessions, emulator, clock).deliver_all()
    parent, reply = emulator.workspace.channel_messages(channel, threads=True)
    assert reply.thread_ts == parent.ts


def test_dedupe_key_queues_once(sessions, emulator, clock) -> None:
    user = emulator.workspace.add_user("gus")
    for _ in range(3):
        _queue(sessions, clock, user.id, ["Your call sheet"], dedupe_key="sheet:3:rev1:gus")
    _worker(sessions, emulator, clock).deliver_all()
    assert len(emulator.workspace.dm_messages(user.id)) == 1


def test_a_retry_after_an_unknown_outcome_does_not_post_twice(sessions, emulator, clock) -> None:
    """A 500 may come after Slack posted: the retry looks for the message first."""
    channel = emulator.workspace.add_channel("crew").id
    _queue(sessions, clock, channel, ["exactly once"])
    worker = _worker(sessions, emulator, clock)
    emulator.delay("chat.postMessage", 2)
    worker.client.timeout = 1  # the worker gives up waiting; Slack has posted anyway
    worker.drain_once()
    worker.client.timeout = 30
    clock.advance(seconds=10)
    worker.deliver_all()
    assert _texts(emulator, channel) == ["exactly once"]
    assert emulator.calls("conversations.history")  # it checked before re-sending


def test_files_upload_through_the_outbox(sessions, emulator, clock) -> None:
    channel = emulator.workspace.add_channel("crew").id
    with sessions() as db:
        outbox.upload_file(
            db,
            channel,
            filename="callsheet.pdf",
            content=b"%PDF-1.4 x",
            title="Call sheet",
            now=clock.now(),
        )
        db.commit()
    _worker(sessions, emulator, clock).deliver_all()
    (message,) = emulator.workspace.channel_messages(channel)
    assert message.files[0]["title"] == "Call sheet"
    assert emulator.workspace.files[message.files[0]["id"]]["content"] == b"%PDF-1.4 x"


def test_blocks_over_slack_limits_are_refused_when_queued(sessions, clock) -> None:
    blocks = [{"type": "divider"}] * 51
    with sessions() as db, pytest.raises(ValueError, match="51 blocks"):
        outbox.post_message(db, "C1", text="too long", blocks=blocks, now=NOW)


def test_a_posting_rate_keeps_a_fan_out_under_slacks_limit(sessions, emulator) -> None:
    # Each 429 costs a whole second (Retry-After is whole seconds): pacing avoids them all.
    emulator.limit_rate("chat.postMessage", per_second=50)
    users = [emulator.workspace.add_user(f"crew{n}").id for n in range(90)]
    clock = SystemClock()
    with sessions() as db:
        for user in users:
            outbox.post_message(db, user, text="Your call is 6:30a", now=clock.now())
        db.commit()
    started = time.perf_counter()
    _worker(sessions, emulator, clock, post_rate=50).deliver_all()
    assert not emulator.calls("chat.postMessage", ok=False)  # no 429: no second lost
    assert all(emulator.workspace.dm_messages(u) for u in users)
    assert time.perf_counter() - started >= (90 - 45) / 50  # the rate was kept, not burst
