"""python -m bench: Slate's request, delivery and parsing speed as ratios to baselines."""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import dateparser
from slack_sdk import WebClient
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from bench import callsheets
from bench.common import percentiles, timed
from bot import outbox, timeparse
from bot.store.db import make_engine
from bot.store.migrate import upgrade
from slack_emulator import SlackEmulator, SlackSide
from tests import harness

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)
PHRASES = [
    "6a",
    "630a",
    "6:30",
    "18:30",
    "noon",
    "tmrw 6am",
    "fri 7a",
    "6/14 7p",
    "tomorrow 6pm",
    "7:30 am",
]


def bench_requests(emulator: SlackEmulator, database_url: str, count: int) -> None:
    """Signed /slate help through Slate vs. a bare Starlette endpoint, same server and client."""

    async def constant(_: object) -> JSONResponse:
        return JSONResponse({"response_type": "ephemeral", "text": "ok"})

    baseline_app = Starlette(routes=[Route("/slack/events", constant, methods=["POST"])])
    engine = make_engine(database_url)
    slate = harness.build(emulator, engine, NOW)
    user = emulator.workspace.add_user("gus")
    results = {}
    for name, app in (("baseline", baseline_app), ("slate", None)):
        server = harness.ServerThread(app) if app else harness.serve(slate)
        with server as url:
            slack = SlackSide(emulator, f"{url}/slack/events", harness.SIGNING_SECRET)
            timed(lambda s=slack: s.command(user, "/slate", "help"), 20)  # warm up
            results[name] = percentiles(
                timed(lambda s=slack: s.command(user, "/slate", "help"), count)
            )
    (b50, b95), (s50, s95) = results["baseline"], results["slate"]
    print(
        f"request  /slate help  p50 {s50:6.2f} ms  p95 {s95:6.2f} ms | baseline p50 "
        f"{b50:5.2f} ms p95 {b95:5.2f} ms | ratio p95 {s95 / b95:5.1f}x "
        f"(target: p95 < 100 ms; Slack allows 3000)"
    )


def bench_delivery(emulator: SlackEmulator, database_url: str, count: int) -> None:
    """Messages through the outbox vs. chat.postMessage called directly."""
    users = [emulator.workspace.add_user(f"crew{i}") for i in range(50)]
    client = WebClient(token=emulator.bot_token, base_url=emulator.api_url)
    start = time.perf_counter()
    for n in range(count):
        client.chat_postMessage(channel=users[n % 50].id, text=f"direct {n}")
    direct = count / (time.perf_counter() - start)
    slate = harness.build(emulator, make_engine(database_url), NOW)
    start = time.perf_counter()
    with slate.session_factory() as db:
        for n in range(count):
            outbox.post_message(db, users[n % 50].id, text=f"queued {n}", now=NOW)
        db.commit()
    slate.outbox.deliver_all()
    queued = count / (time.perf_counter() - start)
    print(
        f"delivery outbox {queued:7.0f} msg/s | baseline direct {direct:7.0f} msg/s | "
        f"ratio {direct / queued:4.2f}x slower (target: under 3x, a durable commit per message; "
        "Slack allows ~1/s per channel)"
    )


def bench_parsing(count: int) -> None:
    """Our parser vs. dateparser alone on the phrases crew type."""
    timeparse.warm()
    base = NOW.replace(tzinfo=None)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    start = time.perf_counter()
    for _ in range(count):
        for phrase in PHRASES:
            dateparser.parse(phrase, languages=["en"], settings=settings)
    theirs = (time.perf_counter() - start) / (count * len(PHRASES)) * 1e6
    start = time.perf_counter()
    for _ in range(count):
        for phrase in PHRASES:
            timeparse.parse_when(phrase, "America/Los_Angeles", NOW)
    ours = (time.perf_counter() - start) / (count * len(PHRASES)) * 1e6
    print(
        f"parsing  timeparse {ours:7.1f} µs/phrase | baseline dateparser {theirs:7.1f} "
        f"µs/phrase | ratio {ours / theirs:4.2f}x (target: under 1x)"
    )


def main() -> None:
    """Run every benchmark on a fresh SQLite database and print ratios."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade(make_engine(url))
        emulator = SlackEmulator().start()
        try:
            bench_requests(emulator, url, args.requests)
            bench_delivery(emulator, url, args.messages)
            bench_parsing(50)
            callsheets.run(Path(folder), args.requests)
        finally:
            emulator.stop()


if __name__ == "__main__":
    main()
