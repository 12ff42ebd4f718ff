"""Publishing to a 500-person crew through `slate serve`, at Slack's rate limits.

The coordinator's signed `/callsheet publish tomorrow` goes to the real server process; its
request time is how long the coordinator waits for Slate's answer. Delivery is from that
request until every crew member holds their DM, against the rate-limit floor: N posts at
R a second, the first second's worth at once, is (N - R) / R seconds.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from urllib.parse import urlencode

import httpx

from bench.callsheets import bench_production
from bench.load import free_port, process, slate_env, spread
from bench.servers import SIGNING_SECRET
from bot.clock import SystemClock
from bot.services.callsheets import day_forms, shoot_days
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.models import Person
from slack_emulator import SlackEmulator, payloads
from slack_emulator.signing import sign

RATE = 50.0  # chat.postMessage a second (Slack's special limit for posting), 1/s per channel


def _one(url: str, folder: str, crew: int) -> tuple[float, float, float, str]:
    """(request s, delivery s, floor s, reply) for one publish to `crew` people."""
    emulator = SlackEmulator().start()
    emulator.limit_rate("chat.postMessage", per_second=RATE, per_channel_per_second=1)
    engine = make_engine(url)
    upgrade(engine)
    channel = emulator.workspace.add_channel("crew").id
    office = emulator.workspace.add_channel("office").id
    coordinator = emulator.workspace.add_user("cora")
    users = [emulator.workspace.add_user(f"crew{n}") for n in range(crew - 1)]
    now = SystemClock().now()
    with make_session_factory(engine)() as db:
        team = emulator.workspace.team_id
        production = bench_production(db, team, channel, office, now, coordinator.id)
        db.add_all(
            [
                Person(production_id=production.id, name=u.name, slack_user_id=u.id, role="crew")
                for u in users
            ]
        )
        tomorrow = shoot_days.today(production, now) + timedelta(days=1)
        form = day_forms.DayForm(
            tomorrow, "7a", day_forms.LocationForm("Stage 5", "1 Lot Rd"), lunch="12p"
        )
        shoot_days.save_day(db, production, form, actor=None, now=now)
        db.commit()
    engine.dispose()
    env = {
        **slate_env(emulator, url, folder),
        "SLATE_CHANNEL_INTERVAL": "1",
        "SLATE_POST_RATE": str(RATE),
    }
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "bot",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--worker",
    ]
    fields = payloads.slash_command(
        emulator.workspace, coordinator, "/callsheet", "publish tomorrow", office
    )
    # The client is made first: loading its TLS settings (~100 ms) is not Slate's time.
    with process(argv, env, port, os.getcwd()) as server, httpx.Client(timeout=30) as client:
        body = urlencode(dict(fields)).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        started = time.perf_counter()
        answer = client.post(server.url, content=body, headers=headers | sign(SIGNING_SECRET, body))
        request = time.perf_counter() - started
        reply = str(answer.json().get("text", "")) if answer.content else "(empty 200)"
        deadline = started + 600
        while time.perf_counter() < deadline:
            if all(emulator.workspace.dm_messages(u.id) for u in [coordinator, *users]):
                break
            time.sleep(0.1)
        delivery = time.perf_counter() - started
    posts = len(emulator.calls("chat.postMessage", ok=True))
    emulator.stop()
    return request, delivery, (posts - RATE) / RATE, reply


def bench_publish(label: str, url: str, folder: str, crew: int, repeats: int) -> None:
    """`repeats` publishes to `crew` people, each on a fresh production."""
    from sqlalchemy import text

    requests, deliveries, floors = [], [], []
    for repeat in range(repeats):
        engine = make_engine(url)
        if engine.dialect.name == "sqlite":
            url_now = url.replace(".db", f"-{repeat}.db")
        else:
            with engine.begin() as connection:  # a fresh schema each time
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            url_now = url
        engine.dispose()
        request, delivery, floor, reply = _one(url_now, folder, crew)
        if repeat == 0:
            print(f"  {label} publish answers {reply[:70]!r}")
        requests.append(request * 1000)
        deliveries.append(delivery)
        floors.append(floor)
    ratio = [d / f for d, f in zip(deliveries, floors, strict=True)]
    print(f"\npublish to {crew} on {label} at {RATE:g} posts/s + 1/s per channel ({repeats} runs)")
    print("| figure | min / median / max | target |")
    print("|---|---|---|")
    print(f"| request ms | {spread(requests)} | < 300 |")
    print(f"| delivery s (request to last DM) | {spread(deliveries, '{:.2f}')} | — |")
    print(f"| rate-limit floor s | {spread(floors, '{:.2f}')} | — |")
    print(f"| delivery vs floor | {spread(ratio, '{:.2f}')}x | <= 1.1x |")
