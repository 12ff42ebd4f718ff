"""The reads /calltime makes of the rows stored at publish, each one indexed query, with
statements built once (composing one cost more than running it, on every request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Row, Select, Text, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session

from bot.permissions import Member
from bot.services.callsheets import shoot_days
from bot.services.core.productions import ProductionView
from bot.store import fast_reads
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from bot.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class DayView:
    """A shoot day as published (no ORM object: read on every /calltime) and, when a person was
    asked about, what they were told of it (`call_at` and `told` None if they were not)."""

    id: int
    date: date
    revision: int
    published: str | None  # JSON text, parsed only by the answers that need it
    call_at: datetime | None
    told: str | None  # JSON text, likewise
    view_blocks: str | None = None  # `told` as drawn when it changed (None: not yet)


def day_and_view(
    session: Session,
    production: Production | ProductionView,
    person: Person | Member | None,
    on: date | None,
    now: datetime,
) -> DayView | None:
    """The day asked about (`on`, else the next: today's until it wraps) and the person's
    stored view of it, in one indexed query (an outer join: an unpublished day has none)."""
    values = {"production": production.id, "person": person.id if person else -1}
    if on is not None:
        statement, values = _ON, values | {"on": on}
    else:
        statement = _NEXT
        values |= {"today": shoot_days.today(production, now), "now": now}
    rows = fast_reads.read(session, statement, values)
    return DayView(*rows[0]) if rows else None


_DAY = ShootDay.__table__.c
_RECIPIENT = CallSheetRecipient.__table__.c


def _day_query() -> Select[Any]:
    mine = and_(
        _RECIPIENT.shoot_day_id == _DAY.id,
        _RECIPIENT.person_id == bindparam("person"),
        _RECIPIENT.working.is_(True),
    )
    # The JSON as text: a person's answer that was drawn when it changed parses neither.
    published, told = cast(_DAY.published, Text), cast(_RECIPIENT.told, Text)
    columns = (_DAY.id, _DAY.date, _DAY.revision, published, _RECIPIENT.call_at)
    return (
        select(*columns, told, _RECIPIENT.view_blocks)
        .select_from(ShootDay.__table__.outerjoin(CallSheetRecipient.__table__, mine))
        .where(_DAY.production_id == bindparam("production"))
    )


def _next_query() -> Select[Any]:
    now, today = bindparam("now", type_=UTCDateTime()), bindparam("today", type_=Date())
    not_wrapped = or_(
        _DAY.wrap_at > now,
        and_(
            _DAY.wrap_at.is_(None),
            or_(_DAY.estimated_wrap.is_(None), _DAY.estimated_wrap > now),
        ),
    )
    return (
        _day_query()
        .where(or_(_DAY.date > today, and_(_DAY.date == today, not_wrapped)))
        .order_by(_DAY.date)
        .limit(1)
    )


# Built once: composing a statement cost more than running it, on every /calltime.
_ON = fast_reads.Prepared(_day_query().where(_DAY.date == bindparam("on", type_=Date())).limit(1))
_NEXT = fast_reads.Prepared(_next_query())


def group_counts(
    session: Session, day_id: int, department_id: int | None
) -> list[Row[tuple[datetime, int]]]:
    """How many people (in the department, if given) are called at each time, earliest first."""
    values = {"day": day_id, "department": department_id}
    return list(session.connection().execute(_COUNTS[department_id is not None], values))


def group_first(
    session: Session, day_id: int, department_id: int | None, limit: int
) -> list[Row[tuple[str | None, datetime, int, int | None]]]:
    """The first `limit` people by call time then name: (name, call, revision, confirmed)."""
    values = {"day": day_id, "department": department_id, "limit": limit}
    return list(session.connection().execute(_FIRST[department_id is not None], values))


def _working(department: bool) -> list:
    """The day's working people with a call (in one department): an index prefix either way."""
    found = [
        CallSheetRecipient.shoot_day_id == bindparam("day"),
        CallSheetRecipient.working.is_(True),
        CallSheetRecipient.call_at.is_not(None),
    ]
    if department:
        found.append(CallSheetRecipient.department_id == bindparam("department"))
    return found


_COUNTS = {
    department: select(CallSheetRecipient.call_at, func.count())
    .where(*_working(department))
    .group_by(CallSheetRecipient.call_at)
    .order_by(CallSheetRecipient.call_at)
    for department in (False, True)
}
_FIRST = {
    department: select(
        CallSheetRecipient.name,
        CallSheetRecipient.call_at,
        CallSheetRecipient.revision,
        CallSheetRecipient.confirmed_revision,
    )
    .where(*_working(department))
    .order_by(CallSheetRecipient.call_at, CallSheetRecipient.name)
    .limit(bindparam("limit"))
    for department in (False, True)
}
