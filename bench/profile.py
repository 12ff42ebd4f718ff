"""`python -m bench.profile`: where a signed request's time goes, profiled inside the server.

`slate serve`'s own app runs in a child process (`python -m bench.profile serve ...`) with a
cProfile per thread-pool thread around everything HTTP hands it; the load generator drives it
from its own process; on SIGTERM the server prints the merged profile (cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import signal
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.callsheets import _seed
from slack_emulator import SlackEmulator, payloads


def serve(port: int, top: int, clock: str, order: str = "cumulative") -> None:
    """Slate over HTTP as `slate serve` builds it, every dispatch profiled on its thread."""
    import time

    import uvicorn

    from bot.cli import _start
    from bot.config import Settings
    from bot.web import asgi_app

    slate = _start(Settings.from_env())
    profiles: list[cProfile.Profile] = []
    local = threading.local()
    dispatch = slate.bolt.dispatch

    def profiled(request: Any) -> Any:
        if not hasattr(local, "profile"):
            # CPU time of this thread: wall time would count the waits for the GIL and the
            # other 15 threads' work, which is not where this request's time goes.
            timer = time.thread_time if clock == "cpu" else time.perf_counter
            local.profile = cProfile.Profile(timer)
            profiles.append(local.profile)
        local.profile.enable()
        try:
            return dispatch(request)
        finally:
            local.profile.disable()

    slate.bolt.dispatch = profiled  # type: ignore[method-assign]

    def report(*_: object) -> None:
        out = io.StringIO()
        stats = pstats.Stats(*profiles, stream=out) if profiles else None
        if stats:
            stats.sort_stats(order).print_stats(top)
        sys.stdout.write(out.getvalue())
        sys.stdout.flush()
        os._exit(0)

    signal.signal(signal.SIGTERM, report)
    config = uvicorn.Config(asgi_app(slate), port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    server.run()


def main() -> None:
    """Seed, serve profiled, drive with the load generator, print the profile."""
    from bench.load import drive, free_port, slate_env, wait_for

    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("mode", nargs="?", default="run", choices=["run", "serve"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--command", default="/calltime")
    parser.add_argument("--text", default="")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu")
    parser.add_argument("--sort", default="cumulative", help="pstats order: cumulative, tottime")
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args.port, args.top, args.clock, args.sort)
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'profile.db'}"
        emulator = SlackEmulator().start()
        asker, channel = _seed(url, emulator, 50, 30, first=datetime.now(UTC).date())
        user = emulator.workspace.users[asker]
        fields = payloads.slash_command(emulator.workspace, user, args.command, args.text, channel)
        env = slate_env(emulator, url, folder)
        port = free_port()
        argv = [sys.executable, "-m", "bench.profile", "serve", "--port", str(port)]
        argv += ["--top", str(args.top), "--clock", args.clock, "--sort", args.sort]
        child = subprocess.Popen(argv, env=env, cwd=os.getcwd(), stdout=subprocess.PIPE, text=True)
        target = f"http://127.0.0.1:{port}/slack/events"
        wait_for(port, child)
        fields_json = json.dumps(fields)
        load = drive(target, json.loads(fields_json), args.connections, args.seconds, 1.0)
        child.send_signal(signal.SIGTERM)
        out, _ = child.communicate(timeout=60)
        emulator.stop()
        print(json.dumps(load))
        print(out)


if __name__ == "__main__":
    main()
