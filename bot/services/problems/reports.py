"""/problems and `slate export problems`: the open list, and the record as CSV."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.services.core import csvfile
from bot.services.core.crew_names import names
from bot.store.models import Department, Production
from bot.store.models_problems import SEVERITIES, Problem
from bot.timeparse import TimeParseError, parse_day

EXPORT_COLUMNS = (
    "number",
    "reported_at",
    "day",
    "reporter",
    "severity",
    "department",
    "place",
    "description",
    "status",
    "owner",
    "taken_at",
    "resolved_at",
    "resolution",
    "updates",
    "escalations",
)


def open_problems(
    session: Session, production: Production, asker: str, text: str, now: datetime
) -> tuple[str, list[Problem]]:
    """Open problems, the asker's first, then by severity and age; filters for coordinators."""
    person = permissions.require(session, production, asker, "problem.list")
    query = select(Problem).where(
        Problem.production_id == production.id, Problem.status.in_(("open", "owned"))
    )
    heading = "Open problems"
    words = text.split()
    if words:
        permissions.require(session, production, asker, "problem.filter")
        on, department = _filters(session, production, words, now)
        if on is not None:
            query = query.where(Problem.day == on)
            heading += f" reported {on:%a %b %-d}"
        if department is not None:
            query = query.where(Problem.department_id == department.id)
            heading += f" in {department.name}"
    found = list(session.scalars(query))
    found.sort(
        key=lambda p: (
            person.slack_user_id not in (p.reporter, p.owner),
            -SEVERITIES.index(p.severity),
            p.created_at,
        )
    )
    return heading, found


def _filters(
    session: Session, production: Production, words: list[str], now: datetime
) -> tuple[date | None, Department | None]:
    departments = {
        d.name.lower(): d
        for d in session.scalars(
            select(Department).where(Department.production_id == production.id)
        )
    }
    on, department, rest = None, None, []
    for word in words:
        if word.lower() in departments:
            department = departments[word.lower()]
        else:
            rest.append(word)
    if rest:
        phrase = " ".join(rest)
        try:
            on = _nearest_day(phrase, production, now)
        except TimeParseError as error:
            raise InvalidInput(
                f"“{phrase}” is neither a day nor a department. Try "
                "`/problems today`, `/problems grip` or `/problems 6/12 grip`."
            ) from error
    return on, department


def _nearest_day(phrase: str, production: Production, now: datetime) -> date:
    """The nearest day the phrase can mean, past or future: problems are filed for shoot days
    that may be ahead (prep) or behind, so "11/28" on Nov 26 is this Thursday and "fri" on a
    Sunday is two days ago; on a tie the past wins, as most look-ups are after the fact."""
    today = now.astimezone(ZoneInfo(production.timezone)).date()
    if phrase.lower() == "today":
        return today
    ahead = parse_day(phrase, production.timezone, now)  # never before today
    if ahead == today:
        return today
    if (ahead - today).days <= 7 and not any(c.isdigit() for c in phrase):
        behind = ahead - timedelta(days=7)  # a weekday name
    else:
        behind = _year_before(ahead)
    return behind if (today - behind) <= (ahead - today) else ahead


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # Feb 29
        return day.replace(year=day.year - 1, day=28)


def export_csv(session: Session, production: Production) -> str:
    """Every problem with its history, as CSV (columns in EXPORT_COLUMNS)."""
    who = names(session, production)
    zone = ZoneInfo(production.timezone)
    out = io.StringIO()
    writer = csvfile.writer(out)
    writer.writerow(EXPORT_COLUMNS)

    def local(moment: datetime | None) -> str:
        return moment.astimezone(zone).isoformat(timespec="minutes") if moment else ""

    for p in session.scalars(
        select(Problem).where(Problem.production_id == production.id).order_by(Problem.number)
    ):
        writer.writerow(
            [
                p.number,
                local(p.created_at),
                p.day.isoformat(),
                who.get(p.reporter, p.reporter),
                p.severity,
                p.department.name if p.department else "",
                p.place or "",
                p.description,
                p.status,
                who.get(p.owner or "", p.owner or ""),
                local(p.taken_at),
                local(p.resolved_at),
                p.resolution or "",
                sum(1 for e in p.events if e.kind == "update"),
                sum(1 for e in p.events if e.kind == "escalated"),
            ]
        )
    return out.getvalue()
