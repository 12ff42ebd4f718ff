"""Call sheet benchmarks: /calltime as the data grows, and publishing at Slack's pace."""

from __future__ import annotations

import time
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from bench.common import percentiles, timed
from bot import timeparse
from bot.notify.callsheets import views
from bot.services.callsheets import publishing
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
            drawn = views.draw(told)  # as publishing's flush draws it
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
                        "view_blocks": drawn,
                        "sent_at": NOW,
                        "working": True,
                        "nudges": 0,
                    }
                    for pid, slack_id, department_id, name in people_rows
                ],
            )
            publishing.count_calls(db, day_id)  # as publishing counts them
        db.commit()
    engine.dispose()
    return asker.id, channel


SIZES = (("small", 50, 10), ("large", 5000, 365))
FORMS = (("self", ""), ("department", "grip"), ("day", "all"))
ROUNDS = 10  # the sizes take turns: on a shared machine both see the same moments' load


def bench_calltime(folder: Path, requests: int) -> None:
    """/calltime p50 with 5,000 people x 365 days against 50 people x 10 days, interleaved.

    Self, department and whole-day forms at each size, each against the self form at the
    small one; both servers run at once and take turns, a round of each form at a time.
    """
    samples: dict[tuple[str, str], list[float]] = {}
    with ExitStack() as stack:
        askers = {}
        for label, people, days in SIZES:
            emulator = SlackEmulator().start()
            stack.callback(emulator.stop)
            url = f"sqlite:///{folder / f'calltime-{label}.db'}"
            started = time.perf_counter()
            asker_id, channel = _seed(url, emulator, people, days)
            print(
                f"  seeded {label}: {people} people x {days} days "
                f"({people * days:,} call records) in {time.perf_counter() - started:.1f} s"
            )
            slate = harness.build(emulator, make_engine(url), NOW)
            base = stack.enter_context(harness.serve(slate))
            slack = SlackSide(emulator, f"{base}/slack/events", harness.SIGNING_SECRET)
            asker = emulator.workspace.users[asker_id]
            reply = slack.command(asker, "/calltime", "", channel=channel).json()
            assert reply["text"].startswith("Your call"), reply["text"]
            askers[label] = (slack, asker, channel)
        for round_ in range(ROUNDS + 1):
            for label, _, _ in SIZES:
                slack, asker, channel = askers[label]
                for form, text in FORMS:

                    def ask(s=slack, who=asker, where=channel, t=text) -> object:
                        return s.command(who, "/calltime", t, channel=where)

                    taken = timed(ask, max(requests // ROUNDS, 1))
                    if round_:  # the first round warms up
                        samples.setdefault((label, form), []).extend(taken)
    s50, _ = percentiles(samples[("small", "self")])
    targets = {"self": "1.2x", "department": "1.5x", "day": "1.5x"}
    for label, form in samples:
        p50, p95 = percentiles(samples[(label, form)])
        print(
            f"calltime {form} at {label} p50 {p50:6.2f} ms (p95 {p95:.2f}) | self at 50 x 10 "
            f"p50 {s50:6.2f} ms | ratio {p50 / s50:4.2f}x"
            + (f" (target: <= {targets[form]})" if label == "large" else "")
        )


def run(folder: Path, requests: int) -> None:
    """/calltime as the data grows (publishing is measured in bench/publish.py)."""
    timeparse.warm()
    bench_calltime(folder, requests)
