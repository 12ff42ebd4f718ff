"""Travel: flights, trains, hotels and per diem per person, imported from CSV; each traveller
gets their itinerary by DM and a reminder the day before and 3 hours before each departure
(scheduled jobs: once, across restarts)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotFound
from bot.scheduler import cancel, schedule
from bot.services.core import people
from bot.services.core.crew import RowError
from bot.services.core.csvfile import cells
from bot.services.logistics.events import ItinerarySent, TravelReminder
from bot.services.money.amounts import read
from bot.store.models import Person, Production
from bot.store.models_logistics import TravelItem
from bot.store.models_money import BudgetLine
from bot.timeparse import TimeParseError, parse_on_day

COLUMNS = ("name", "kind", "start", "end", "from", "to", "details", "confirmation")
COLUMNS += ("per_diem", "budget_code")
KINDS = ("flight", "train", "hotel", "per_diem")
JOB = "travel.remind"
REMINDERS = (("day", timedelta(days=1)), ("3h", timedelta(hours=3)))


def _when(text: str, tz: str) -> datetime:
    """ "2026-06-11 07:30" in the production's zone."""
    day, _, clock = text.partition(" ")
    try:
        return parse_on_day(clock, date.fromisoformat(day), tz)
    except (ValueError, TimeParseError):
        raise ValueError(f"“{text}” is not a time: write it like 2026-06-11 07:30") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"“{text}” is not a date: write it like 2026-06-11") from None


def _row(session: Session, production: Production, v: dict[str, str]) -> dict[str, Any]:
    """One CSV row as TravelItem columns; ValueError saying what is wrong."""
    kind = v.get("kind", "").lower().replace(" ", "_")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    person = session.scalar(
        select(Person).where(
            Person.production_id == production.id,
            func.lower(Person.name) == v.get("name", "").lower(),
        )
    )
    if person is None:
        raise ValueError(f"“{v.get('name', '')}” is not on the crew list")
    item: dict[str, Any] = {"person_id": person.id, "kind": kind}
    for key, column, limit in (
        ("from", "origin", 120),
        ("to", "destination", 120),
        ("details", "details", 200),
        ("confirmation", "confirmation", 60),
    ):
        if len(v.get(key, "")) > limit:
            raise ValueError(f"{key} is over {limit} characters")
        item[column] = v.get(key) or None
    if kind in ("flight", "train"):
        item["starts_at"] = _when(v.get("start", ""), production.timezone)
        item["ends_at"] = _when(v["end"], production.timezone) if v.get("end") else None
        if not (item["origin"] and item["destination"]):
            raise ValueError(f"a {kind} needs from and to")
        return item
    item["start_on"], item["end_on"] = _day(v.get("start", "")), _day(v.get("end", ""))
    if item["end_on"] < item["start_on"]:
        raise ValueError("end comes before start")
    if kind == "hotel" and not item["details"]:
        raise ValueError("a hotel needs its name in details")
    if kind == "per_diem":
        item["per_diem"] = read(v.get("per_diem", ""))
        item["budget_line_id"] = session.scalar(
            select(BudgetLine.id).where(
                BudgetLine.production_id == production.id,
                BudgetLine.code == v.get("budget_code", "").lstrip("#"),
            )
        )
        if item["budget_line_id"] is None:
            raise ValueError("per diem needs the budget_code of an existing budget line")
    return item


