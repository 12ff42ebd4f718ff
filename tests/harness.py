"""Slate served over real HTTP against the Slack emulator, as Slack would drive it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import uvicorn
from slack_bolt.adapter.socket_mode import SocketModeHandler
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.responses import PlainTextResponse

from bot.app import Slate, create_app
from bot.clock import ManualClock
from bot.config import Settings
from bot.web import asgi_app
from slack_emulator import SlackEmulator, SlackSide
from slack_emulator.socket_mode import SocketModeServer

SIGNING_SECRET = "test-signing-secret-0123456789"


class ServerThread:
    """uvicorn on an ephemeral port in a background thread."""

    def __init__(self, app: object, lifespan: str = "on") -> None:
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            log_level="warning",
            lifespan=lifespan,
            access_log=False,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def settings_for(emulator: SlackEmulator, database_url: str, **extra: object) -> Settings:
    """Settings that point Slate at the emulator."""
    return Settings(
        slack_bot_token=emulator.bot_token,
        slack_app_token=emulator.app_token,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=emulator.api_url,
        database_url=database_url,
        channel_interval_seconds=0.0,
        **extra,  # type: ignore[arg-type]
    )


@dataclass
class Running:
    """A Slate under test: the app, its URL, Slack's side and the emulator."""

    slate: Slate
    url: str
    slack: SlackSide
    emulator: SlackEmulator
    clock: ManualClock

    def db(self) -> Session:
        """A new DB session on Slate's database."""
        return self.slate.session_factory()

    def deliver(self) -> None:
        """Send everything in the outbox now."""
        self.slate.outbox.deliver_all()


def build(emulator: SlackEmulator, engine: Engine, start: datetime) -> Slate:
    """Slate on `engine`, talking to `emulator`, with a manual clock at `start`."""
    settings = settings_for(emulator, engine.url.render_as_string(hide_password=False))
    return create_app(settings, clock=ManualClock(start), engine=engine)


def serve(slate: Slate) -> ServerThread:
    """Serve `slate` without its background workers (tests deliver explicitly)."""
    return ServerThread(asgi_app(slate, background=False))


class SharedServer:
    """One uvicorn for many tests: each test plugs its own Slate in while it runs."""

    def __init__(self) -> None:
        self._app: Any = None
        # No lifespan: Slate served without background workers has nothing to start.
        self._thread = ServerThread(self, lifespan="off")
        self.url = self._thread.__enter__()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """ASGI: hand the request to the Slate plugged in now."""
        app = self._app or PlainTextResponse("No Slate is plugged in", status_code=503)
        await app(scope, receive, send)

    @contextmanager
    def serving(self, slate: Slate) -> Iterator[str]:
        """Serve `slate` (as `serve` does) at this server's URL until the block ends."""
        self._app = asgi_app(slate, background=False)
        try:
            yield self.url
        finally:
            self._app = None

    def close(self) -> None:
        """Stop the server."""
        self._thread.__exit__()


@contextmanager
def over_socket_mode(emulator: SlackEmulator, engine: Engine) -> Iterator[tuple[Slate, SlackSide]]:
    """Slate connected to the emulator by Socket Mode (as `slate run` is), and Slack's side."""
    socket = SocketModeServer(emulator).start()
    slate = build(emulator, engine, datetime(2026, 6, 10, 17, 0, tzinfo=UTC))
    handler = SocketModeHandler(slate.bolt, emulator.app_token)
    handler.connect()
    try:
        socket.wait_connected()
        yield slate, SlackSide(emulator, socket=socket)
    finally:
        handler.close()
        socket.stop()
