"""`python -m bench.load`: /calltime under load against the bare-Bolt floor, and the outbox
against a direct loop, on SQLite and PostgreSQL. Every number is min / median / max over
repeats; the floor and Slate are measured in the same run, interleaved, so noise hits both.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx
from sqlalchemy import Engine

from bench import outbox_load
from bench.callsheets import _seed
from bench.servers import SIGNING_SECRET
from bot.store.db import make_engine
from bot.store.migrate import upgrade
from slack_emulator import SlackEmulator, payloads
from slack_emulator.signing import sign
from tests.databases import postgres_database, postgres_unreachable


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    """min / median / max."""
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def process(argv: list[str], env: dict[str, str], port: int, cwd: str) -> Iterator[str]:
    """A server subprocess, waited for until its port answers; stopped afterwards."""
    child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline or child.poll() is not None:
                child.kill()
                raise RuntimeError(f"{argv} did not start") from None
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/slack/events"
    finally:
        child.terminate()
        child.wait(30)


def slate_env(emulator: SlackEmulator, database_url: str, folder: str) -> dict[str, str]:
    """The environment `slate serve` and `slate worker` get: the emulator as Slack."""
    return dict(
        os.environ,
        SLACK_BOT_TOKEN=emulator.bot_token,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=emulator.api_url,
        DATABASE_URL=database_url,
        SLATE_DATA_DIR=folder,
        SLATE_LOG_LEVEL="WARNING",
        SLATE_CHANNEL_INTERVAL="0",
    )


def bench_calltime(
    label: str, engine: Engine, folder: str, levels: list[int], repeats: int, seconds: float
) -> None:
    """/calltime through `slate serve` vs. the ack-only Bolt floor, at each concurrency."""
    url = engine.url.render_as_string(hide_password=False)
    emulator = SlackEmulator().start()
    asker_id, channel = _seed(url, emulator, 50, 30, first=datetime.now(UTC).date())
    user = emulator.workspace.users[asker_id]
    fields = payloads.slash_command(emulator.workspace, user, "/calltime", "", channel)
    env = slate_env(emulator, url, folder)
    slate_port, floor_port = free_port(), free_port()
    slate_cmd = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"]
    floor_cmd = [sys.executable, "-m", "bench.servers", "floor"]
    runs: dict[tuple[str, int], list[dict[str, float]]] = {}
    with (
        process([*slate_cmd, "--port", str(slate_port)], env, slate_port, folder) as slate,
        process([*floor_cmd, "--port", str(floor_port)], env, floor_port, os.getcwd()) as floor,
    ):
        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        sample = httpx.post(
            slate, content=body, headers={**headers, **sign(SIGNING_SECRET, body)}
        ).json()["text"]
        print(f"  {label}: Slate answers /calltime with {sample[:60]!r}")
        for _ in range(repeats):
            for connections in levels:
                for name, target in (("floor", floor), ("slate", slate)):
                    out = subprocess.run(
                        [
                            sys.executable,
                            "-m",
                            "bench.loadgen",
                            "--url",
                            target,
                            "--fields",
                            json.dumps(fields),
                            "--secret",
                            SIGNING_SECRET,
                            "--connections",
                            str(connections),
                            "--seconds",
                            str(seconds),
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                    )
                    runs.setdefault((name, connections), []).append(json.loads(out.stdout))
    emulator.stop()
    print(f"\n/calltime on {label} ({repeats} repeats of {seconds:g} s; min / median / max)")
    print("| conns | target | req/s | p50 ms | p99 ms | errors | req/s vs floor |")
    print("|---|---|---|---|---|---|---|")
    for connections in levels:
        floor_rps = statistics.median(r["rps"] for r in runs[("floor", connections)])
        for name in ("floor", "slate"):
            rs = runs[(name, connections)]
            rps = [r["rps"] for r in rs]
            ratio = statistics.median(rps) / floor_rps
            print(
                f"| {connections} | {name} | {spread(rps)} | "
                f"{spread([r['p50'] for r in rs], '{:.1f}')} | "
                f"{spread([r['p99'] for r in rs], '{:.1f}')} | "
                f"{int(sum(r['errors'] for r in rs))} | {ratio:.2f}x |"
            )


def main() -> None:
    """Run the load benchmarks."""
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--only", choices=["calltime", "outbox"])
    parser.add_argument("--database", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    levels = [int(c) for c in args.connections.split(",")]
    kinds = [args.database] if args.database else ["sqlite", "postgresql"]
    for kind in kinds:
        with fresh_database(kind) as (label, engine, folder):
            if label is None:
                print(f"PostgreSQL skipped: {postgres_unreachable()}")
                continue
            if args.only in (None, "calltime"):
                bench_calltime(label, engine, folder, levels, args.repeats, args.seconds)
        with fresh_database(kind) as (label, engine, folder):
            if label is not None and args.only in (None, "outbox"):
                outbox_load.bench_outbox(label, engine, folder, args.messages, args.repeats)


@contextmanager
def fresh_database(kind: str) -> Iterator[tuple[str | None, Engine, str]]:
    """A fresh migrated database of `kind` and a scratch folder; label None when unreachable."""
    with tempfile.TemporaryDirectory() as folder:
        if kind == "sqlite":
            engine = make_engine(f"sqlite:///{Path(folder) / 'load.db'}")
            upgrade(engine)
            yield "SQLite", engine, folder
            engine.dispose()
        elif postgres_unreachable():
            yield None, None, folder  # type: ignore[misc]
        else:
            with postgres_database() as engine:
                yield "PostgreSQL", engine, folder


if __name__ == "__main__":
    main()
