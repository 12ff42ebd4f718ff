"""What a person's App Home tab shows: their next call, the days ahead, and for
coordinators, the confirmation tallies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services import calltime, publishing, schedule, tasks
from bot.services.calltime import CalltimeAnswer
from bot.services.problem_alerts import names
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay


@dataclass(frozen=True)
class Tally:
    """Confirmations of one published day."""

    date: date
    revision: int
    confirmed: int
    total: int


@dataclass
class HomeSummary:
    """The Home tab's content for one person."""

    production: Production
    person: Person | None
    next_call: CalltimeAnswer | None = None
    upcoming: list[tuple[date, datetime | None, str | None]] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)  # open tasks, one line each


def summary(
    session: Session, production: Production, person: Person | None, now: datetime
) -> HomeSummary:
    """Build the Home tab for `person` on `production`."""
    result = HomeSummary(production, person)
    if person is not None and person.slack_user_id:
        result.next_call = calltime.answer(session, production, person.slack_user_id, "", now)
    days = list(
        session.scalars(
            select(ShootDay)
            .where(
                ShootDay.production_id == production.id,
                ShootDay.date >= schedule.today(production, now),
            )
            .order_by(ShootDay.date)
            .limit(3)
        )
    )
    result.upcoming = [
        (
            d.date,
            d.general_call if d.revision else None,
            d.location.name if d.location and d.revision else None,
        )
        for d in days
    ]
    if person is not None and person.slack_user_id:
        everyone, open_tasks = tasks.open_tasks(session, production, person.slack_user_id)
        who = names(session, production)
        result.tasks = [
            (f"{who.get(t.assignee, 'someone')}: " if everyone else "") + t.what
            for t in open_tasks[:15]
        ]
    if person is not None and person.is_coordinator:
        for day in days:
            if day.revision:
                people = publishing.recipients(session, day)
                result.tallies.append(
                    Tally(
                        day.date, day.revision, sum(1 for r in people if r.confirmed), len(people)
                    )
                )
    return result
