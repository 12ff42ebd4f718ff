"""A database outage gets a polite answer everywhere, never an HTTP 500."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from bot.handlers.errors import OUTAGE
from bot.store.db import make_engine
from slack_emulator import SlackEmulator, SlackSide, User
from tests import harness
from tests.conftest import NOW

NOWHERE = "postgresql+psycopg://slate@127.0.0.1:1/slate?connect_timeout=2"


@pytest.fixture
def down(emulator: SlackEmulator) -> Iterator[tuple[SlackSide, str]]:
    """Slate served with its database unreachable."""
    engine = make_engine(NOWHERE)
    slate = harness.create_app(
        harness.settings_for(emulator, NOWHERE), clock=harness.ManualClock(NOW), engine=engine
    )
    with harness.serve(slate) as url:
        slack = SlackSide(emulator, f"{url}/slack/events", harness.SIGNING_SECRET)
        yield slack, url
        slack.close()
    engine.dispose()


def _person(emulator: SlackEmulator) -> tuple[User, str]:
    ws = emulator.workspace
    return ws.add_user("gus", "gus@nightowl.film"), ws.add_channel("nightowl-crew").id


def test_a_command_is_answered_politely(down, emulator: SlackEmulator) -> None:
    slack, url = down
    gus, channel = _person(emulator)
    reply = slack.command(gus, "/slate", "help", channel=channel)
    assert reply.status_code == 200 and reply.json()["text"] == OUTAGE
    assert httpx.get(f"{url}/healthz").status_code == 503


def test_a_button_is_answered_politely(down, emulator: SlackEmulator) -> None:
    slack, _ = down
    gus, channel = _person(emulator)
    message = emulator.workspace.post_as(gus, channel, "pick one")
    message.blocks = [
        {
            "type": "actions",
            "block_id": "pick",
            "elements": [
                {
                    "type": "button",
                    "action_id": "broadcast_ack",
                    "value": "1",
                    "text": {"type": "plain_text", "text": "Got it"},
                }
            ],
        }
    ]
    reply = slack.click(gus, "broadcast_ack", message=message)
    assert reply.status_code == 200
    (told,) = [e for e in emulator.workspace.ephemerals if e.user == gus.id]
    assert told.text == OUTAGE and told.channel == channel


def test_a_modal_is_answered_politely(down, emulator: SlackEmulator) -> None:
    slack, _ = down
    gus, _ = _person(emulator)
    view = {
        "id": "V0OUTAGE",
        "hash": "1.0",
        "type": "modal",
        "callback_id": "broadcast_send",
        "private_metadata": "",
        "blocks": [
            {
                "type": "input",
                "block_id": "message",
                "element": {"type": "plain_text_input", "action_id": "message"},
            }
        ],
    }
    reply = slack.submit(gus, view, {"message": "lunch is late"})
    assert reply.status_code == 200
    assert reply.json() == {"response_action": "errors", "errors": {"message": OUTAGE}}


def test_a_dm_is_answered_politely(down, emulator: SlackEmulator) -> None:
    slack, _ = down
    gus, _ = _person(emulator)
    assert slack.dm_app(gus, "what's my call?").status_code == 200
    assert [m.text for m in emulator.workspace.dm_messages(gus.id)][-1] == OUTAGE
