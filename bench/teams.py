"""Many workspaces: outbox delivery with 1 and 2 `slate worker`s, requests with 1 and 2
`slate serve`s, against the emulator (rate limits off) and a fresh PostgreSQL database.

    python -m bench.teams [--messages 2000] [--teams 10] [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, func, select

from bench.load import drive
from bench.servers import SIGNING_SECRET
from bot import outbox
from bot.store.db import make_session_factory
from bot.store.models import OutboxMessage
from bot.store.teams import install as stamp
from bot.store.teams import set_team
from slack_emulator import SlackEmulator, payloads
from tests.databases import postgres_database
from tests.teams.helpers import Team, install
from tests.teams.processes import Process, many_env, serve, wait_healthy


def _queue(engine: Engine, teams: list[Team], messages: int) -> None:
    factory = stamp(make_session_factory(engine))
    now = datetime.now(UTC)
    for n, team in enumerate(teams):
        with factory() as db:
            set_team(db, team.ws.team_id)
            for i in range(messages // len(teams)):
                outbox.post_message(db, team.installer.id, text=f"message {n}.{i}", now=now)
            db.commit()


def bench_outbox(
    env: dict, engine: Engine, teams: list[Team], messages: int, workers: int
) -> float:
    """Messages per second delivered by `workers` worker processes."""
    with make_session_factory(engine)() as db:
        db.execute(delete(OutboxMessage))
        db.commit()
    folder = Path(tempfile.mkdtemp())
    _queue(engine, teams, messages)
    running = [Process(["worker"], env, folder) for _ in range(workers)]
    try:
        with make_session_factory(engine)() as db:
            while db.scalar(select(func.count()).where(OutboxMessage.status == "pending")):
                db.rollback()
                time.sleep(0.1)
            first, last = db.execute(
                select(func.min(OutboxMessage.sent_at), func.max(OutboxMessage.sent_at))
            ).one()
        # From the first message sent to the last: the workers' start-up is not counted.
        return messages / max((last - first).total_seconds(), 0.001)
    finally:
        for process in running:
            process.stop()


def bench_requests(env: dict, team: Team, servers: int, seconds: float) -> float:
    """Requests per second of a mixed command load spread over `servers` serve processes."""
    folder = Path(tempfile.mkdtemp())
    started = [serve(env, folder) for _ in range(servers)]
    try:
        wait_healthy([url for _, url in started])
        channel = next(iter(team.ws.channels))
        mixed = [
            dict(payloads.slash_command(team.ws, team.installer, c, t, channel))
            for c, t in (("/slate", "help"), ("/tasks", ""), ("/calltime", ""), ("/slate", ""))
        ]
        with ThreadPoolExecutor(servers) as pool:
            runs = pool.map(
                lambda url: drive(f"{url}/slack/events", mixed, 8 // servers, seconds, 1.0),
                [url for _, url in started],
            )
            return sum(run["rps"] for run in runs)
    finally:
        for process, _ in started:
            process.stop()


def main() -> None:
    """Run both benchmarks and print their figures as JSON."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--teams", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    emulator = SlackEmulator().start()
    with postgres_database() as engine:
        env = many_env(emulator, engine.url.render_as_string(False), SLATE_CHANNEL_INTERVAL="0")
        env["SLACK_SIGNING_SECRET"] = SIGNING_SECRET  # what bench.loadgen signs with
        folder = Path(tempfile.mkdtemp())
        first, url = serve(env, folder)
        wait_healthy([url])
        teams = [install(emulator, url, f"T{n:08d}") for n in range(args.teams)]
        for team in teams:
            team.ws.add_channel("crew")
        first.stop()
        figures = {
            f"outbox {w} worker(s) msg/s": bench_outbox(env, engine, teams, args.messages, w)
            for w in (1, 2)
        }
        figures |= {
            f"requests {s} serve(s) req/s": bench_requests(env, teams[0], s, args.seconds)
            for s in (1, 2)
        }
    emulator.stop()
    print(json.dumps({k: round(v, 1) for k, v in figures.items()}, indent=2))


if __name__ == "__main__":
    main()
