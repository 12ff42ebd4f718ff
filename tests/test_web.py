"""HTTP mode: Slack's signature is checked before any handler runs; /healthz answers."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import httpx
import pytest

from slack_emulator import payloads
from slack_emulator.signing import sign
from tests.conftest import Crew
from tests.harness import Running


def _setup_command(running: Running, crew: Crew) -> bytes:
    fields = payloads.slash_command(
        running.emulator.workspace, crew.coordinator, "/slate", "setup", crew.crew_channel
    )
    return urlencode(fields).encode()


def test_signed_slate_help_is_answered(running: Running, crew: Crew) -> None:
    reply = running.slack.command(crew.grip, "/slate", "help", channel=crew.crew_channel)
    assert reply.status_code == 200
    body = reply.json()
    assert body["response_type"] == "ephemeral"
    text = str(body["blocks"])
    assert "Night Owl" in text and "/slate help" in text
    assert "/slate setup`" not in text  # crew are not shown coordinator commands


@pytest.mark.parametrize(
    "tamper",
    ["unsigned", "wrong secret", "stale", "body changed"],
)
def test_bad_signatures_get_401_and_run_nothing(running: Running, crew: Crew, tamper: str) -> None:
    body = _setup_command(running, crew)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if tamper == "wrong secret":
        headers |= sign("not-the-secret", body)
    elif tamper == "stale":
        headers |= sign(running.slack.signing_secret, body, int(time.time()) - 301)
    elif tamper == "body changed":
        headers |= sign(running.slack.signing_secret, body)
        body = body.replace(b"setup", b"sxtup")
    reply = httpx.post(f"{running.url}/slack/events", content=body, headers=headers)
    assert reply.status_code == 401
    assert running.emulator.calls("views.open") == []  # the handler never ran


def test_a_fresh_signature_just_inside_the_window_is_accepted(running: Running, crew: Crew) -> None:
    body = _setup_command(running, crew)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    headers |= sign(running.slack.signing_secret, body, int(time.time()) - 290)
    reply = httpx.post(f"{running.url}/slack/events", content=body, headers=headers)
    assert reply.status_code == 200
    assert len(running.emulator.calls("views.open", ok=True)) == 1


def test_healthz_reports_database(running: Running) -> None:
    reply = httpx.get(f"{running.url}/healthz")
    assert reply.status_code == 200 and reply.json() == {"ok": True}
