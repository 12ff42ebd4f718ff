"""The daily production report: gathered from the day's own records at wrap, then posted."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import FieldErrors, InvalidInput
from bot.services.callsheets.shoot_days import day_number
from bot.services.core.productions import fetch
from bot.services.core.text import within
from bot.services.wrap import gear, meals
from bot.services.wrap.days import working
from bot.services.wrap.events import ReportDrafted, ReportPosted
from bot.services.wrap.views import ProblemInfo, ReportView, SceneInfo
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_money import Expense
from bot.store.models_problems import Problem
from bot.store.models_wrap import DailyReport
from bot.timeparse import TimeParseError, parse_on_day

NOTES_LIMIT = 2500


def _report(session: Session, day: ShootDay) -> DailyReport:
    report = session.scalar(select(DailyReport).where(DailyReport.shoot_day_id == day.id))
    if report is None:
        report = DailyReport(shoot_day_id=day.id, scenes_shot=[])
        session.add(report)
        session.flush()
    return report


def build(session: Session, production: Production, day: ShootDay) -> ReportView:
    """The report of `day` as it stands."""
    people = working(session, day)
    number, total = day_number(session, day)
    report = _report(session, day)
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
    problems = session.scalars(
        select(Problem)
        .where(
            Problem.production_id == production.id,
            Problem.created_at >= start,
            Problem.created_at < end,
        )
        .order_by(Problem.number)
    )
    return ReportView(
        production=production.name,
        timezone=production.timezone,
        currency=production.currency,
        day_id=day.id,
        date=day.date,
        number=number,
        total=total,
        general_call=day.general_call,
        shooting_call=day.shooting_call,
        wrap_at=day.wrap_at,
        first_shot_at=report.first_shot_at,
        notes=report.notes,
        posted_at=report.posted_at,
        confirmed=sum(1 for r in people if r.confirmed),
        called=len(people),
        scenes=tuple(SceneInfo(s.number, s.set_name) for s in day.scenes),
        scenes_shot=tuple(report.scenes_shot or ()),
        meals=tuple(meals.meals_of(session, day)),
        problems=tuple(ProblemInfo(p.number, p.description, p.status) for p in problems),
        expenses=len(day_expenses),
        spent=sum((e.amount or 0 for e in day_expenses), Decimal("0.00")),
        gear_out=tuple(gear.info(item, {}) for item in gear.out(session, production)),
    )


def view_of(session: Session, day_id: int) -> ReportView | None:
    """The report of a day by id (for notify), or None if the day is gone."""
    day = session.get(ShootDay, day_id)
    production = session.get(Production, day.production_id) if day else None
    return build(session, production, day) if day and production else None


def _guarded(
    session: Session, team_id: str | None, day_id: int, actor: str
) -> tuple[Production, ShootDay]:
    """The day and its production, from the stored day, if the actor may edit its report."""
    production, day = fetch(session, team_id, ShootDay, day_id, "report")
    permissions.require(session, production, actor, "report.edit")
    return production, day


def edit_view(session: Session, team_id: str, day_id: int, actor: str) -> ReportView:
    """The report to open the Edit form on (checked before it opens)."""
    production, day = _guarded(session, team_id, day_id, actor)
    return build(session, production, day)


def tick_scenes(
    session: Session, team_id: str, day_id: int, actor: str, scenes: list[str], now: datetime
) -> None:
    """Coordinators tick the scenes shot."""
    production, day = _guarded(session, team_id, day_id, actor)
    _report(session, day).scenes_shot = [s.number for s in day.scenes if s.number in scenes]
    events.record(session, ReportDrafted(at=now, production_id=production.id, day_id=day.id))


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
    production, day = _guarded(session, team_id, day_id, actor)
    report = _report(session, day)
    found = FieldErrors()  # first shot and notes are answered together
    if first_shot and first_shot.strip():
        try:
            report.first_shot_at = parse_on_day(
                first_shot, day.date, production.timezone, after=day.general_call
            )
        except TimeParseError as error:
            found.add("first_shot", str(error))
    report.notes = found.take(within, notes, NOTES_LIMIT, "notes")
    found.check()
    events.record(session, ReportDrafted(at=now, production_id=production.id, day_id=day.id))


def post(session: Session, team_id: str, day_id: int, actor: str, now: datetime) -> str:
    """Post the report to the report channel (coordinators only); returns the channel."""
    production, day = _guarded(session, team_id, day_id, actor)
    channel = production.settings.get("report_channel_id") or production.coordinators_channel_id
    if not channel:
        raise InvalidInput("Set a coordinators' channel first: /slate setup.")
    report = _report(session, day)
    report.posted_at, report.posted_by = now, actor
    events.record(
        session, ReportPosted(at=now, production_id=production.id, day_id=day.id, channel=channel)
    )
    return channel


def on_day(session: Session, production: Production, on: str) -> ReportView:
    """The report of the day on `on` (YYYY-MM-DD), for export."""
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
    return build(session, production, day)
