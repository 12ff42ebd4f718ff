"""The `slate` command: run, serve, worker, db, production and import."""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackClientError

from bot import logs
from bot.config import Settings
from bot.errors import SlateError
from bot.store.db import make_engine
from bot.store.migrate import upgrade

if TYPE_CHECKING:
    from bot.app import Slate

log = logging.getLogger("slate")

NO_TOKENS = """Slate needs Slack tokens to run. Set them in the environment or in a .env file:

  SLACK_BOT_TOKEN=xoxb-...   your app's page > OAuth & Permissions > Bot User OAuth Token
  SLACK_APP_TOKEN=xapp-...   Basic Information > App-Level Tokens (scope connections:write)

Create the app from app_manifest.yml first (README: "Create the Slack app").
For HTTP mode instead, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET and run `slate serve`.
"""


@contextlib.contextmanager
def _long_lived() -> Iterator[None]:
    """Build what lives as long as the process: no collections meanwhile, then frozen."""
    # Start-up creates ~100k objects and collecting during it cost ~8 % of its CPU; frozen,
    # later full collections never walk them again.
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _start(settings: Settings) -> Slate:
    logs.configure(settings.log_level, settings.secrets)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    from bot.app import create_app  # here, not at the top: the playground starts without it

    return create_app(settings, engine=engine)


def cmd_run(settings: Settings, _: argparse.Namespace) -> int:
    """Socket Mode: one production's internal app, no public URL needed."""
    if not (settings.slack_bot_token and settings.slack_app_token):
        print(NO_TOKENS, file=sys.stderr)
        print("No tokens yet: starting the local playground instead.", file=sys.stderr)
        from bot import playground

        logs.configure("WARNING", settings.secrets)
        return playground.serve_forever(
            settings, reset=False, host="127.0.0.1", port=settings.playground_port
        )
    with _long_lived():
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        slate = _start(settings)
    slate.start_background()
    log.info("Slate is running in Socket Mode")
    try:
        SocketModeHandler(slate.bolt, settings.slack_app_token).start()
    finally:
        slate.stop_background()
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """HTTP mode under uvicorn, one worker per process; with --worker it also delivers."""
    if not ((settings.slack_bot_token or settings.many_teams) and settings.slack_signing_secret):
        print(
            "slate serve needs SLACK_SIGNING_SECRET and either SLACK_BOT_TOKEN (one workspace)"
            " or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLATE_STATE_SECRET (README).",
            file=sys.stderr,
        )
        return 2
    with _long_lived():
        import uvicorn

        from bot.web import asgi_app

        slate = _start(settings)
    log.info("Slate is serving on http://%s:%s/slack/events", args.host, args.port)
    uvicorn.run(
        # Many processes: `slate serve` answers HTTP only, `slate worker` delivers (README).
        asgi_app(slate, background=args.worker),
        host=args.host,
        port=args.port,
        workers=1,
        log_level=settings.log_level.lower(),
        access_log=False,
    )
    return 0


def cmd_worker(settings: Settings, _: argparse.Namespace) -> int:
    """Only deliver the outbox and tick the scheduler (a separate delivery process)."""
    with _long_lived():
        slate = _start(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    slate.start_background()
    log.info("Slate worker %s is delivering", slate.outbox.worker_id)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    slate.stop_background()
    return 0


def cmd_playground(settings: Settings, args: argparse.Namespace) -> int:
    """Slate against a local Slack in the browser."""
    from bot import playground

    logs.configure("WARNING", settings.secrets)
    return playground.serve_forever(
        settings, reset=args.reset, host=args.host, port=args.port or settings.playground_port
    )


def cmd_db_upgrade(settings: Settings, _: argparse.Namespace) -> int:
    """Apply the database migrations."""
    upgrade(make_engine(settings.database_url))
    print("Database is up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `slate` console script."""
    parser = argparse.ArgumentParser(prog="slate", description="Slate, the coordinator in Slack")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run in Socket Mode").set_defaults(func=cmd_run)
    serve = commands.add_parser("serve", help="serve HTTP mode (POST /slack/events)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument(
        "--worker", action="store_true", help="also deliver the outbox and run jobs (one process)"
    )
    serve.set_defaults(func=cmd_serve)
    commands.add_parser("worker", help="deliver the outbox and run scheduled jobs").set_defaults(
        func=cmd_worker
    )
    play = commands.add_parser("playground", help="try Slate in the browser, no Slack needed")
    play.add_argument("--reset", action="store_true", help="start the demo production over")
    play.add_argument("--host", default="127.0.0.1")
    play.add_argument("--port", type=int, help="default: SLATE_PLAYGROUND_PORT or 3000")
    play.set_defaults(func=cmd_playground)
    db = commands.add_parser("db", help="database").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply migrations").set_defaults(func=cmd_db_upgrade)
    words = sys.argv[1:] if argv is None else argv
    if words[:1] not in (["run"], ["playground"], ["serve"], ["worker"], ["db"]):
        # The admin commands import all of Slate's notifications (seconds on a busy machine):
        # the servers, the playground, and `make run` without tokens start without them.
        from bot import cli_admin, cli_booking, cli_teams

        cli_admin.add_commands(commands)
        cli_teams.add_commands(commands)
        cli_booking.add_commands(commands)
    args = parser.parse_args(argv)
    settings = Settings.from_env(dotenv_path=Path(".env"))
    try:
        return int(args.func(settings, args))
    except SlateError as error:
        return _fail(error.message)
    except UnicodeDecodeError as error:
        return _fail(
            f"{getattr(args, 'file', 'the file')}: not UTF-8 text (byte {error.start}); "
            "save it as CSV UTF-8 and try again"
        )
    except OSError as error:  # a missing, unreadable or directory path
        return _fail(f"{error.filename or getattr(args, 'file', '')}: {error.strerror or error}")
    except SlackClientError as error:
        return _fail(f"Slack refused: {error}. Check SLACK_BOT_TOKEN, or pass --team T…")


def _fail(reason: str) -> int:
    """One plain line on stderr and exit code 2: the operator fixes the input, no traceback."""
    print(f"slate: {reason}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
