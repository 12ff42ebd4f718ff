"""The /expense, /budget and /pettycash use-cases, with what to say back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.common import Block, section
from bot.blocks.money import expenses as blocks
from bot.errors import InvalidInput
from bot.services.core.productions import member, require_coordinator
from bot.services.money import budget, expense_reports, pettycash
from bot.services.money.amounts import show
from bot.store.models import Production
from bot.store.models_money import BudgetLine
from bot.timeparse import TimeParseError, parse_day

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass
class Said:
    """A reply: text and blocks."""

    text: str
    blocks: list[Block]


def lines(session: Session, production: Production) -> list[BudgetLine]:
    """The production's budget lines, by code."""
    return list(
        session.scalars(
            select(BudgetLine)
            .where(BudgetLine.production_id == production.id)
            .order_by(BudgetLine.code)
        )
    )


def today(production: Production, now: datetime) -> date:
    """The production's local date."""
    return now.astimezone(ZoneInfo(production.timezone)).date()


def export(session: Session, production: Production, actor: str, text: str, now: datetime) -> Said:
    """/expense export [from] [to]: the CSV, uploaded to the coordinator's DM."""
    require_coordinator(session, production, actor)
    days = []
    for word in text.split()[:2]:
        try:
            day = parse_day(word, production.timezone, now)
        except TimeParseError as error:
            raise InvalidInput(f"{error} Type `/expense export 6/1 6/30`.") from error
        if day > today(production, now):  # a range is in the past: "6/1" means this year's
            day = day.replace(year=day.year - 1)
        days.append(day)
    start, end = ([*days, None, None])[:2]
    content = expense_reports.export_csv(session, production, start, end)
    outbox.upload_file(
        session,
        actor,
        filename=f"expenses-{today(production, now)}.csv",
        content=content.encode(),
        title="Expenses export",
        now=now,
    )
    rows = content.count("\n") - 1
    return Said(f"Exporting {rows} expenses; the CSV is on its way to our DM.", [])


def budget_report(session: Session, production: Production, actor: str, now: datetime) -> Said:
    """/budget: the table now, the chart by DM."""
    require_coordinator(session, production, actor)
    rows = budget.report(session, production)
    if rows:
        outbox.upload_file(
            session,
            actor,
            filename="budget.png",
            title="Budget against actuals",
            content=budget.chart_png(rows, production.currency),
            now=now,
        )
    return Said("Budget against actuals", blocks.budget_blocks(rows, production.currency))


def petty_cash(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> Said:
    """/pettycash; coordinators: `/pettycash issue @pat 200`, `/pettycash return @pat 20`."""
    words = text.split()
    if words and words[0].lower() in ("issue", "return"):
        mention = _MENTION.search(text)
        amounts = [w for w in words[1:] if not w.startswith("<@")]
        if mention is None or len(amounts) != 1:
            raise InvalidInput("Type `/pettycash issue @pat 200` or `/pettycash return @pat 20`.")
        kind = "float" if words[0].lower() == "issue" else "return"
        person, envelope = pettycash.move(
            session, production, actor, kind, mention[1], amounts[0], now
        )
        text = f"{person.name}'s petty cash: {show(envelope.balance, production.currency)} in hand."
        return Said(text, [section(blocks.escape(text))])
    person = member(session, production, actor)
    if person is None:
        raise InvalidInput(f"You're not on {production.name}'s crew list.")
    envelope = pettycash.envelope(session, production, person)
    c = production.currency
    text = (
        f"Petty cash: {show(envelope.balance, c)} in hand (issued {show(envelope.issued, c)},"
        f" spent {show(envelope.spent, c)}, returned {show(envelope.returned, c)})."
    )
    return Said(text, [section(text)])
