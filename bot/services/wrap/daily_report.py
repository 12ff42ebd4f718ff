"""The daily production report: drafted from the day's own records at wrap, then posted."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.wrap import daily_report as blocks
from bot.blocks.wrap import report_pdf
from bot.errors import InvalidInput
from bot.services.callsheets import publishing
from bot.services.callsheets.shoot_days import day_number
from bot.services.core import csvfile
from bot.services.core.productions import fetch, require_coordinator
from bot.services.wrap import gear, meals
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_money import Expense
from bot.store.models_problems import Problem
from bot.store.models_wrap import DailyReport
from bot.timeparse import TimeParseError, parse_on_day


@dataclass
class ReportView:
    """Everything the report shows, gathered from the day's records."""

    production: Production
    day: ShootDay
    report: DailyReport
    number: int
    total: int
    confirmed: int
    called: int
    meals: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    expenses: int = 0
    spent: Decimal = Decimal("0.00")
    gear_out: list[str] = field(default_factory=list)


def _report(session: Session, day: ShootDay) -> DailyReport:
    report = session.scalar(select(DailyReport).where(DailyReport.shoot_day_id == day.id))
    if report is None:
        report = DailyReport(shoot_day_id=day.id, scenes_shot=[])
        session.add(report)
        session.flush()
    return report


def build(session: Session, production: Production, day: ShootDay) -> ReportView:
    """The report of `day` as it stands."""
    people = publishing.recipients(session, day)
    number, total = day_number(session, day)
    zone = ZoneInfo(production.timezone)
    start = datetime.combine(day.date, datetime.min.time()).replace(tzinfo=zone)
    end = (day.wrap_at or start + timedelta(days=1)) + timedelta(hours=1)
    day_expenses = list(
        session.scalars(
            select(Expense).where(
                Expense.production_id == production.id,
                Expense.spent_on == day.date,
                Expense.status.in_(("pending", "approved")),
            )
        )
    )
    return ReportView(
        production,
        day,
        _report(session, day),
        number,
        total,
        sum(1 for r in people if r.confirmed),
        len(people),
        meals.meals_of(session, day),
        list(
            session.scalars(
                select(Problem)
                .where(
                    Problem.production_id == production.id,
                    Problem.created_at >= start,
                    Problem.created_at < end,
                )
                .order_by(Problem.number)
            )
        ),
        len(day_expenses),
        sum((e.amount or 0 for e in day_expenses), Decimal("0.00")),
        [gear.describe(item) for item in gear.out(session, production)],
    )


def draft(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """Post (or refresh) the draft in the coordinators' channel, with Edit and Post."""
    if not production.coordinators_channel_id:
        return
    view = build(session, production, day)
    text, shown = blocks.report_text(view), blocks.draft_blocks(view)
    ref = f"dpr:{day.id}"
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)
    else:
        outbox.post_message(
            session, production.coordinators_channel_id, text=text, blocks=shown, ref=ref, now=now
        )


def edit_view(session: Session, team_id: str, day_id: int, actor: str) -> ReportView:
    """The report to open the Edit form on (coordinators only, checked before it opens)."""
    production, day = fetch(session, team_id, ShootDay, day_id, "report")
    require_coordinator(session, production, actor)
    return build(session, production, day)


def tick_scenes(
    session: Session, team_id: str, day_id: int, actor: str, scenes: list[str], now: datetime
) -> None:
    """Coordinators tick the scenes shot."""
    production, day = fetch(session, team_id, ShootDay, day_id, "report")
    require_coordinator(session, production, actor)
    _report(session, day).scenes_shot = [s.number for s in day.scenes if s.number in scenes]
    draft(session, production, day, now)


def edit(
    session: Session,
    team_id: str,
    day_id: int,
    actor: str,
    first_shot: str | None,
    notes: str | None,
    now: datetime,
) -> None:
    """Coordinators set the first shot time and notes."""
    production, day = fetch(session, team_id, ShootDay, day_id, "report")
    require_coordinator(session, production, actor)
    report = _report(session, day)
    if first_shot and first_shot.strip():
        try:
            report.first_shot_at = parse_on_day(
                first_shot, day.date, production.timezone, after=day.general_call
            )
        except TimeParseError as error:
            raise InvalidInput(str(error), field="first_shot") from error
    report.notes = (notes or "").strip()[:2500] or None
    draft(session, production, day, now)


def post(session: Session, team_id: str, day_id: int, actor: str, now: datetime) -> str:
    """Post the report to the report channel (coordinators only); returns the channel."""
    production, day = fetch(session, team_id, ShootDay, day_id, "report")
    require_coordinator(session, production, actor)
    view = build(session, production, day)
    channel = production.settings.get("report_channel_id") or (production.coordinators_channel_id)
    if not channel:
        raise InvalidInput("Set a coordinators' channel first: /slate setup.")
    view.report.posted_at, view.report.posted_by = now, actor
    outbox.post_message(
        session,
        channel,
        text=blocks.report_text(view),
        blocks=blocks.final_blocks(view),
        now=now,
        dedupe_key=f"dpr:{day.id}:posted:{now.isoformat()}",
    )
    draft(session, production, day, now)
    return channel


def export(session: Session, production: Production, on: str, pdf: bool) -> bytes:
    """The report of the day on `on` (YYYY-MM-DD) as CSV, or as a PDF."""
    try:
        day = session.scalar(
            select(ShootDay).where(
                ShootDay.production_id == production.id, ShootDay.date == date.fromisoformat(on)
            )
        )
    except ValueError as error:
        raise InvalidInput("Give the day as YYYY-MM-DD.") from error
    if day is None:
        raise InvalidInput(f"There's no shoot day on {on}.")
    view = build(session, production, day)
    lines = [(label, html.unescape(value)) for label, value in blocks.rows(view)]
    if pdf:
        return report_pdf.render(f"{production.name}: daily production report", lines)
    return csvfile.render(("field", "value"), lines).encode()
