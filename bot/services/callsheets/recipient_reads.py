"""The reads /calltime makes of the rows stored at publish, each one indexed query, with
statements built once (composing one cost more than running it, on every request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Row, Select, Text, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import Session

from bot.permissions import Member
from bot.services.callsheets import shoot_days
from bot.services.core import productions
from bot.services.core.productions import ProductionView
from bot.store import fast_reads
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallCount, CallSheetRecipient, ShootDay
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


def _upcoming(day: Any) -> Any:
    """Today's day until it wraps, then the days after (`day`: shoot_days' columns)."""
    now, today = bindparam("now", type_=UTCDateTime()), bindparam("today", type_=Date())
    not_wrapped = or_(
        day.wrap_at > now,
        and_(day.wrap_at.is_(None), or_(day.estimated_wrap.is_(None), day.estimated_wrap > now)),
    )
    return or_(day.date > today, and_(day.date == today, not_wrapped))


def _next_query() -> Select[Any]:
    return _day_query().where(_upcoming(_DAY)).order_by(_DAY.date).limit(1)


def _asker_next_query(by_channel: bool) -> Select[Any]:
    """`productions.asker_query`'s row, then the production's next day and the asker's view
    of it (as `_day_query` has them): the whole of a bare /calltime in one query."""
    day = ShootDay.__table__.alias("next_day")
    mine = CallSheetRecipient.__table__.alias("mine")
    production, person = Production.__table__.c, Person.__table__.c
    first = (
        select(_DAY.id)
        .where(_DAY.production_id == production.id, _upcoming(_DAY))
        .order_by(_DAY.date)
        .limit(1)
        .scalar_subquery()
    )
    told = and_(
        mine.c.shoot_day_id == day.c.id,
        mine.c.person_id == person.id,
        mine.c.working.is_(True),
    )
    columns = (day.c.id, day.c.date, day.c.revision, cast(day.c.published, Text))
    columns += (mine.c.call_at, cast(mine.c.told, Text), mine.c.view_blocks)
    return productions.asker_query(
        *columns,
        by_channel=by_channel,
        joined=lambda asker: asker.outerjoin(day, day.c.id == first).outerjoin(mine, told),
    )


# Built once: composing a statement cost more than running it, on every /calltime.
_ON = fast_reads.Prepared(_day_query().where(_DAY.date == bindparam("on", type_=Date())).limit(1))
_NEXT = fast_reads.Prepared(_next_query())
_ASKER_NEXT = {by: fast_reads.Prepared(_asker_next_query(by)) for by in (True, False)}
_ZONES: dict[tuple[str, str | None], str] = {}  # (team, channel): the production's zone, a hint


def asker_and_next_day(
    session: Session, team_id: str, channel_id: str | None, user_id: str, now: datetime
) -> tuple[ProductionView, Member | None, DayView | None] | None:
    """A bare /calltime's production, asker and next day with their view, in one query; None
    when neither the channel nor the asker's crew lists say which production (see
    `productions.resolve`, which answers or refuses that case)."""
    key = (team_id, channel_id)
    zone = _ZONES.get(key, "UTC")
    for _ in range(2):  # "today" is the production's: a wrong hint is read again, once
        values = {"team": team_id, "channel": channel_id, "user": user_id, "now": now}
        values["today"] = now.astimezone(ZoneInfo(zone)).date()
        rows = fast_reads.read(session, _ASKER_NEXT[True], values) if channel_id else []
        if not rows:
            rows = fast_reads.read(session, _ASKER_NEXT[False], values)
        if len(rows) != 1:
            return None
        production, member = productions.view_of(rows[0])
        if production.timezone == zone:
            break
        zone = production.timezone
        if len(_ZONES) < 10_000:  # bounded: a hint per channel
            _ZONES[key] = zone
    day = rows[0][9:]
    return production, member, (DayView(*day) if day[0] is not None else None)


def group_counts(
    session: Session, day_id: int, department_id: int | None
) -> list[Row[tuple[datetime, int]]]:
    """How many people (in the department, if given) are called at each time, earliest first:
    counted at publish, so a few rows whatever the crew's size."""
    values = {"day": day_id, "department": department_id}
    return fast_reads.read(session, _COUNTS[department_id is not None], values)  # type: ignore[return-value]


def group_first(
    session: Session, day_id: int, department_id: int | None, limit: int
) -> list[Row[tuple[str | None, datetime, int, int | None]]]:
    """The first `limit` people by call time then name: (name, call, revision, confirmed)."""
    values = {"day": day_id, "department": department_id, "limit": limit}
    return fast_reads.read(session, _FIRST[department_id is not None], values)  # type: ignore[return-value]


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


_COUNTED = CallCount.__table__.c
_COUNTS = {
    # The whole day: the departments' counts added up (a few rows a department).
    False: fast_reads.Prepared(
        select(_COUNTED.call_at, func.sum(_COUNTED.people))
        .where(_COUNTED.shoot_day_id == bindparam("day"))
        .group_by(_COUNTED.call_at)
        .order_by(_COUNTED.call_at)
    ),
    True: fast_reads.Prepared(
        select(_COUNTED.call_at, _COUNTED.people)
        .where(
            _COUNTED.shoot_day_id == bindparam("day"),
            _COUNTED.department_id == bindparam("department"),
        )
        .order_by(_COUNTED.call_at)
    ),
}
_FIRST = {
    department: fast_reads.Prepared(
        select(
            CallSheetRecipient.name,
            CallSheetRecipient.call_at,
            CallSheetRecipient.revision,
            CallSheetRecipient.confirmed_revision,
        )
        .where(*_working(department))
        .order_by(CallSheetRecipient.call_at, CallSheetRecipient.name)
        .limit(bindparam("limit"))
    )
    for department in (False, True)
}
