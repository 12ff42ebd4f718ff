"""The reads /calltime makes of the rows stored at publish, each one indexed query, with
statements built once (composing one cost more than running it, on every request)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Row, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from bot.services.callsheets import shoot_days
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from bot.store.types import UTCDateTime


def day_and_view(
    session: Session, production: Production, person: Person | None, on: date | None, now: datetime
) -> tuple[ShootDay | None, CallSheetRecipient | None]:
    """The day asked about (`on`, else the next: today's until it wraps) and the person's
    stored view of it, in one indexed query (an outer join: an unpublished day has none)."""
    values = {"production": production.id, "person": person.id if person else -1}
    if on is not None:
        row = session.execute(_ON, values | {"on": on}).first()
    else:
        today = shoot_days.today(production, now)
        row = session.execute(_NEXT, values | {"today": today, "now": now}).first()
    return (row[0], row[1]) if row else (None, None)


def _day_query() -> Select[tuple[ShootDay, CallSheetRecipient]]:
    mine = and_(
        CallSheetRecipient.shoot_day_id == ShootDay.id,
        CallSheetRecipient.person_id == bindparam("person"),
        CallSheetRecipient.working.is_(True),
    )
    return (
        select(ShootDay, CallSheetRecipient)
        .outerjoin(CallSheetRecipient, mine)
        .where(ShootDay.production_id == bindparam("production"))
    )


def _next_query() -> Select[tuple[ShootDay, CallSheetRecipient]]:
    now, today = bindparam("now", type_=UTCDateTime()), bindparam("today", type_=Date())
    not_wrapped = or_(
        ShootDay.wrap_at > now,
        and_(
            ShootDay.wrap_at.is_(None),
            or_(ShootDay.estimated_wrap.is_(None), ShootDay.estimated_wrap > now),
        ),
    )
    return (
        _day_query()
        .where(or_(ShootDay.date > today, and_(ShootDay.date == today, not_wrapped)))
        .order_by(ShootDay.date)
        .limit(1)
    )


# Built once: composing a statement cost more than running it, on every /calltime.
_ON = _day_query().where(ShootDay.date == bindparam("on", type_=Date())).limit(1)
_NEXT = _next_query()


def group_counts(
    session: Session, day_id: int, department_id: int | None
) -> list[Row[tuple[datetime, int]]]:
    """How many people (in the department, if given) are called at each time, earliest first."""
    values = {"day": day_id, "department": department_id}
    return list(session.execute(_COUNTS[department_id is not None], values))


def group_first(
    session: Session, day_id: int, department_id: int | None, limit: int
) -> list[Row[tuple[str | None, datetime, int, int | None]]]:
    """The first `limit` people by call time then name: (name, call, revision, confirmed)."""
    values = {"day": day_id, "department": department_id, "limit": limit}
    return list(session.execute(_FIRST[department_id is not None], values))


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
