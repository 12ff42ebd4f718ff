"""The shoot so far, lived through Slate's services at the times it happened.

Day 1 was yesterday (published the evening before by the nightly post, confirmed, wrapped);
Day 2 is today: call was this morning, half the crew confirmed, gear is out, a problem is
open, expenses wait for approval and lunch is due. Tomorrow's sheet goes out tonight. The
scheduler runs between steps on a hand-moved clock, so nudges and nightly posts happen as
they would have.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.clock import ManualClock
from bot.jobs import register
from bot.playground_demo import CREW, TEAM, TZ, setup
from bot.playground_demo.clockwork import run_until
from bot.scheduler import Scheduler
from bot.services.callsheets import confirmations, shoot_days
from bot.services.money import expenses
from bot.services.money.pettycash import move
from bot.services.money.quick import ExpenseForm
from bot.services.problems import problems
from bot.services.tasks import assignments
from bot.services.wrap import gear, wrap
from bot.store.models import Production

# The moment the demo opens, local time: lunch is due at 12:30 (six hours after call).
OPENS_AT = time(11, 50)


def seed(factory: sessionmaker[Session], ids: dict[str, str], today: date) -> datetime:
    """Live the demo's last two days; returns the moment it opens (UTC)."""
    clock = ManualClock(datetime.combine(today - timedelta(days=2), time(9), ZoneInfo(TZ)))
    scheduler = Scheduler(factory, clock)
    register(scheduler)
    story = _Story(factory, clock, scheduler, ids, today)
    story.prepare()
    story.day_one()
    story.day_two()
    story.at(0, OPENS_AT)
    return clock.now()


class _Story:
    def __init__(
        self,
        factory: sessionmaker[Session],
        clock: ManualClock,
        scheduler: Scheduler,
        ids: dict[str, str],
        today: date,
    ) -> None:
        self.factory, self.clock, self.scheduler = factory, clock, scheduler
        self.ids, self.today = ids, today

    def at(self, days: int, when: time) -> datetime:
        """Move to `when` on today + `days`, running every job that fell due on the way."""
        target = datetime.combine(self.today + timedelta(days=days), when, ZoneInfo(TZ))
        run_until(self.scheduler, self.clock, target)
        return self.clock.now()

    def production(self, session: Session) -> Production:
        production = session.scalar(select(Production).where(Production.team_id == TEAM))
        assert production is not None
        return production

    def prepare(self) -> None:
        with self.factory() as session:
            setup.create(session, self.ids, self.today - timedelta(days=1), self.clock.now())
            production = self.production(session)
            move(
                session,
                production,
                self.ids["Cora Coordinator"],
                "float",
                self.ids["Pat PA"],
                "200",
                self.clock.now(),
            )
            session.commit()

    def confirm(self, days: int, names: list[str]) -> None:
        with self.factory() as session:
            production = self.production(session)
            day = shoot_days.day_on(session, production, self.today + timedelta(days=days))
            assert day is not None
            for name in names:
                confirmations.confirm(
                    session, TEAM, day.id, day.revision, self.ids[name], self.clock.now()
                )
            session.commit()

    def day_one(self) -> None:
        # The nightly post publishes Day 1 at 18:00; nearly everyone confirms that evening.
        self.at(-2, time(19, 30))
        self.confirm(-1, [n for n, *_ in CREW if n not in ("Cal Cast", "Bo Boom")])
        self.at(-1, time(14))
        number = self.expense("Sam Runner", "64.10", "Smart & Final", "craft", "craft restock")
        self.with_production(
            lambda s, p: expenses.decide(
                s,
                p,
                expenses.find(s, TEAM, number)[1],
                self.ids["Cora Coordinator"],
                True,
                None,
                self.clock.now(),
            )
        )
        # Day 2's sheet goes out at 18:00 by itself; Day 1 wraps at 19:12.
        self.at(-1, time(19, 15))
        with self.factory() as session:
            cora = self.ids["Cora Coordinator"]
            wrap.record(session, self.production(session), cora, "7:12p", self.clock.now())
            session.commit()

    def day_two(self) -> None:
        self.at(0, time(5, 45))
        self.confirm(0, [n for n, *_ in CREW[::2]])
        self.at(0, time(6, 40))
        self.with_production(
            lambda s, p: gear.check_out(
                s,
                p,
                self.ids["Pat PA"],
                f"Alexa Mini to <@{self.ids['Ace Focus']}>",
                self.clock.now(),
            )
        )
        self.at(0, time(10, 30))
        self.expense("Pat PA", "38.20", "Starbucks", "craft", "coffee run for camera")
        self.at(0, time(11, 5))
        self.expense("Sam Runner", "120", "Batteries Plus", "g&e", "walkie batteries")
        self.at(0, time(11, 20))
        self.with_production(
            lambda s, p: assignments.assign(
                s,
                p,
                self.ids["Cora Coordinator"],
                assignments.TaskForm(
                    "Pick up the replacement walkies at Stage 5's front desk",
                    [self.ids["Sam Runner"]],
                    due="12:45p",
                ),
                self.clock.now(),
            )
        )
        self.at(0, time(11, 40))
        self.with_production(
            lambda s, p: problems.report(
                s,
                p,
                self.ids["Max Mixer"],
                problems.ReportForm(
                    "Generator hum on every take near the diner's back wall",
                    "attention",
                    place="Rosa's Diner",
                ),
                self.clock.now(),
            )
        )

    def expense(self, who: str, amount: str, vendor: str, code: str, what: str) -> int:
        return self.with_production(
            lambda s, p: (
                expenses.submit(
                    s,
                    p,
                    self.ids[who],
                    ExpenseForm(amount, what, vendor, budget_code=code),
                    self.clock.now(),
                ).id
            )
        )

    def with_production(self, act: Callable[[Session, Production], Any]) -> Any:
        with self.factory() as session:
            result = act(session, self.production(session))
            session.commit()
            return result
