"""`slate playground`: Slate against a local Slack in the browser, no Slack account needed.

Beside the playground's database live the emulated workspace (`playground-slack.json`) and
the hand-moved clock's offset (`playground-clock.json`): a restart carries on where it was;
`--reset` starts all three over, from the demo template (`playground_demo.template`) when the
same code built one before. The page (and the saved conversations) is served first; Slate is
built behind it, and whatever you do meanwhile waits for it.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import MovableClock
from bot.config import Settings
from bot.playground_demo import TZ, load_offset, save_offset, seed_workspace, template
from slack_emulator import SlackEmulator, SlackSide
from slack_emulator.persist import Keeper
from slack_emulator.playground.ui import Playground


class Running:
    """A started playground; stop() shuts it down."""

    def __init__(self, url: str, emulator: SlackEmulator, server: Any, controls: Any) -> None:
        self.url, self.emulator, self.server, self.controls = url, emulator, server, controls
        self.keeping: threading.Thread | None = None  # saving the demo template, if it is

    def stop(self) -> None:
        """Stop Slate, save the workspace and the clock, stop the emulator."""
        self.server.should_exit = True
        self.server.thread.join(timeout=10)
        self.emulator.keeper.stop()
        save_offset(self.controls.path, self.controls.clock)
        self.emulator.stop()


def start(
    settings: Settings, *, reset: bool = False, host: str = "127.0.0.1", port: int = 3000
) -> Running:
    """Serve the page at once, then build Slate against the emulator; seed on first start."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = settings.data_dir / "playground.db"
    saved = settings.data_dir / "playground-slack.json"
    clock_file = settings.data_dir / "playground-clock.json"
    fresh = reset or not database.exists()
    opens = None
    if fresh:  # the workspace and the clock belong to the database they were saved with
        for path in (database, saved, clock_file):
            path.unlink(missing_ok=True)
        opens = template.restore(settings.data_dir, database, saved)  # the demo built before
    emulator = SlackEmulator(bot_token="xoxb-playground", app_token="xapp-playground")
    ids = {}
    if (fresh and opens is None) or not Keeper.restore(emulator.workspace, saved):
        ids = seed_workspace(emulator)
    emulator.start(host, port)
    emulator.keeper = Keeper(emulator.workspace, saved)
    offset = (opens - datetime.now(UTC)).total_seconds() if opens else load_offset(clock_file)
    clock = MovableClock(offset or 0.0)
    emulator.workspace.clock = lambda: clock.now().timestamp()
    secret = secrets.token_hex(16)
    slack = SlackSide(emulator, "", secret)  # Slate's address is known once it listens
    ui = Playground(emulator, slack, title="Slate", ready=threading.Event())
    if ids:  # no template for this code: the demo is lived now, which takes a while
        ui.setting_up = "Setting up the demo (a first start only)…"
    server, controls = _start_slate(settings, emulator, clock, secret, database, clock_file, ids)
    slack.events_url = f"http://127.0.0.1:{server.port}/slack/events"
    ui.clock = controls
    if not ids:
        ui.ready.set()
    emulator.changed()
    running = Running(
        f"http://{host}:{emulator.workspace.base_url.rsplit(':', 1)[-1]}",
        emulator,
        server,
        controls,
    )
    if ids:  # seeded from scratch: once delivered, keep it so the next --reset copies it;
        # what visitors do waits till then, so the template holds the demo and nothing of theirs
        running.keeping = template.keep_when_quiet(
            settings.data_dir, database, controls.slate, emulator.workspace, clock, ui.ready.set
        )
    return running


def _start_slate(
    settings: Settings,
    emulator: SlackEmulator,
    clock: MovableClock,
    secret: str,
    database: Path,
    clock_file: Path,
    ids: dict[str, str],
) -> tuple[Any, Any]:
    """Build and serve Slate (its imports are the slow part of starting, so they are here)."""
    import uvicorn

    from bot import timeparse
    from bot.app import create_app
    from bot.playground_demo import story
    from bot.playground_demo.controls import TimeControls
    from bot.store.db import make_engine
    from bot.store.migrate import upgrade
    from bot.web import asgi_app

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
    slate = create_app(config, clock=clock, engine=engine)
    if ids:  # a fresh start: live the demo's last two days, then open on Day 2's late morning
        opens = story.seed(slate.session_factory, ids, datetime.now(ZoneInfo(TZ)).date())
        clock.offset = opens - datetime.now(UTC)
    save_offset(clock_file, clock)
    server = uvicorn.Server(
        uvicorn.Config(
            asgi_app(slate), host="127.0.0.1", port=0, log_level="warning", lifespan="on"
        )
    )
    server.thread = threading.Thread(target=server.run, daemon=True)  # type: ignore[attr-defined]
    server.thread.start()  # type: ignore[attr-defined]
    while not server.started:
        threading.Event().wait(0.02)
    server.port = server.servers[0].sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    return server, TimeControls(slate, clock, clock_file)


def build_template(settings: Settings) -> Path:
    """Build this code's template into `settings.data_dir` unless it is there (`make` does it
    at install, so the first `slate playground` copies rather than lives the demo)."""
    target = template.folder(settings.data_dir)
    if target.exists():
        return target
    with tempfile.TemporaryDirectory() as scratch:  # the visitor's own playground is untouched
        running = start(settings.with_(data_dir=Path(scratch)), reset=True, port=0)
        if running.keeping is not None:
            running.keeping.join(timeout=300)
        running.stop()
        built = template.folder(Path(scratch))
        if not built.exists():
            raise RuntimeError("the demo never went quiet enough to keep")
        for old in (settings.data_dir / template.FOLDER).glob("*"):
            shutil.rmtree(old, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(built, target)
    return target


def serve_forever(settings: Settings, *, reset: bool, host: str, port: int) -> int:
    """Run the playground until Ctrl-C."""
    running = start(settings, reset=reset, host=host, port=port)
    print(
        f"\nSlate playground: {running.url}\n"
        "Open it in a browser; switch people in the sidebar, move the clock at the top. "
        "Ctrl-C stops it (the workspace is kept). "
        "`slate playground --reset` starts the demo over.\n",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    running.stop()
    return 0


if __name__ == "__main__":  # `python -m bot.playground`: build the demo template (make does)
    print(f"Demo template: {build_template(Settings.from_env())}")
