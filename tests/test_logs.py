"""No token or secret reaches a log line, whoever logs it."""

from __future__ import annotations

import json
import logging

from slack_sdk import WebClient

from bot.logs import RedactSecrets
from slack_emulator import SlackEmulator
from tests.conftest import Crew
from tests.harness import Running


def test_slack_sdk_debug_logging_is_redacted(emulator: SlackEmulator, caplog) -> None:
    caplog.handler.addFilter(RedactSecrets(["signing-secret-123456"]))
    with caplog.at_level(logging.DEBUG):
        client = WebClient(token=emulator.bot_token, base_url=emulator.api_url)
        client.auth_test()
        logging.getLogger("slate").warning("secret is signing-secret-123456, app xapp-1-A-2")
    text = caplog.text
    assert "Authorization" in text or "Bearer" in text or "xox?-***" in text  # it was logged
    assert emulator.bot_token not in text
    assert "signing-secret-123456" not in text and "xapp-1-A-2" not in text


def test_no_private_calendar_url_reaches_the_log(running: Running, crew: Crew, caplog) -> None:
    caplog.handler.addFilter(RedactSecrets())
    running.slate.bolt.public_url = running.url
    bolt_logger = running.slate.bolt.logger.name  # as with SLATE_LOG_LEVEL=DEBUG
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger=bolt_logger):
        reply = running.slack.command(crew.grip, "/calltime", "subscribe").json()
        running.deliver()
        logging.getLogger("slate").info("fetched https://x.example/calendar/abc_DEF-123.ics")
    url = json.dumps(reply).split("calls: ")[1].split(" ")[0]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert len(token) > 20
    assert "/ical/" in caplog.text  # it was logged, as Bolt logs every answer at DEBUG
    assert token not in caplog.text and "abc_DEF-123" not in caplog.text
