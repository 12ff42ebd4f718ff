"""Slash commands under load: Slate against the bare-Bolt floor, both real server processes.

Each repeat starts `slate serve` and the floor afresh (timing start-up until the port
answers), drives both with the load generator in its own process, interleaved, then reads
each server's resident memory. Every figure is min / median / max over the repeats.
"""

from __future__ import annotations

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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sqlalchemy import Engine

from bench.callsheets import _seed
from bench.servers import SIGNING_SECRET
from bot.store.db import make_engine
from bot.store.migrate import upgrade
from slack_emulator import SlackEmulator, payloads
from slack_emulator.signing import sign
from tests.databases import postgres_database, postgres_unreachable

# The forms of /calltime a crew member types: their own next call, a person's, a
# department's, their own on a given day. U00000001 is a crew member _seed creates.
FORMS = {"self": "", "@person": "<@U00000001>", "department": "grip", "day": "tomorrow"}
# A busy morning: reads and writes across features, in these proportions.
MIXED = [
    ("/calltime", ""),
    ("/expense", "12.50 gaffer tape at B&H"),
    ("/assign", "<@U00000001> pick up gels by 5p"),
    ("/tasks", ""),
    ("/budget", ""),
    ("/slate", "help"),
]
MIXED_CONNECTIONS, MIXED_SECONDS = 64, 3.0


def spread(values: list[float], fmt: str = "{:.0f}") -> str:
    """min / median / max."""
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A server process: where it answers, its pid, and how long it took to start answering."""

    url: str
    pid: int
    start_seconds: float

    def rss_mib(self) -> float:
        """Resident memory now."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
        return int(kib) / 1024


def wait_for(port: int, child: subprocess.Popen[Any]) -> None:
    """Until the child answers on its port (killed if it never does)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if time.monotonic() > deadline or child.poll() is not None:
                child.kill()
                raise RuntimeError(f"{child.args} did not start") from None
            time.sleep(0.02)


@contextmanager
def process(argv: list[str], env: dict[str, str], port: int, cwd: str) -> Iterator[Server]:
    """A server subprocess, waited for until its port answers; stopped afterwards."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    wait_for(port, child)
    try:
        url = f"http://127.0.0.1:{port}/slack/events"
        yield Server(url, child.pid, time.perf_counter() - started)
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


def drive(url: str, fields: Any, connections: int, seconds: float, warmup: float) -> dict:
    """One load generator run, in its own process."""
    argv = [sys.executable, "-m", "bench.loadgen", "--url", url, "--fields", json.dumps(fields)]
    argv += ["--secret", SIGNING_SECRET, "--connections", str(connections)]
    argv += ["--seconds", str(seconds), "--warmup", str(warmup)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def ask(url: str, fields: dict[str, str]) -> str:
    """One signed request; the answer's text (for the record of what was measured)."""
    body = urlencode(fields).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SIGNING_SECRET, body)}
    answer = httpx.post(url, content=body, headers=headers, timeout=30)
    return str(answer.json().get("text", "")) if answer.content else "(empty 200)"


Runs = dict[tuple[str, str, int], list[dict[str, float]]]


def bench_requests(
    label: str, engine: Engine, folder: str, levels: list[int], repeats: int, seconds: float
) -> tuple[Runs, dict[str, list[float]]]:
    """Every /calltime form at each concurrency, then the mixed load, against the floor."""
    url = engine.url.render_as_string(hide_password=False)
    emulator = SlackEmulator().start()
    asker_id, channel = _seed(url, emulator, 50, 30, first=datetime.now(UTC).date())
    user = emulator.workspace.users[asker_id]

    def fields(command: str, text: str) -> dict[str, str]:
        return dict(payloads.slash_command(emulator.workspace, user, command, text, channel))

    forms = {name: fields("/calltime", text) for name, text in FORMS.items()}
    mixed = [fields(command, text) for command, text in MIXED]
    env = slate_env(emulator, url, folder)
    runs: Runs = {}
    footprint: dict[str, list[float]] = {}
    for repeat in range(repeats):
        slate_port, floor_port = free_port(), free_port()
        slate_cmd = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"]
        floor_cmd = [sys.executable, "-m", "bench.servers", "floor"]
        with (
            process([*slate_cmd, "--port", str(slate_port)], env, slate_port, folder) as slate,
            process([*floor_cmd, "--port", str(floor_port)], env, floor_port, os.getcwd()) as floor,
        ):
            if repeat == 0:
                for name, form in forms.items():
                    print(f"  {label} /calltime {name}: {ask(slate.url, form)[:70]!r}")
                for (command, _), form in zip(MIXED, mixed, strict=True):
                    print(f"  {label} {command}: {ask(slate.url, form)[:70]!r}")
            for name, form in forms.items():
                for connections in levels:
                    for who, server in (("floor", floor), ("slate", slate)):
                        result = drive(server.url, form, connections, seconds, 1.0)
                        runs.setdefault((name, who, connections), []).append(result)
            for who, server in (("floor", floor), ("slate", slate)):
                result = drive(server.url, mixed, MIXED_CONNECTIONS, MIXED_SECONDS, 0.5)
                runs.setdefault(("mixed", who, MIXED_CONNECTIONS), []).append(result)
                footprint.setdefault(f"{who} start s", []).append(server.start_seconds)
                footprint.setdefault(f"{who} RSS MiB", []).append(server.rss_mib())
    emulator.stop()
    return runs, footprint


def print_requests(label: str, runs: Runs, footprint: dict[str, list[float]]) -> None:
    """The tables: each form and concurrency, the mixed load, start-up and memory."""
    print(f"\n/calltime on {label} (min / median / max over repeats)")
    print("| form | conns | server | req/s | p50 ms | p99 ms | errors | req/s vs floor |")
    print("|---|---|---|---|---|---|---|---|")
    for (form, who, connections), rs in runs.items():
        if form == "mixed":
            continue
        floor_rps = statistics.median(r["rps"] for r in runs[(form, "floor", connections)])
        rps = [r["rps"] for r in rs]
        print(
            f"| {form} | {connections} | {who} | {spread(rps)} | "
            f"{spread([r['p50'] for r in rs], '{:.1f}')} | "
            f"{spread([r['p99'] for r in rs], '{:.1f}')} | "
            f"{int(sum(r['errors'] for r in rs))} | {statistics.median(rps) / floor_rps:.2f}x |"
        )
    print(f"\nmixed load on {label}: {MIXED_CONNECTIONS} connections, {MIXED_SECONDS:g} s")
    print("| server | answered | over 3 s | errors | p99 ms |")
    print("|---|---|---|---|---|")
    for who in ("floor", "slate"):
        rs = runs[("mixed", who, MIXED_CONNECTIONS)]
        print(
            f"| {who} | {spread([r['requests'] for r in rs])} | "
            f"{spread([r['over3s'] for r in rs])} | {spread([r['errors'] for r in rs])} | "
            f"{spread([r['p99'] for r in rs], '{:.1f}')} |"
        )
    print(f"\nstart-up and memory on {label}")
    print("| figure | floor | Slate | Slate vs floor (medians) |")
    print("|---|---|---|---|")
    for figure in ("start s", "RSS MiB"):
        floor, slate = footprint[f"floor {figure}"], footprint[f"slate {figure}"]
        ratio = statistics.median(slate) / statistics.median(floor)
        print(
            f"| {figure} | {spread(floor, '{:.2f}')} | {spread(slate, '{:.2f}')} | {ratio:.2f}x |"
        )


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
