"""Installing from a link (OAuth v2 against the emulator), and answering with each team's token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine

from bot.app import Slate
from bot.slack_auth import BOT_SCOPES
from slack_emulator import SlackEmulator
from slack_emulator.teams import CLIENT_ID
from tests import harness
from tests.conftest import NOW
from tests.teams.helpers import install, served


@pytest.fixture
def many(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[tuple[Slate, str]]:
    """Slate set up for OAuth installs, served."""
    with served(emulator, engine, _shared_server, NOW) as pair:
        yield pair


def test_install_stores_the_team_and_its_commands_use_its_token(
    many: tuple[Slate, str], emulator: SlackEmulator, engine: Engine
) -> None:
    slate, url = many
    team = install(emulator, url, "T0AAAAAAA")
    store = SQLAlchemyInstallationStore(CLIENT_ID, engine)
    stored = store.find_installation(enterprise_id=None, team_id="T0AAAAAAA")
    assert stored is not None and stored.bot_token == team.token
    assert stored.user_id == team.installer.id and stored.bot_id == "BSLATE"

    # The installer starts a production: the modal opens with the team's token...
    reply = team.slack.command(team.installer, "/slate", "setup")
    assert reply.status_code == 200
    opened = emulator.calls("views.open")
    assert opened and {c.token for c in opened} == {team.token}
    channel = team.ws.add_channel("daybreak-crew").id
    view = team.slack.last_view(team.installer)
    team.slack.submit(
        team.installer,
        view,
        {"name": "Daybreak", "crew_channel": channel, "coordinators_channel": channel},
    )
    # ...and what the outbox sends for it goes out with that token, into that workspace.
    slate.outbox.deliver_all()
    posts = emulator.calls("chat.postMessage")
    assert posts and {c.token for c in posts} == {team.token}
    assert team.ws.dm_messages(team.installer.id)
    assert emulator.workspace.messages == []


def test_a_forged_state_installs_nothing(
    many: tuple[Slate, str], emulator: SlackEmulator, engine: Engine
) -> None:
    _, url = many
    emulator.teams.add("T0BBBBBBB")
    code = emulator.teams.approve("T0BBBBBBB", "U0000001")
    with httpx.Client(base_url=url) as browser:
        browser.get("/slack/install")
        answer = browser.get("/slack/oauth_redirect", params={"code": code, "state": "x.y"})
    assert answer.status_code >= 400
    assert emulator.calls("oauth.v2.access") == []
    store = SQLAlchemyInstallationStore(CLIENT_ID, engine)
    assert store.find_installation(enterprise_id=None, team_id="T0BBBBBBB") is None


def test_the_install_asks_for_the_manifest_scopes() -> None:
    import yaml

    with open("app_manifest.yml") as manifest:
        scopes = yaml.safe_load(manifest)["oauth_config"]["scopes"]["bot"]
    assert sorted(BOT_SCOPES) == sorted(scopes)
