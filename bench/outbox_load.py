"""The outbox against a direct loop: the same messages to the same emulated Slack.

The direct loop is `chat.postMessage` called back to back from its own process, over the same
kept-alive connections the outbox uses (two loops at once show what this machine can take
beyond one sender, the ceiling for two workers). The outbox
is real `slate worker` processes (1, then 2) delivering a fan-out committed in one
transaction, the way publishing queues it; Slack's rate limits and channel pacing are off.
Two rates are kept: end to end (commit until every row is recorded sent, including the
worker's idle poll of up to 0.5 s before it notices) and on the wire (first post to last).
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine, delete, func, select

from bot import outbox
from bot.outbox.wire import Wire
from bot.store.db import make_session_factory, transactions
from bot.store.models import OutboxMessage
from slack_emulator import SlackEmulator


def _direct(
    emulator: SlackEmulator, users: list[str], count: int, processes: int = 1, wire: bool = True
) -> float:
    """Messages a second from `processes` direct loops at once, `count` between them."""
    argv = [sys.executable, "-m", "bench.outbox_load", "--api-url", emulator.api_url]
    argv += ["--token", emulator.bot_token, "--users", ",".join(users)]
    argv += [] if wire else ["--sdk"]
    children = [
        subprocess.Popen([*argv, "--count", str(count // processes)], stdout=subprocess.PIPE)
        for _ in range(processes)
    ]
    spans = [json.loads(child.communicate()[0]) for child in children]
    return (
        count
        // processes
        * processes
        / (max(s["ended"] for s in spans) - min(s["started"] for s in spans))
    )


def _through_outbox(
    emulator: SlackEmulator,
    engine: Engine,
    env: dict[str, str],
    folder: str,
    users: list[str],
    count: int,
    workers: int,
    tag: str,
) -> tuple[float, float]:
    sessions = make_session_factory(engine)
    with sessions() as db:
        db.execute(delete(OutboxMessage))
        db.commit()
    children = [_worker(env, folder) for _ in range(workers)]
    try:
        elapsed, already = _deliver(emulator, sessions, users, count, tag)
    finally:  # a failed run must not leave workers behind
        for child in children:
            child.send_signal(signal.SIGTERM)
            child.wait(30)
    posts = [c.at for c in emulator.calls("chat.postMessage", ok=True)[already:]]
    texts = Counter(m.text for m in emulator.workspace.messages if m.text.startswith(f"{tag} "))
    assert len(texts) == count and max(texts.values()) == 1, "lost or doubled a message"
    return count / elapsed, count / (max(posts) - min(posts))


def _worker(env: dict[str, str], folder: str) -> subprocess.Popen[str]:
    """A `slate worker` process, returned once it says it is delivering (not merely spawned:
    under load start-up takes seconds, which would otherwise count as delivery time)."""
    argv = [sys.executable, "-m", "bot", "worker"]
    env = {**env, "SLATE_LOG_LEVEL": "INFO"}
    child = subprocess.Popen(argv, env=env, cwd=folder, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    for line in child.stderr:
        if "is delivering" in line:
            break
    # Keep reading its log so a full pipe never blocks it.
    threading.Thread(target=child.stderr.read, daemon=True).start()
    return child


def _deliver(
    emulator: SlackEmulator, sessions: Any, users: list[str], count: int, tag: str
) -> tuple[float, int]:
    """Queue `count` DMs in one commit; seconds until all are sent, and the posts before."""
    already = len(emulator.calls("chat.postMessage", ok=True))
    now = datetime.now(UTC)
    with sessions() as db:
        for n in range(count):
            outbox.post_message(db, users[n % len(users)], text=f"{tag} {n}", now=now)
        db.commit()
    started = time.perf_counter()
    # Watch the emulator's own record first: a database query every few milliseconds would
    # take the interpreter from the emulator (this process) and slow the very thing measured.
    while len(emulator.calls("chat.postMessage", ok=True)) - already < count:
        time.sleep(0.05)
    pending = select(func.count()).where(OutboxMessage.status != "sent")
    while True:  # then until the last batch's outcomes are recorded
        with transactions(), sessions() as db:  # a reader: never queue for the write lock
            if db.scalar(pending) == 0:
                break
        time.sleep(0.02)
    return time.perf_counter() - started, already


def bench_outbox(label: str, engine: Engine, folder: str, count: int, repeats: int) -> None:
    """Direct loop vs. 1 and 2 outbox workers, `repeats` times each, interleaved."""
    from bench.load import slate_env, spread

    emulator = SlackEmulator().start()
    users = [emulator.workspace.add_user(f"crew{n}").id for n in range(100)]
    env = slate_env(emulator, engine.url.render_as_string(hide_password=False), folder)
    direct: dict[int, list[float]] = {1: [], 2: []}
    sdk: list[float] = []  # slack_sdk's own client: a connection per call (the floor)
    ends: dict[int, list[float]] = {1: [], 2: []}
    wires: dict[int, list[float]] = {1: [], 2: []}
    for repeat in range(repeats):
        sdk.append(_direct(emulator, users, count, wire=False))
        for loops in (1, 2):
            direct[loops].append(_direct(emulator, users, count, loops))
        for workers in (1, 2):
            tag = f"r{repeat}w{workers}"
            end, wire = _through_outbox(emulator, engine, env, folder, users, count, workers, tag)
            ends[workers].append(end)
            wires[workers].append(wire)
    emulator.stop()
    base = statistics.median(direct[1])
    print(f"\noutbox on {label}: {count} DMs, rate limits off ({repeats} repeats; min/median/max)")
    print(
        "| sender | msg/s end to end | msg/s on the wire | median vs 1 direct loop (end / wire) |"
    )
    print("|---|---|---|---|")
    print(
        f"| direct loop, slack_sdk | {spread(sdk)} | same | {statistics.median(sdk) / base:.2f}x |"
    )
    for loops in (1, 2):
        rate = statistics.median(direct[loops])
        name = "direct loop" if loops == 1 else "2 direct loops at once"
        print(f"| {name} | {spread(direct[loops])} | same | {rate / base:.2f}x |")
    for workers in (1, 2):
        e, w = statistics.median(ends[workers]), statistics.median(wires[workers])
        print(
            f"| outbox, {workers} worker{'s' * (workers > 1)} | {spread(ends[workers])} | "
            f"{spread(wires[workers])} | {e / base:.2f}x / {w / base:.2f}x |"
        )
    one, two = statistics.median(ends[1]), statistics.median(ends[2])
    ceiling = statistics.median(direct[2]) / base
    print(f"2 workers vs 1: {two / one:.2f}x (2 direct loops vs 1 on this machine: {ceiling:.2f}x)")
    print(f"1 worker vs the slack_sdk loop: {one / statistics.median(sdk):.2f}x")


def main() -> None:
    """The direct loop, run as its own process: prints when it started and ended (epoch s).

    It calls Slack over the outbox's own kept-alive connections (`bot.outbox.wire`): the
    floor is the fastest one process sends on this machine, not a connection per call."""
    parser = argparse.ArgumentParser(prog="python -m bench.outbox_load")
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--users", required=True)
    parser.add_argument("--sdk", action="store_true", help="slack_sdk's client, as it comes")
    args = parser.parse_args()
    users = args.users.split(",")
    client = WebClient(token=args.token, base_url=args.api_url)
    wire = Wire()
    started = time.time()
    for n in range(args.count):
        params = {"channel": users[n % len(users)], "text": f"direct {n}"}
        if args.sdk:
            client.chat_postMessage(**params)
        else:
            wire.api_call(client, "chat.postMessage", params)
    print(json.dumps({"started": started, "ended": time.time()}))


if __name__ == "__main__":
    main()
