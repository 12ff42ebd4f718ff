"""Per-workspace pacing: one team's fan-out or 429 never holds up another team's DM."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from slack_sdk import WebClient
from sqlalchemy import Engine, func, select

from bot import outbox
from bot.clock import ManualClock
from bot.outbox.pacing import fair_shares
from bot.outbox.worker import OutboxWorker
from bot.store.db import make_session_factory
from bot.store.models import OutboxMessage
from slack_emulator import SlackEmulator, Workspace
from slack_emulator.faults import RateLimit
from slack_emulator.teams import CLIENT_ID, CLIENT_SECRET

FAN_OUT = 200


@pytest.fixture
def sessions(engine: Engine):
    return make_session_factory(engine)


def _team(emulator: SlackEmulator, team_id: str) -> tuple[Workspace, str]:
    """A workspace with Slate installed (through oauth.v2.access): it and its bot token."""
    ws = emulator.teams.add(team_id)
    code = emulator.teams.approve(team_id, ws.add_user("ann").id)
    grant = emulator.teams.oauth_access(
        {"code": code, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}, ""
    )
    return ws, grant["access_token"]


def _worker(sessions, emulator: SlackEmulator, clock, tokens: dict[str, str], **options):
    clients = {t: WebClient(token=k, base_url=emulator.api_url) for t, k in tokens.items()}
    base = WebClient(base_url=emulator.api_url)
    return OutboxWorker(
        sessions, base, clock, clients=clients.__getitem__, **{"channel_interval": 0.0, **options}
    )


def _queue(sessions, clock, team: str, posts: list[tuple[str, str]]) -> None:
    with sessions() as db:
        for channel, text in posts:
            outbox.post_message(db, channel, text=text, now=clock.now()).team_id = team
        db.commit()


def _pending(sessions, team: str) -> int:
    with sessions() as db:
        query = select(func.count(OutboxMessage.id)).where(
            OutboxMessage.team_id == team, OutboxMessage.status == "pending"
        )
        return db.scalar(query) or 0


def _fan_out(sessions, clock, team: str, ws: Workspace) -> None:
    crew = [ws.add_user(f"crew{n}").id for n in range(FAN_OUT)]
    _queue(sessions, clock, team, [(user, f"Call sheet for {user}") for user in crew])


def test_a_small_teams_dm_goes_in_the_first_batch_of_a_big_fan_out(
    sessions, emulator: SlackEmulator, clock: ManualClock
) -> None:
    alpha, alpha_token = _team(emulator, "T0ALPHA00")
    bravo, bravo_token = _team(emulator, "T0BRAVO00")
    _fan_out(sessions, clock, "T0ALPHA00", alpha)
    gus = bravo.add_user("gus").id
    _queue(sessions, clock, "T0BRAVO00", [(gus, "Your call is 6:30a")])
    worker = _worker(
        sessions, emulator, clock, {"T0ALPHA00": alpha_token, "T0BRAVO00": bravo_token}
    )
    worker.batch_size = 50
    assert worker.drain_once() == 50
    assert [m.text for m in bravo.dm_messages(gus)] == ["Your call is 6:30a"]
    assert _pending(sessions, "T0ALPHA00") == FAN_OUT - 49  # the fan-out goes on meanwhile


def test_a_429_in_one_team_does_not_delay_another(
    sessions, emulator: SlackEmulator, clock: ManualClock
) -> None:
    alpha, alpha_token = _team(emulator, "T0ALPHA00")
    bravo, bravo_token = _team(emulator, "T0BRAVO00")
    emulator.limit_rate("chat.postMessage", per_second=10)  # per workspace, as Slack's
    worker = _worker(
        sessions, emulator, clock, {"T0ALPHA00": alpha_token, "T0BRAVO00": bravo_token}
    )
    _fan_out(sessions, clock, "T0ALPHA00", alpha)
    worker.drain_once()  # alpha's burst runs into Slack's limit: alpha is paused
    limited = emulator.calls("chat.postMessage", ok=False)
    assert limited and {c.status for c in limited} == {429}
    assert all(c.token == alpha_token for c in limited)
    # Bravo's DM arrives mid fan-out (the manual clock stands still: alpha stays paused).
    gus = bravo.add_user("gus").id
    _queue(sessions, clock, "T0BRAVO00", [(gus, "Your call is 6:30a")])
    worker.drain_once()
    assert [m.text for m in bravo.dm_messages(gus)] == ["Your call is 6:30a"]
    assert _pending(sessions, "T0ALPHA00") > FAN_OUT // 2
    assert not [c for c in emulator.calls(ok=False) if c.token == bravo_token]
    # Alpha's fan-out still arrives, every DM once, once its pause is waited out.
    emulator.limit_rate("chat.postMessage", per_second=1000)
    worker.deliver_all()
    assert _pending(sessions, "T0ALPHA00") == 0
    sent = [c for c in emulator.calls("chat.postMessage", ok=True) if c.token == alpha_token]
    assert len({c.params["channel"] for c in sent}) == len(sent) == FAN_OUT


def test_channel_pacing_is_per_team(sessions, emulator: SlackEmulator, clock: ManualClock) -> None:
    alpha, alpha_token = _team(emulator, "T0ALPHA00")
    bravo, bravo_token = _team(emulator, "T0BRAVO00")
    # Channel ids repeat across workspaces: the same id in both teams.
    channel = alpha.add_channel("crew").id
    assert bravo.add_channel("crew").id == channel
    tokens = {"T0ALPHA00": alpha_token, "T0BRAVO00": bravo_token}
    worker = _worker(sessions, emulator, clock, tokens, channel_interval=1.0)
    _queue(sessions, clock, "T0ALPHA00", [(channel, "alpha one"), (channel, "alpha two")])
    _queue(sessions, clock, "T0BRAVO00", [(channel, "bravo one")])
    worker.drain_once()
    sent = {c.params["text"] for c in emulator.calls("chat.postMessage", ok=True)}
    assert sent == {"alpha one", "bravo one"}  # alpha two waits a second; bravo does not


def test_the_emulator_limits_each_workspace_on_its_own() -> None:
    limit = RateLimit(per_second=2, per_channel=None)
    assert [limit.take("C1", "T1") for _ in range(2)] == [0.0, 0.0]
    assert limit.take("C1", "T1") > 0  # T1 has spent its second's worth
    assert limit.take("C1", "T2") == 0.0  # T2 has not


@given(st.dictionaries(st.text(max_size=3), st.integers(1, 600), max_size=6), st.integers(1, 80))
def test_fair_shares_fill_the_batch_and_favour_no_team(waiting: dict[str, int], total: int):
    shares = fair_shares(waiting, total)
    assert sum(shares.values()) <= total
    assert all(0 < shares[t] <= waiting[t] for t in shares)
    assert sum(shares.values()) == min(total, sum(waiting.values())) or len(waiting) > total
    if len(waiting) <= total:  # every team with rows gets a turn
        assert set(shares) == set(waiting)
        short = [t for t in shares if shares[t] < waiting[t]]
        # A team cut short gets at least as much as any other team.
        assert all(shares[t] >= max(shares.values()) - 1 for t in short)
