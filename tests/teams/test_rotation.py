"""Rotating bot tokens: refreshed before they expire, saved for every process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine

from bot import outbox
from bot.app import Slate
from bot.store.teams import set_team
from slack_emulator import SlackEmulator
from slack_emulator.teams import CLIENT_ID
from tests import harness
from tests.conftest import NOW
from tests.teams.helpers import install, served


@pytest.fixture
def many(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[tuple[Slate, str]]:
    """Slate for OAuth installs; the emulator hands out tokens that expire in an hour."""
    emulator.teams.rotation_seconds = 3600  # within Slate's 120 minutes: due for refresh
    with served(emulator, engine, _shared_server, NOW) as pair:
        yield pair


def test_the_outbox_refreshes_an_expiring_token_and_saves_it(
    many: tuple[Slate, str], emulator: SlackEmulator, engine: Engine
) -> None:
    slate, url = many
    team = install(emulator, url, "T0ROTATE0")
    assert team.token.startswith("xoxe.xoxb-")
    with slate.session_factory() as db:
        set_team(db, "T0ROTATE0")
        outbox.post_message(db, team.installer.id, text="call is 7a", now=NOW)
        db.commit()
    slate.outbox.deliver_all()

    post = emulator.calls("chat.postMessage", ok=True)
    assert len(post) == 1 and post[0].token != team.token  # a fresh token, not the first
    refreshed = emulator.calls("oauth.v2.access")[-1]
    assert refreshed.params.get("grant_type") == "refresh_token"
    store = SQLAlchemyInstallationStore(CLIENT_ID, engine)
    saved = store.find_installation(enterprise_id=None, team_id="T0ROTATE0")
    assert saved is not None and saved.bot_token == post[0].token  # other processes see it
    assert team.ws.dm_messages(team.installer.id)[-1].text == "call is 7a"
