"""Bolt's authorization from settings: no live auth.test on the way to answering a request."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_sdk import WebClient

log = logging.getLogger(__name__)


class FixedAuthorize(Authorize):
    """The bot token from settings; the bot's own ids from one auth.test, learned in passing.

    Bolt's default asks Slack (auth.test) on every request until it has succeeded once, so with
    Slack's API down even commands that only read Slate's data failed. Here the first request
    tries once with a short timeout; after a failure, later requests answer at once with what
    is known (token and team) while a background thread retries at most once a minute.
    """

    def __init__(self, client: WebClient, *, retry_seconds: float = 60.0) -> None:
        self.token = client.token or ""
        self._client = WebClient(token=self.token, base_url=client.base_url, timeout=2)
        self._identity: dict[str, Any] | None = None
        self._tried = False
        self._next_try = 0.0
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()

    def __call__(self, *, enterprise_id: str | None, team_id: str | None, **kwargs: Any) -> Any:
        """The fixed result for this request (Bolt calls this with context and ids)."""
        identity = self._identity or self._learn()
        return AuthorizeResult(
            enterprise_id=enterprise_id or identity.get("enterprise_id"),
            team_id=team_id or identity.get("team_id"),
            bot_token=self.token,
            bot_id=identity.get("bot_id"),
            bot_user_id=identity.get("user_id"),
            user_id=kwargs.get("user_id"),
        )

    def _learn(self) -> dict[str, Any]:
        with self._lock:
            first, self._tried = not self._tried, True
            due = time.monotonic() >= self._next_try
            if due:
                self._next_try = time.monotonic() + self._retry_seconds
        if first:
            self._auth_test()
        elif due:
            threading.Thread(target=self._auth_test, daemon=True).start()
        return self._identity or {}

    def _auth_test(self) -> None:
        try:
            self._identity = dict(self._client.auth_test().data)  # type: ignore[arg-type]
        except Exception as error:  # Slack down or slow: answer with what we know
            log.warning("auth.test failed (%r); answering without the bot's ids", error)
