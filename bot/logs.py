"""Logging set-up: one format, and no token or secret ever reaches a log line."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

_TOKEN = re.compile(r"\bxox[abposr]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+")
# A private calendar URL is a password: whoever has it reads someone's calls.
_CALENDAR = re.compile(r"(/(?:ical|calendar)/)[A-Za-z0-9_-]+")


class RedactSecrets(logging.Filter):
    """Replaces Slack tokens and the configured secrets in every record with ***."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 6]

    def redact(self, text: str) -> str:
        """The text with every secret replaced."""
        text = _TOKEN.sub("xox?-***", text)
        text = _CALENDAR.sub(r"\1***", text)
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        return True


def configure(level: str, secrets: Iterable[str]) -> None:
    """Log to stderr at `level`, redacting secrets from every handler's output."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    redactor = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