def import_csv(
    session: Session, production: Production, text: str, now: datetime
) -> tuple[int, list[RowError]]:
    """Travel from CSV (COLUMNS); all or nothing. A traveller in the file has their travel
    replaced by the file's (matched by natural_key), is sent their itinerary if it changed,
    and gets reminders before departures."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"name", "kind", "start"} - {
        (h or "").strip().lower() for h in reader.fieldnames or []
    }
    if missing:
        return 0, [RowError(1, f"the header row needs {', '.join(sorted(missing))}")]
    rows, errors = [], []
    for raw in reader:
        try:
            rows.append(_row(session, production, cells(raw)))
        except ValueError as error:
            errors.append(RowError(reader.line_num, str(error)))
    if errors:
        return 0, errors
    travellers = list(dict.fromkeys(r["person_id"] for r in rows))
    changed = _upsert(session, production, travellers, rows, now)
    for person_id in changed:
        events.record(session, ItinerarySent(now, production.id, person_id))
    return len(rows), []


def natural_key(item: dict[str, Any] | TravelItem) -> tuple[Any, ...]:
    """What makes a row the same item on a second import: the person, the kind, and the
    confirmation number (or, without one, when it starts)."""
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)
    when = get("confirmation") or get("starts_at") or get("start_on")
    if isinstance(when, datetime):
        when = when.astimezone(UTC)  # one instant, whichever zone it was read in
    return (get("person_id"), get("kind"), when)


def add_one(
    session: Session,
    team_id: str,
    production_id: int,
    actor: str,
    answers: dict[str, Any],
    now: datetime,
) -> TravelItem:
    """The travel form: one item for one person (the same key again updates it), the
    traveller's itinerary DM and reminders as an import's."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise NotFound("That production no longer exists.")
    permissions.require(session, production, actor, "travel.manage")
    person = people.one(session, production, f"<@{answers.get('person') or ''}>")
    typed = {k: str(v or "").strip() for k, v in answers.items() if k != "person"}
    try:
        row = _row(session, production, typed | {"name": person.name})
    except ValueError as error:
        raise InvalidInput(f"{error}.", field=_field(str(error))) from None
    if _upsert(session, production, [person.id], [row], now, keep_others=True):
        events.record(session, ItinerarySent(now, production.id, person.id))
    found = session.scalars(select(TravelItem).where(TravelItem.person_id == person.id))
    return next(i for i in found if natural_key(i) == natural_key(row))


def _field(error: str) -> str:
    """The form field a row error is about."""
    for words, field in (("kind", "kind"), ("from and to", "from"), ("budget", "budget_code")):
        if words in error:
            return field
    return "details" if "hotel" in error else "per_diem" if "amount" in error else "start"


def _upsert(
    session: Session,
    production: Production,
    travellers: list[int],
    rows: list[dict[str, Any]],
    now: datetime,
    keep_others: bool = False,
) -> set[int]:
    """Travellers' items become the file's: same key updated in place (its reminders keep
    their keys, so none goes twice), new ones added, the rest dropped (unless
    `keep_others`: the form adds one). Who changed."""
    have = {
        natural_key(i): i
        for i in session.scalars(select(TravelItem).where(TravelItem.person_id.in_(travellers)))
    }
    changed: set[int] = set()
    for row in rows:
        item = have.pop(natural_key(row), None)
        if item is None:
            item = TravelItem(production_id=production.id, **row)
            session.add(item)
            changed.add(row["person_id"])
        elif any(getattr(item, k) != v for k, v in row.items()):
            for key, value in row.items():
                setattr(item, key, value)
            changed.add(row["person_id"])
        session.flush()
        _remind(session, item, now)
    for gone in [] if keep_others else have.values():
        for which, _ in REMINDERS:
            cancel(session, f"travel:{gone.id}:{which}")
        changed.add(gone.person_id)
        session.delete(gone)
    session.flush()
    return changed


def _remind(session: Session, item: TravelItem, now: datetime) -> None:
    """Plan (or move) the item's reminders; a sent one is never planned again."""
    for which, before in REMINDERS:
        key = f"travel:{item.id}:{which}"
        if item.starts_at is not None and item.starts_at - before > now:
            schedule(session, JOB, key, item.starts_at - before, {"item": item.id, "which": which})
        else:
            cancel(session, key)


def remind_job(session: Session, payload: dict, now: datetime) -> None:
    """A departure is near: remind the traveller."""
    item = session.get(TravelItem, payload["item"])
    if item is not None:
        events.record(session, TravelReminder(now, item.production_id, item.id, payload["which"]))


def per_diem_totals(session: Session, production: Production) -> dict[int, Decimal]:
    """Per budget line id: per diem a day times days, for the budget's actuals."""
    totals: dict[int, Decimal] = {}
    for item in session.scalars(
        select(TravelItem).where(
            TravelItem.production_id == production.id, TravelItem.kind == "per_diem"
        )
    ):
        if item.budget_line_id and item.per_diem and item.start_on and item.end_on:
            days = (item.end_on - item.start_on).days + 1
            line = item.budget_line_id
            totals[line] = totals.get(line, Decimal(0)) + item.per_diem * days
    return totals
