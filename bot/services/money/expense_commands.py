"""The /expense export, /budget and /pettycash use-cases, returning plain results."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotFound
from bot.services.core import people
from bot.services.money import budget, expense_reports, pettycash
from bot.services.money.events import BudgetRead, ExpensesExported
from bot.services.money.to_view import option
from bot.services.money.views import BudgetOption
from bot.store.models import Production
from bot.store.models_money import BudgetLine
from bot.timeparse import TimeParseError, parse_day


@dataclass(frozen=True)
class EnvelopeShown:
    """A petty cash envelope to show: whose (None: your own), and its totals."""

    name: str | None
    envelope: pettycash.Envelope
    currency: str


def production(session: Session, team_id: str, production_id: int) -> Production:
    """The production a new expense's form was opened for (the submitter must be on it)."""
    found = session.get(Production, production_id)
    if found is None or found.team_id != team_id:
        raise NotFound("That production no longer exists.")
    return found


def lines(session: Session, production: Production) -> list[BudgetOption]:
    """The production's budget lines, by code, as form choices."""
    rows = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.production_id == production.id)
        .order_by(BudgetLine.code)
    )
    return [option(line) for line in rows]


def today(production: Production, now: datetime) -> date:
    """The production's local date."""
    return now.astimezone(ZoneInfo(production.timezone)).date()


def export(session: Session, production: Production, actor: str, text: str, now: datetime) -> int:
    """/expense export [from] [to]: how many rows; the CSV goes to the coordinator's DM."""
    permissions.require(session, production, actor, "expense.export")
    words = text.split()
    if len(words) > 2:
        raise InvalidInput("Type at most two days, from and to: `/expense export 6/1 6/30`.")
    days = [_past_day(word, production, now) for word in words]
    start, end = ([*days, None, None])[:2]
    if start and end and not _has_year(words[0]) and start.year != end.year:
        # "12/1 11/1" is a slip, not Dec last year to Nov: undated days share the to-day's year
        start = _year_of(start, end.year)
    if start and end and start > end:
        raise InvalidInput(
            f"From must be before to: {start:%b %-d} is after {end:%b %-d}. Type "
            f"`/expense export {words[1]} {words[0]}`, or full dates (2025-12-1) across New Year."
        )
    content = expense_reports.export_csv(session, production, start, end)
    filename = f"expenses-{today(production, now)}.csv"
    events.record(session, ExpensesExported(now, production.id, actor, filename, content))
    return content.count("\n") - 1


def _past_day(word: str, production: Production, now: datetime) -> date:
    try:
        day = parse_day(word, production.timezone, now)
    except TimeParseError as error:
        raise InvalidInput(f"{error} Type `/expense export 6/1 6/30`.") from error
    if day > today(production, now):  # a range is in the past: "6/1" means this year's
        day = _year_of(day, day.year - 1)
    return day


def _has_year(word: str) -> bool:
    return bool(re.search(r"\d{4}|\d+/\d+/\d+", word))


def _year_of(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # Feb 29
        return day.replace(year=year, day=28)


def budget_report(
    session: Session, production: Production, actor: str, now: datetime
) -> list[budget.LineReport]:
    """/budget: the lines now; the chart goes to the coordinator's DM."""
    permissions.require(session, production, actor, "budget.read")
    rows = budget.report(session, production)
    if rows:
        events.record(session, BudgetRead(now, production.id, actor))
    return rows


def petty_cash(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> EnvelopeShown:
    """/pettycash; coordinators: `/pettycash issue @pat 200`, `/pettycash return @pat 20`."""
    words = text.split()
    if words and words[0].lower() in ("issue", "return"):
        permissions.require(session, production, actor, "pettycash.move")
        if len(words) < 3:
            raise InvalidInput(pettycash.USAGE)
        who = people.one(session, production, " ".join(words[1:-1]))
        kind = "float" if words[0].lower() == "issue" else "return"
        person, envelope = pettycash.move(
            session, production, actor, kind, who.slack_user_id or "", words[-1], now
        )
        return EnvelopeShown(person.name, envelope, production.currency)
    person = permissions.require(session, production, actor, "pettycash.read")
    return EnvelopeShown(None, pettycash.envelope(session, production, person), production.currency)
