"""A private channel Slate is not in: its messages wait, coordinators are asked once, and
the invite delivers them exactly once."""

from __future__ import annotations

from sqlalchemy import select

from bot import outbox
from bot.store import teams
from bot.store.models import OutboxMessage


def _uninvite(running, channel: str) -> None:
    found = running.emulator.workspace.channels[channel]
    found.is_private = True
    found.members.discard(running.emulator.workspace.bot_user_id)


def _queue(running, channel: str, text: str, **options) -> None:
    with running.db() as db:
        outbox.post_message(db, channel, text=text, now=running.clock.now(), **options)
        db.commit()


def _drain(running, rounds: int = 3) -> None:
    for _ in range(rounds):
        running.slate.outbox.drain_once()


def test_a_refused_post_waits_asks_once_and_goes_out_once_invited(running, crew) -> None:
    ws, office = running.emulator.workspace, crew.coordinators_channel
    _uninvite(running, office)
    _queue(running, office, "Tally: 0/2 confirmed", ref="tally")
    _queue(running, office, "Gus confirmed", thread_ref="tally")
    running.deliver()  # returns: what waits for an invite waits for a person, not the clock
    with running.db() as db:
        rows = list(db.scalars(select(OutboxMessage).where(OutboxMessage.channel == office)))
        assert {r.status for r in rows} == {"pending"}  # nothing dropped
        assert {r.last_error for r in rows} == {outbox.WAITING_FOR_INVITE}
    asked = [m.text for m in ws.dm_messages(crew.coordinator.id)]
    assert len(asked) == 1 and "/invite @Slate" in asked[0] and f"<#{office}>" in asked[0]
    # Retried later, still refused: the coordinator is not asked again.
    running.clock.advance(seconds=outbox.INVITE_RETRY.total_seconds() + 1)
    _drain(running)
    assert len(ws.dm_messages(crew.coordinator.id)) == 1
    assert ws.channel_messages(office, threads=True) == []
    assert ws.dm_messages(crew.grip.id) == []  # only coordinators are asked

    running.slack.invite_bot(office, crew.coordinator)  # member_joined_channel, now
    _drain(running)
    posted = ws.channel_messages(office, threads=True)
    assert [m.text for m in posted] == ["Tally: 0/2 confirmed", "Gus confirmed"]
    assert posted[1].thread_ts == posted[0].ts
    running.clock.advance(hours=2)
    _drain(running)
    assert len(ws.channel_messages(office, threads=True)) == 2  # exactly once
    with running.db() as db:
        assert {r.status for r in db.scalars(select(OutboxMessage))} == {"sent"}


def test_without_the_event_a_later_retry_delivers(running, crew) -> None:
    ws, office = running.emulator.workspace, crew.coordinators_channel
    _uninvite(running, office)
    _queue(running, office, "Lunch moved to 1p")
    _drain(running)
    ws.channels[office].members.add(ws.bot_user_id)  # invited while Slate was not listening
    running.clock.advance(seconds=outbox.INVITE_RETRY.total_seconds() + 1)
    _drain(running)
    assert [m.text for m in ws.channel_messages(office)] == ["Lunch moved to 1p"]


def test_someone_else_joining_releases_nothing(running, crew) -> None:
    ws, office = running.emulator.workspace, crew.coordinators_channel
    _uninvite(running, office)
    _queue(running, office, "Wrap at 7p")
    _drain(running)
    event = {
        "type": "member_joined_channel",
        "user": crew.grip.id,
        "channel": office,
        "channel_type": "G",
        "team": ws.team_id,
        "event_ts": ws.new_ts(),
    }
    assert running.slack.send_event(event).status_code == 200
    with running.db() as db:
        row = db.scalar(select(OutboxMessage).where(OutboxMessage.channel == office))
        assert row.next_attempt_at > running.clock.now()  # still waiting for Slate itself


def test_a_file_for_a_private_channel_waits_for_the_invite_too(running, crew) -> None:
    ws, crew_channel = running.emulator.workspace, crew.crew_channel
    _uninvite(running, crew_channel)
    with running.db() as db:
        outbox.upload_file(
            db, crew_channel, filename="day3.pdf", content=b"%PDF", now=running.clock.now()
        )
        db.commit()
    _drain(running)
    assert ws.channel_messages(crew_channel) == []
    running.slack.invite_bot(crew_channel)
    _drain(running)
    (posted,) = ws.channel_messages(crew_channel)
    assert [f["name"] for f in posted.files] == ["day3.pdf"]


def test_an_ephemeral_answer_is_not_kept_waiting(running, crew) -> None:
    """A passing answer to one person is not worth an invite: it fails, nobody is asked."""
    running.emulator.fail("chat.postEphemeral", error="not_in_channel")
    with running.db() as db:
        outbox.post_ephemeral(
            db, crew.crew_channel, crew.grip.id, text="Saved.", now=running.clock.now()
        )
        db.commit()
    running.deliver()
    with running.db() as db:
        (row,) = db.scalars(select(OutboxMessage))
        assert (row.status, row.last_error) == ("failed", "not_in_channel")
    assert running.emulator.workspace.dm_messages(crew.coordinator.id) == []


def test_a_channel_shared_with_another_workspace_is_released_for_ours_only(running, crew) -> None:
    """Slack Connect: one channel id in two workspaces. Our bot's invite sends our messages;
    the other workspace's wait for its own bot."""
    ws, office = running.emulator.workspace, crew.coordinators_channel
    _uninvite(running, office)
    with running.db() as db:
        teams.set_team(db, ws.team_id)
        outbox.post_message(db, office, text="Ours: wrap at 7p", now=running.clock.now())
        db.commit()
    _drain(running)
    with running.db() as db:  # the other workspace's message, waiting for its own invite
        teams.set_team(db, "TOTHERWS")
        outbox.post_message(db, office, text="Theirs", now=running.clock.now())
        db.flush()
        theirs = db.scalar(select(OutboxMessage).where(OutboxMessage.team_id == "TOTHERWS"))
        theirs.last_error = outbox.WAITING_FOR_INVITE
        theirs.next_attempt_at = running.clock.now() + outbox.INVITE_RETRY
        db.commit()
    with running.db() as db:
        found = select(OutboxMessage).where(OutboxMessage.channel == office)
        waiting = {r.team_id: r for r in db.scalars(found)}
        assert {r.last_error for r in waiting.values()} == {outbox.WAITING_FOR_INVITE}
        assert set(waiting) == {ws.team_id, "TOTHERWS"}
    running.slack.invite_bot(office, crew.coordinator)  # our bot, in our workspace
    _drain(running)
    assert [m.text for m in ws.channel_messages(office)] == ["Ours: wrap at 7p"]
    with running.db() as db:
        theirs = db.scalar(select(OutboxMessage).where(OutboxMessage.team_id == "TOTHERWS"))
        assert theirs.status == "pending" and theirs.next_attempt_at > running.clock.now()
