"""Call sheet benchmarks: /calltime as the data grows, and publishing at Slack's pace."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bench.common import percentiles, timed
from bot import timeparse
from bot.services.core import productions
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.models import Department, Person, Production
from bot.store.models_callsheet import CallSheetRecipient, Location, ShootDay
from slack_emulator import SlackEmulator, SlackSide
from tests import harness

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)


def bench_production(
    db: Session, team_id: str, crew: str, office: str, now: datetime, creator: str | None = None
) -> Production:
    """The production every benchmark seeds: "Bench", in Los Angeles time."""
    form = productions.ProductionForm(
        "Bench", "America/Los_Angeles", crew_channel_id=crew, coordinators_channel_id=office
    )
    return productions.create_production(db, team_id, form, now=now, creator_id=creator)


def _seed(
    url: str, emulator: SlackEmulator, people: int, days: int, first: date = date(2026, 6, 1)
) -> tuple[str, str]:
    """A published production of `people` crew over `days` days; returns (asker, channel)."""
    engine = make_engine(url)
    upgrade(engine)
    asker = emulator.workspace.add_user("asker")
    channel = emulator.workspace.add_channel("crew").id
    with make_session_factory(engine)() as db:
        production = bench_production(db, emulator.workspace.team_id, channel, channel, NOW)
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
                    "role": "coordinator" if n == 0 else "crew",
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
            db.execute(
                Person.__table__.select().with_only_columns(
                    Person.id, Person.slack_user_id, Person.department_id, Person.name
                )
            )
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
                        "department_id": department_id,
                        "name": name,
                        "date": on,
                        "call_at": call,
                        "revision": 1,
                        "told": told,
                        "sent_at": NOW,
                        "working": True,
                        "nudges": 0,
                    }
                    for pid, slack_id, department_id, name in people_rows
                ],
            )
        db.commit()
    engine.dispose()
    return asker.id, channel


def bench_calltime(folder: Path, requests: int) -> None:
    """/calltime p50 with 5,000 people x 365 days against 50 people x 10 days.

    Self and department forms at the large size, each against the self form at the small one.
    """
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

            for form, text in (("self", ""), ("department", "grip")):

                def ask(s=slack, who=asker, where=channel, t=text) -> object:
                    return s.command(who, "/calltime", t, channel=where)

                timed(ask, 20)
                results[(label, form)] = percentiles(timed(ask, requests))
        emulator.stop()
        print(
            f"  seeded {label}: {people} people x {days} days "
            f"({people * days:,} call records) in {seeded:.1f} s"
        )
    s50, _ = results[("small", "self")]
    for form, target in (("self", "1.2x"), ("department", "1.5x")):
        l50, l95 = results[("large", form)]
        print(
            f"calltime {form} at 5,000 x 365 p50 {l50:6.2f} ms (p95 {l95:.2f}) | self at 50 x 10 "
            f"p50 {s50:6.2f} ms | ratio {l50 / s50:4.2f}x (target: <= {target})"
        )


def run(folder: Path, requests: int) -> None:
    """/calltime as the data grows (publishing is measured in bench/publish.py)."""
    timeparse.warm()
    bench_calltime(folder, requests)
