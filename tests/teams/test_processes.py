"""3 `slate serve` + 2 `slate worker` processes on PostgreSQL, 20 workspaces, a worker killed.

Checks: every message delivered exactly once with its own team's token, every due scheduled
job run once, none run early, and small workspaces' requests answered within Slack's 3 s while
the big fan-outs are queued. A small workspace's DM overtaking a rate-limited big fan-out is
shown in test_pacing.py (the worker paces and claims per team).
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update

from bot import notify
from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.store import teams
from bot.store.db import make_session_factory
from bot.store.models import OutboxMessage, ScheduledJob
from slack_emulator import SlackEmulator
from tests.conftest import NOW
from tests.teams.helpers import Team, install
from tests.teams.processes import Process, many_env, serve, wait_healthy

TEAMS, BIG, CREW = 20, 5, 40


def _production(engine: Engine, team: Team, size: int) -> str:
    """A production with `size` grips; returns its crew channel."""
    channel = team.ws.add_channel("crew").id
    rows = ["name,email,department,role,slack_user_id"]
    for n in range(size):
        user = team.ws.add_user(f"grip{n}", f"grip{n}@x.film")
        rows.append(f"Grip {n},grip{n}@x.film,Grip,crew,{user.id}")
    with teams.install(notify.install(make_session_factory(engine)))() as db:
        production = productions.create_production(
            db,
            team.ws.team_id,
            productions.ProductionForm("Show", "America/Los_Angeles", "USD", channel, channel),
            now=NOW,
            creator_id=team.installer.id,
            creator_name="Ann",
        )
        crew_service.import_crew(db, production, "\n".join(rows) + "\n")
        db.commit()
    return channel


def _settled(engine: Engine, seconds: float, *, jobs: bool = False) -> None:
    """Until nothing is pending in the outbox (and, with `jobs`, no job due)."""
    deadline = time.monotonic() + seconds
    with make_session_factory(engine)() as db:
        while True:
            busy = db.scalar(select(func.count()).where(OutboxMessage.status == "pending"))
            if jobs:
                busy += db.scalar(
                    select(func.count()).where(
                        ScheduledJob.status == "pending", ScheduledJob.due_at == NOW
                    )
                )
            db.rollback()
            if not busy:
                return
            assert time.monotonic() < deadline, f"{busy} rows still pending"
            time.sleep(0.5)


def test_many_processes_deliver_once_per_team(
    emulator: SlackEmulator, engine: Engine, tmp_path: Path
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("many processes share PostgreSQL (SQLite is one machine's file)")
    env = many_env(emulator, engine.url.render_as_string(False), SLATE_OUTBOX_LEASE="5")
    servers = [serve(env, tmp_path) for _ in range(3)]
    workers = [Process(["worker"], env, tmp_path) for _ in range(2)]
    try:
        urls = [url for _, url in servers]
        wait_healthy(urls)
        installed = [install(emulator, urls[n % 3], f"T{n:08d}") for n in range(TEAMS)]
        channels = [_production(engine, t, CREW if n < BIG else 1) for n, t in enumerate(installed)]

        def assign(n: int) -> float:
            team, started = installed[n], time.monotonic()
            team.slack.events_url = f"{urls[n % 3]}/slack/events"
            answer = team.slack.command(
                team.installer, "/assign", "grip load the truck by 11:30p", channel=channels[n]
            )
            assert answer.status_code == 200 and "Assigned to" in answer.text, answer.text
            return time.monotonic() - started

        with ThreadPoolExecutor(6) as pool:
            big = list(pool.map(assign, range(BIG)))  # the big fan-outs first...
            time.sleep(0.5)
            workers[0].kill()  # ...a worker dies in the middle of them...
            small = list(pool.map(assign, range(BIG, TEAMS)))  # ...small teams keep coming
        workers[0].restart()
        print(f"/assign to {CREW}: {max(big):.2f} s at most; to 1: {max(small):.2f} s at most")
        # KNOWN: assigning to a whole department writes a task, two jobs and a DM per person
        # in the request (tasks feature); with 5 at once on 2 shared cores that exceeds 3 s.
        assert max(small) < 3.0, small
        _settled(engine, 80)

        # The jobs of one big and every small team due now: each runs once, on either worker.
        due = [t.ws.team_id for t in installed[BIG - 1 :]]
        with make_session_factory(engine)() as db:
            db.execute(
                update(ScheduledJob)
                .where(ScheduledJob.team_id.in_(due))
                .values(next_attempt_at=NOW, due_at=NOW)
            )
            db.commit()
        _settled(engine, 150, jobs=True)
        _check(engine, emulator, installed)
    finally:
        for process in [p for p, _ in servers] + workers:
            process.stop()


def _check(engine: Engine, emulator: SlackEmulator, installed: list[Team]) -> None:
    token_of = {t.ws.team_id: t.token for t in installed}
    with make_session_factory(engine)() as db:
        rows = list(db.scalars(select(OutboxMessage)))
        jobs = list(db.scalars(select(ScheduledJob)))
    assert {row.status for row in rows} <= {"sent", "superseded"}
    posted = Counter()
    for call in emulator.calls("chat.postMessage", ok=True):
        posted[call.params["metadata"]["event_payload"]["id"]] += 1
    posts = [row for row in rows if row.method == "chat.postMessage"]
    assert posted == Counter({row.id: 1 for row in posts})  # each message exactly once
    by_id = {row.id: row for row in rows}
    for call in emulator.calls("chat.postMessage", ok=True):
        row = by_id[call.params["metadata"]["event_payload"]["id"]]
        assert call.token == token_of[row.team_id]
    ran = [job for job in jobs if job.due_at == NOW]
    assert len(ran) >= 2 * CREW and {job.status for job in ran} == {"done"}
    assert {job.status for job in jobs if job.due_at != NOW} == {"pending"}  # not yet due
