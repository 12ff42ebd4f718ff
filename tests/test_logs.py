"""No token or secret reaches a log line, whoever logs it."""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.logs import RedactSecrets
from slack_emulator import SlackEmulator


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
