"""HTTP mode: Slack's signature is checked before any handler runs; /healthz answers."""

from __future__ import annotations

import logging
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


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("timestamp", ["", "abc", "1e9", "-1", "12.5"])
def test_a_missing_or_non_numeric_timestamp_gets_401(
    running: Running, crew: Crew, timestamp: str
) -> None:
    body = _setup_command(running, crew)
    headers = FORM | sign(running.slack.signing_secret, body)
    headers["X-Slack-Request-Timestamp"] = timestamp
    reply = httpx.post(f"{running.url}/slack/events", content=body, headers=headers)
    assert reply.status_code == 401
    assert running.emulator.calls("views.open") == []


def test_a_refused_request_leaves_one_line_and_none_of_its_body_in_the_log(
    running: Running, crew: Crew, caplog: pytest.LogCaptureFixture
) -> None:
    body = _setup_command(running, crew).replace(b"text=setup", b"text=setup+SECRET-PLAN")
    headers = FORM | sign("not-the-secret", body)
    with caplog.at_level(logging.DEBUG):
        reply = httpx.post(f"{running.url}/slack/events", content=body, headers=headers)
    assert reply.status_code == 401
    assert "SECRET-PLAN" not in caplog.text and crew.coordinator.id not in caplog.text
    refusals = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refusals) == 1 and "\n" not in refusals[0].getMessage()


def test_a_body_over_a_megabyte_gets_413_without_being_read_whole(running: Running) -> None:
    big = b"text=" + b"x" * (1024 * 1024)
    headers = FORM | sign(running.slack.signing_secret, big)
    reply = httpx.post(f"{running.url}/slack/events", content=big, headers=headers)
    assert reply.status_code == 413
    # Streamed without a Content-Length: counted while it arrives.
    chunks = (b"x" * 65536 for _ in range(40))
    with httpx.Client() as client:
        reply = client.post(f"{running.url}/slack/events", content=chunks, headers=FORM)
    assert reply.status_code == 413


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"payload=%7Bnot+json", "application/x-www-form-urlencoded"),
        (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
        (b"\xff\xfe=bad", "application/x-www-form-urlencoded"),
        (b"", "application/x-www-form-urlencoded"),
        (b'{"type": "event_callback", ', "application/json"),
        (b"[1, 2]", "application/json"),
    ],
)
def test_a_malformed_signed_body_gets_400(
    running: Running, crew: Crew, body: bytes, content_type: str
) -> None:
    headers = {"Content-Type": content_type} | sign(running.slack.signing_secret, body)
    reply = httpx.post(f"{running.url}/slack/events", content=body, headers=headers)
    assert reply.status_code == 400


def test_calendar_feeds_are_throttled_per_client(running: Running) -> None:
    with httpx.Client() as client:
        codes = [client.get(f"{running.url}/ical/guess{i}.ics").status_code for i in range(15)]
    assert codes[:10] == [404] * 10
    assert 429 in codes[10:]
