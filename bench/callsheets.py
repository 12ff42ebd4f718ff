"""Call sheet benchmarks: /calltime as the data grows, and publishing at Slack's pace."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from bench.common import percentiles, timed
from bot import timeparse
from bot.app import create_app
from bot.clock import SystemClock
from bot.services.callsheets import day_forms, publishing, shoot_days
from bot.services.core import productions
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.models import Department, Person
from bot.store.models_callsheet import CallSheetRecipient, Location, ShootDay
from slack_emulator import SlackEmulator, SlackSide
from tests import harness

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)


def _seed(
    url: str, emulator: SlackEmulator, people: int, days: int, first: date = date(2026, 6, 1)
) -> tuple[str, str]:
    """A published production of `people` crew over `days` days; returns (asker, channel)."""
    engine = make_engine(url)
    upgrade(engine)
    asker = emulator.workspace.add_user("asker")
    channel = emulator.workspace.add_channel("crew").id
    with make_session_factory(engine)() as db:
        production = productions.create_production(
            db,
            emulator.workspace.team_id,
            productions.ProductionForm(
                "Bench",
                "America/Los_Angeles",
                crew_channel_id=channel,
                coordinators_channel_id=channel,
            ),
            now=NOW,
        )
        grip = Department(production_id=production.id, name="Grip", call_offset_minutes=-30)
        place = Location(production_id=production.id, name="Stage 5", address="1 Lot Rd")
        db.add_all([grip, place])
        db.flush()
        db.execute(
            insert(Person),
            [
                {
                    "production_id": production.id,
                    "name": f"Crew {n:05d}",
                    "role": "crew",
                    "slack_user_id": asker.id if n == 0 else f"U{n:08d}",
                    "department_id": grip.id,
                }
                for n in range(people)
            ],
        )
        db.execute(
            insert(ShootDay),
            [
                {
                    "production_id": production.id,
                    "date": first + timedelta(days=n),
                    "location_id": place.id,
                    "revision": 1,
                    "department_offsets": {"Grip": -30},
                    "general_call": datetime(first.year, first.month, first.day, 13, tzinfo=UTC)
                    + timedelta(days=n),
                    "published": {"location": "Stage 5", "address": "1 Lot Rd"},
                }
                for n in range(days)
            ],
        )
        people_rows = list(
            db.execute(Person.__table__.select().with_only_columns(Person.id, Person.slack_user_id))
        )
        day_rows = list(
            db.execute(
                ShootDay.__table__.select().with_only_columns(
                    ShootDay.id, ShootDay.general_call, ShootDay.date
                )
            )
        )
        for day_id, call, on in day_rows:
            # The stored view as publishing writes it: what /calltime reads back.
            told = {"call": call.isoformat(), "location": "Stage 5", "scenes": []}
            told |= {"date": on.isoformat(), "tz": "America/Los_Angeles", "role": "crew"}
            db.execute(
                insert(CallSheetRecipient),
                [
                    {
                        "shoot_day_id": day_id,
                        "person_id": pid,
                        "production_id": production.id,
                        "slack_user_id": slack_id,
                        "date": on,
                        "call_at": call,
                        "revision": 1,
                        "told": told,
                        "sent_at": NOW,
                        "working": True,
                        "nudges": 0,
                    }
                    for pid, slack_id in people_rows
                ],
            )
        db.commit()
    engine.dispose()
    return asker.id, channel


def bench_calltime(folder: Path, requests: int) -> None:
    """/calltime p50 with 5,000 people x 365 days against 50 people x 10 days."""
    results = {}
    for label, people, days in (("small", 50, 10), ("large", 5000, 365)):
        emulator = SlackEmulator().start()
        url = f"sqlite:///{folder / f'calltime-{label}.db'}"
        started = time.perf_counter()
        asker_id, channel = _seed(url, emulator, people, days)
        seeded = time.perf_counter() - started
        slate = harness.build(emulator, make_engine(url), NOW)
        asker = emulator.workspace.users[asker_id]
        with harness.serve(slate) as base:
            slack = SlackSide(emulator, f"{base}/slack/events", harness.SIGNING_SECRET)
            reply = slack.command(asker, "/calltime", "", channel=channel).json()
            assert reply["text"].startswith("Your call"), reply["text"]

            def ask(s=slack, who=asker, where=channel) -> object:
                return s.command(who, "/calltime", "", channel=where)

            timed(ask, 20)
            results[label] = percentiles(timed(ask, requests))
        emulator.stop()
        print(
            f"  seeded {label}: {people} people x {days} days "
            f"({people * days:,} call records) in {seeded:.1f} s"
        )
    (s50, _), (l50, l95) = results["small"], results["large"]
    print(
        f"calltime 5,000 x 365 p50 {l50:6.2f} ms (p95 {l95:.2f}) | baseline 50 x 10 p50 "
        f"{s50:6.2f} ms | ratio {l50 / s50:4.2f}x (target: <= 1.2x)"
    )


def bench_publish(folder: Path, crew: int, rate: float) -> None:
    """Publishing to `crew` people against Slack rate limits: time against the floor."""
    emulator = SlackEmulator().start()
    emulator.limit_rate("chat.postMessage", per_second=rate, per_channel_per_second=1)
    url = f"sqlite:///{folder / 'publish.db'}"
    upgrade(make_engine(url))
    channel = emulator.workspace.add_channel("crew").id
    office = emulator.workspace.add_channel("office").id
    coordinator = emulator.workspace.add_user("cora")
    users = [emulator.workspace.add_user(f"crew{n}") for n in range(crew - 1)]
    settings = harness.settings_for(emulator, url).with_(channel_interval_seconds=1.0)
    slate = create_app(settings, clock=SystemClock())
    now = SystemClock().now()
    with slate.session_factory() as db:
        production = productions.create_production(
            db,
            emulator.workspace.team_id,
            productions.ProductionForm(
                "Bench",
                "America/Los_Angeles",
                crew_channel_id=channel,
                coordinators_channel_id=office,
            ),
            now=now,
            creator_id=coordinator.id,
        )
        db.add_all(
            [
                Person(production_id=production.id, name=u.name, slack_user_id=u.id, role="crew")
                for u in users
            ]
        )
        tomorrow = shoot_days.today(production, now) + timedelta(days=1)
        day = shoot_days.save_day(
            db,
            production,
            day_forms.DayForm(
                tomorrow, "7a", day_forms.LocationForm("Stage 5", "1 Lot Rd"), lunch="12p"
            ),
            actor=None,
            now=now,
        )
        started = time.perf_counter()
        result = publishing.publish(db, production, day, actor=None, now=now, force=True)
        db.commit()
    queued = time.perf_counter() - started
    slate.outbox.deliver_all()
    elapsed = time.perf_counter() - started
    posts = [c for c in emulator.calls("chat.postMessage", ok=True)]
    dms = [m for u in [coordinator, *users] for m in emulator.workspace.dm_messages(u.id)]
    lost = crew - len(dms)
    doubled = len(dms) - len({m.channel for m in dms})
    floor = (len(posts) - rate) / rate  # the first second's worth goes out at once
    rejected = len(emulator.calls("chat.postMessage", ok=False))
    print(
        f"publish  {result.dms} DMs + channel posts ({len(posts)} posts, {rejected} answered "
        f"429) in {elapsed:5.2f} s | floor at {rate:g}/s {floor:5.2f} s | ratio "
        f"{elapsed / floor:4.2f}x (target: <= 1.1x) | lost {lost}, doubled {doubled} | "
        f"composing {queued:.2f} s, delivery alone {(elapsed - queued) / floor:4.2f}x"
    )
    emulator.stop()


def run(folder: Path, requests: int) -> None:
    """Both call sheet benchmarks."""
    timeparse.warm()
    bench_calltime(folder, requests)
    bench_publish(folder, crew=500, rate=50)
