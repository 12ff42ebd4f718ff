"""What a person's App Home tab shows: their next call, the days ahead, and for
coordinators, the confirmation tallies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.callsheets import calltime, publishing, shoot_days
from bot.services.callsheets.calltime import CalltimeAnswer
from bot.services.money import budget, pettycash
from bot.services.money.amounts import show
from bot.services.problems.alerts import names
from bot.services.tasks import assignments as tasks
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_money import Expense


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
    expenses: list[str] = field(default_factory=list)  # mine: pending and rejected
    petty_cash: str | None = None
    approvals: list[str] = field(default_factory=list)  # coordinators: waiting on a decision
    budget: list[str] = field(default_factory=list)  # coordinators: lines by percent used


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
                ShootDay.date >= shoot_days.today(production, now),
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
    if person is not None and person.slack_user_id:
        _money(session, production, person, result)
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


def _money(session: Session, production: Production, person: Person, result: HomeSummary) -> None:
    currency = production.currency
    mine = session.scalars(
        select(Expense)
        .where(
            Expense.production_id == production.id,
            Expense.submitter == person.slack_user_id,
            Expense.status.in_(("pending", "rejected", "draft")),
        )
        .order_by(Expense.number)
    )
    result.expenses = [
        f"#{e.number} {show(e.amount, currency)} — {e.status}"
        + (f": {e.reject_reason}" if e.reject_reason else "")
        for e in mine
    ]
    envelope = pettycash.envelope(session, production, person)
    if envelope.issued:
        result.petty_cash = f"{show(envelope.balance, currency)} in hand"
    if not person.is_coordinator:
        return
    waiting = session.scalars(
        select(Expense)
        .where(Expense.production_id == production.id, Expense.status == "pending")
        .order_by(Expense.number)
        .limit(20)
    )
    who = names(session, production)
    result.approvals = [
        f"#{e.number} {show(e.amount, currency)} from {who.get(e.submitter, 'someone')}"
        for e in waiting
    ]
    rows = sorted(budget.report(session, production), key=lambda r: -r.percent)[:8]
    result.budget = [
        f"#{r.code} {r.name}: {r.percent}% of {show(r.budget, currency)}" for r in rows
    ]
