"""Uninstall and revoke: sending stops at once, tokens go, data stays until purged."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, select

from bot.app import Slate
from bot.cli_teams import cmd_team_purge
from bot.store.models import OutboxMessage, Production, ScheduledJob
from bot.teams import purge_key
from slack_emulator import SlackEmulator
from slack_emulator.teams import CLIENT_ID
from tests import harness
from tests.conftest import NOW
from tests.teams.helpers import Team, served
from tests.teams.test_isolation import _rows_of, _team


@pytest.fixture
def two_teams(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[tuple[Slate, Team, Team]]:
    """Two installed workspaces, each with a production whose coordinator assigned a task."""
    with served(emulator, engine, _shared_server, NOW) as (slate, url):
        pair = []
        for team_id, name in (("T0GONE000", "Gone"), ("T0STAYS00", "Stays")):
            team = _team(slate, emulator, url, team_id, name)
            pat = next(u for u in team.ws.users.values() if u.name == "pat")
            channel = next(c.id for c in team.ws.channels.values() if c.name == "crew")
            typed = f"<@{pat.id}> call the caterer by 11:30"
            assert team.slack.command(team.installer, "/assign", typed, channel=channel).is_success
            pair.append(team)
        yield slate, pair[0], pair[1]


def _pending(slate: Slate, team_id: str) -> list[OutboxMessage]:
    with slate.session_factory() as db:
        query = select(OutboxMessage).where(OutboxMessage.team_id == team_id)
        return list(db.scalars(query))


@pytest.mark.parametrize("event", ["app_uninstalled", "tokens_revoked"])
def test_an_uninstalled_team_gets_no_more_messages(
    two_teams: tuple[Slate, Team, Team], emulator: SlackEmulator, engine: Engine, event: str
) -> None:
    slate, gone, stays = two_teams
    queued = _pending(slate, gone.ws.team_id)
    assert queued and all(row.status == "pending" for row in queued)
    body = {"type": event}
    if event == "tokens_revoked":
        body["tokens"] = {"oauth": [], "bot": [gone.ws.bot_user_id]}
    emulator.teams.revoke(gone.ws.team_id)  # Slack revokes, then tells the app
    assert gone.slack.send_event(body).status_code == 200

    slate.outbox.deliver_all()
    assert {c.token for c in emulator.calls("chat.postMessage")} == {stays.token}
    assert {row.status for row in _pending(slate, gone.ws.team_id)} == {"parked"}
    store = SQLAlchemyInstallationStore(CLIENT_ID, engine)
    assert store.find_installation(enterprise_id=None, team_id=gone.ws.team_id) is None
    assert store.find_bot(enterprise_id=None, team_id=gone.ws.team_id) is None
    assert store.find_installation(enterprise_id=None, team_id=stays.ws.team_id) is not None
    with slate.session_factory() as db:
        # The data is kept for the retention period; the team's own jobs wait, parked.
        assert db.scalar(select(Production).where(Production.team_id == gone.ws.team_id))
        jobs = db.scalars(select(ScheduledJob).where(ScheduledJob.team_id == gone.ws.team_id))
        assert {job.status for job in jobs} <= {"parked"}
        purge = db.scalar(select(ScheduledJob).where(ScheduledJob.key == purge_key("T0GONE000")))
        assert purge is not None and purge.status == "pending"
        assert (purge.due_at - NOW).days == 30


def test_after_the_retention_period_the_data_is_purged(
    two_teams: tuple[Slate, Team, Team], emulator: SlackEmulator
) -> None:
    slate, gone, stays = two_teams
    stays_rows = _rows_of(slate, stays.ws.team_id)
    gone.slack.send_event({"type": "app_uninstalled"})
    slate.clock.advance(days=29)  # type: ignore[attr-defined]
    slate.scheduler.tick()
    assert any(_rows_of(slate, gone.ws.team_id).values())
    slate.clock.advance(days=1, minutes=1)  # type: ignore[attr-defined]
    slate.scheduler.tick()
    assert not any(_rows_of(slate, gone.ws.team_id).values())
    kept = _rows_of(slate, stays.ws.team_id)  # the other team's jobs ran meanwhile: its data
    for table in ("productions", "people", "departments", "slack_installations", "slack_bots"):
        assert kept[table] == stays_rows[table]


def test_purge_deletes_everything_of_the_team_and_says_what(
    two_teams: tuple[Slate, Team, Team], capsys: pytest.CaptureFixture[str]
) -> None:
    slate, gone, stays = two_teams
    stays_rows = _rows_of(slate, stays.ws.team_id)
    assert cmd_team_purge(slate.settings, argparse.Namespace(team_id="T0GONE000")) == 0
    said = capsys.readouterr().out
    assert "Purged team T0GONE000:" in said
    for line in ("productions: 1 row", "people: 3 rows", "slack_installations: 1 row"):
        assert line in said
    assert not any(_rows_of(slate, gone.ws.team_id).values())
    assert _rows_of(slate, stays.ws.team_id) == stays_rows
    assert cmd_team_purge(slate.settings, argparse.Namespace(team_id="T0GONE000")) == 0
    assert "Nothing stored for team T0GONE000." in capsys.readouterr().out
