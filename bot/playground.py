"""`slate playground`: Slate against a local Slack in the browser, no Slack account needed."""

from __future__ import annotations

import contextlib
import secrets
import threading

from bot import timeparse
from bot.app import create_app
from bot.clock import SystemClock
from bot.config import Settings
from bot.playground_demo import seed_production, seed_workspace
from bot.store.db import make_engine
from bot.store.migrate import upgrade
from bot.web import asgi_app
from slack_emulator import SlackEmulator, SlackSide
from slack_emulator.playground.ui import Playground


class Running:
    """A started playground; stop() shuts it down."""

    def __init__(self, url: str, emulator: SlackEmulator, server: object) -> None:
        self.url, self.emulator, self.server = url, emulator, server

    def stop(self) -> None:
        """Stop Slate and the emulator."""
        self.server.should_exit = True  # type: ignore[attr-defined]
        self.emulator.stop()


def start(
    settings: Settings, *, reset: bool = False, host: str = "127.0.0.1", port: int = 3000
) -> Running:
    """Start the emulator (page and Web API) and Slate against it; seed on first start."""
    import uvicorn

    database = settings.data_dir / "playground.db"
    if reset and database.exists():
        database.unlink()
    fresh = not database.exists()
    emulator = SlackEmulator(bot_token="xoxb-playground", app_token="xapp-playground")
    emulator.start(host, port)
    ids = seed_workspace(emulator)
    secret = secrets.token_hex(16)
    config = settings.with_(
        slack_bot_token=emulator.bot_token,
        slack_signing_secret=secret,
        slack_api_url=emulator.api_url,
        slack_app_token="",
        database_url=f"sqlite:///{database}",
        channel_interval_seconds=0.2,
    )
    engine = make_engine(config.database_url)
    upgrade(engine)
    timeparse.warm()
    slate = create_app(config, clock=SystemClock(), engine=engine)
    if fresh:
        with slate.session_factory() as session:
            seed_production(session, ids, SystemClock().now())
            session.commit()
    server = uvicorn.Server(
        uvicorn.Config(
            asgi_app(slate), host="127.0.0.1", port=0, log_level="warning", lifespan="on"
        )
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        threading.Event().wait(0.05)
    slate_port = server.servers[0].sockets[0].getsockname()[1]
    Playground(
        emulator,
        SlackSide(emulator, f"http://127.0.0.1:{slate_port}/slack/events", secret),
        title="Slate",
    )
    return Running(
        f"http://{host}:{emulator.workspace.base_url.rsplit(':', 1)[-1]}", emulator, server
    )


def serve_forever(settings: Settings, *, reset: bool, host: str, port: int) -> int:
    """Run the playground until Ctrl-C."""
    running = start(settings, reset=reset, host=host, port=port)
    print(
        f"\nSlate playground: {running.url}\n"
        "Open it in a browser; switch people in the sidebar. Ctrl-C stops it. "
        "`slate playground --reset` starts the demo over.\n",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    running.stop()
    return 0
