"""Web API calls over kept-alive connections: the outbox makes hundreds back to back.

slack_sdk opens a new connection for every call (a TCP and, against Slack, a TLS handshake);
the outbox worker keeps one per thread and host instead. A client with a proxy or its own SSL
settings goes through slack_sdk as before.
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.web.slack_response import SlackResponse

IDLE_SECONDS = 2.0  # a connection idle longer may have been closed by the server: a fresh one


class Wire:
    """Kept-alive connections, one per thread and host."""

    def __init__(self) -> None:
        self._local = threading.local()

    def api_call(
        self, client: WebClient, method: str, params: dict[str, Any]
    ) -> SlackResponse | None:
        """Slack's answer to `method` (SlackApiError as slack_sdk raises it); None when the
        client's settings need slack_sdk's own transport."""
        if client.proxy or client.ssl or not client.token:
            return None
        url = client.base_url + method
        parts = urlsplit(url)
        connection = self._connection(parts.scheme, parts.netloc)
        connection.timeout = client.timeout  # each call's own: the client's may have changed
        if connection.sock is not None:
            connection.sock.settimeout(client.timeout)
        headers = {
            **client.headers,
            "Authorization": f"Bearer {client.token}",
            "Content-Type": "application/json;charset=utf-8",
        }
        try:
            connection.request("POST", parts.path, json.dumps(params).encode(), headers)
            response = connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException) as error:
            self._drop(parts.netloc)
            # An OSError: the worker retries, looking first for a post that did go out.
            raise ConnectionError(f"{method}: {error!r}") from error
        if response.will_close:
            self._drop(parts.netloc)
        else:
            self._local.used[parts.netloc] = time.monotonic()
        data = json.loads(raw) if raw else {}
        return SlackResponse(
            client=client,
            http_verb="POST",
            api_url=url,
            req_args={},
            data=data,
            headers=response.msg,  # type: ignore[arg-type]  # case-insensitive, as urllib's
            status_code=response.status,
        ).validate()

    def _connection(self, scheme: str, host: str) -> http.client.HTTPConnection:
        local = self._local
        if not hasattr(local, "open"):
            local.open, local.used = {}, {}
        connection = local.open.get(host)
        if connection is not None and time.monotonic() - local.used[host] > IDLE_SECONDS:
            self._drop(host)
            connection = None
        if connection is None:
            if scheme == "https":
                context = ssl.create_default_context()
                connection = http.client.HTTPSConnection(host, context=context)
            else:
                connection = http.client.HTTPConnection(host)
            local.open[host], local.used[host] = connection, time.monotonic()
        return connection

    def _drop(self, host: str) -> None:
        connection = self._local.open.pop(host, None)
        if connection is not None:
            connection.close()
