"""What HTTP mode checks before Bolt sees a request: size, Slack's signature, well-formedness."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import AsyncIterable
from urllib.parse import parse_qs

MAX_BODY = 1024 * 1024  # Slack's own payloads are far smaller; anything bigger is not Slack.
WINDOW_SECONDS = 300  # Slack's advice: refuse signatures older than five minutes.


class Rejected(Exception):
    """A request refused before parsing: the status to answer and a one-line reason to log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


async def read_body(content_length: str | None, stream: AsyncIterable[bytes]) -> bytes:
    """The body, refused with 413 as soon as it is known to pass MAX_BODY (never read whole)."""
    if content_length is not None:
        if not content_length.strip().isdigit():
            raise Rejected(400, "bad Content-Length")
        if int(content_length) > MAX_BODY:
            raise Rejected(413, f"body of {int(content_length)} bytes is over the limit")
    chunks, size = [], 0
    async for chunk in stream:
        size += len(chunk)
        if size > MAX_BODY:
            raise Rejected(413, "body is over the limit")
        chunks.append(chunk)
    return b"".join(chunks)


def verify(secret: str, timestamp: str | None, signature: str | None, body: bytes) -> None:
    """Raise Rejected(401) unless `body` carries a fresh v0 signature made with `secret`."""
    if not secret:
        raise Rejected(401, "no signing secret is configured")
    if not timestamp or not timestamp.isascii() or not timestamp.isdigit():
        raise Rejected(401, "missing or non-numeric X-Slack-Request-Timestamp")
    if abs(time.time() - int(timestamp)) > WINDOW_SECONDS:
        raise Rejected(401, "stale X-Slack-Request-Timestamp")
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), (signature or "").encode()):
        raise Rejected(401, "bad X-Slack-Signature")


def check_shape(body: bytes, content_type: str) -> None:
    """Raise Rejected(400) unless the body parses as Slack sends it (form or JSON object)."""
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            parsed: object = json.loads(text)
        else:
            form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
            parsed = json.loads(form["payload"][0]) if "payload" in form else form
    except (UnicodeDecodeError, ValueError) as error:
        raise Rejected(400, f"malformed body ({type(error).__name__})") from None
    if not parsed or not isinstance(parsed, dict):
        raise Rejected(400, "malformed body (not an object)")


class Throttle:
    """A token bucket per client: bursts up to `burst`, then `rate` requests a second."""

    def __init__(self, rate: float, burst: int, clients: int = 10_000) -> None:
        self.rate, self.burst, self.clients = rate, burst, clients
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Whether `client` may make one more request now."""
        now = time.monotonic()
        with self.lock:
            if len(self.buckets) > self.clients:  # forget idle clients, bounded memory
                self.buckets.clear()
            tokens, last = self.buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self.buckets[client] = (tokens, now)
                return False
            self.buckets[client] = (tokens - 1, now)
            return True
