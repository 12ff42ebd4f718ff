"""Catering use-cases: read a day's count, set up the caterer, add visitors, send orders.

The caterer gets the order once, the evening before at the set time (a scheduled job, so a
restart neither loses nor repeats it); after that, a revision whenever the count changes by
more than the set number, a meal moves, or the allergy list changes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput
from bot.scheduler import schedule
from bot.services.callsheets import shoot_days
from bot.services.logistics.counts import CateringCount, count, needs_revision
from bot.services.logistics.events import CateringOrderSent
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_logistics import CateringOrder, CateringSetup, CateringVisitor
from bot.store.models_onboarding import DIETS
from bot.timeparse import TimeParseError, parse_day

JOB = "catering.order"
USAGE = (
    "Type `/catering [day]`, `/catering add fri 4 agency clients [vegan]`, "
    "`/catering caterer @person` (or `/catering caterer Name, email or phone`), "
    "`/catering send 6pm` or `/catering threshold 5`."
)
_VISITORS = re.compile(r"^(\S+)\s+(\d{1,4})\s+(.+)$")
_SEND_AT = re.compile(r"^([01]?\d|2[0-3])(?::([0-5]\d))?\s*([ap]m?)?$", re.IGNORECASE)


def setup_of(session: Session, production: Production) -> CateringSetup:
    """The production's catering setup (defaults until a coordinator sets it)."""
    found = session.scalar(
        select(CateringSetup).where(CateringSetup.production_id == production.id)
    )
    if found is None:
        found = CateringSetup(production_id=production.id, send_at="18:00", threshold=5)
    return found


def read(
    session: Session, production: Production, actor: str, typed: str, now: datetime
) -> CateringCount:
    """`/catering [day]`: the day's count (tomorrow when no day is named)."""
    permissions.require(session, production, actor, "catering.read")
    on = day_named(production, typed, now)
    return count(session, production, shoot_days.require_day(session, production, on))


def day_named(production: Production, typed: str, now: datetime) -> date:
    """The day typed (tomorrow when nothing is), or an error saying what to type."""
    if not typed.strip():
        return shoot_days.today(production, now) + timedelta(days=1)
    try:
        return parse_day(typed, production.timezone, now)
    except TimeParseError as error:
        raise InvalidInput(f"{error} {USAGE}") from None


def add_visitors(
    session: Session, production: Production, actor: str, typed: str, now: datetime
) -> CateringCount:
    """`add fri 4 agency clients [vegan]`: visitors eat too (0 takes them off again)."""
    permissions.require(session, production, actor, "catering.edit")
    found = _VISITORS.match(" ".join(typed.split()))
    if not found:
        raise InvalidInput(f"Say the day, how many and who. {USAGE}")
    day = shoot_days.require_day(session, production, day_named(production, found[1], now))
    words = found[3].split()
    diet = words.pop().lower() if len(words) > 1 and words[-1].lower() in DIETS else "none"
    label = " ".join(words)[:120]
    group = session.scalar(
        select(CateringVisitor).where(
            CateringVisitor.shoot_day_id == day.id,
            func.lower(CateringVisitor.label) == label.lower(),
        )
    )
    if int(found[2]) == 0:
        if group is not None:
            session.delete(group)
    else:
        group = group or CateringVisitor(production_id=production.id, shoot_day_id=day.id)
        group.label, group.count, group.diet, group.added_by = label, int(found[2]), diet, actor
        session.add(group)
    session.flush()
    counted = count(session, production, day)  # refuses an unpublished day: nothing kept
    review(session, production, day, now)
    return counted


def configure(
    session: Session, production: Production, actor: str, verb: str, rest: str, now: datetime
) -> CateringSetup:
    """`caterer @person|Name, contact`, `send 6pm` or `threshold 5`."""
    permissions.require(session, production, actor, "catering.edit")
    setup = setup_of(session, production)
    rest = rest.strip()
    if verb == "caterer":
        _caterer(setup, rest)
    elif verb == "send":
        setup.send_at = _send_at(rest)
    elif verb == "threshold" and rest.isdigit() and int(rest) < 1000:
        setup.threshold = int(rest)
    else:
        raise InvalidInput(USAGE)
    session.add(setup)
    session.flush()
    for day in coming_days(session, production, now):
        _plan(session, production, day, now)  # a new send time moves the pending orders
    return setup


def _caterer(setup: CateringSetup, text: str) -> None:
    mention = re.fullmatch(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>", text)
    if mention:
        setup.caterer_user, setup.caterer_name, setup.caterer_contact = mention[1], None, None
        return
    name, _, contact = text.partition(",")
    if not name.strip() or text.startswith("@"):
        raise InvalidInput(f"Mention the caterer or give a name and contact. {USAGE}")
    setup.caterer_user = None
    setup.caterer_name, setup.caterer_contact = name.strip()[:120], contact.strip()[:200] or None


def _send_at(text: str) -> str:
    found = _SEND_AT.match(text.replace(" ", ""))
    if not found:
        raise InvalidInput(f"“{text}” is not a time. {USAGE}")
    hour, minute = int(found[1]), int(found[2] or 0)
    meridiem = (found[3] or "").lower()
    if meridiem and not 1 <= hour <= 12:
        raise InvalidInput(f"“{text}” is not a time. {USAGE}")
    if meridiem.startswith("p") and hour != 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


def coming_days(session: Session, production: Production, now: datetime) -> list[ShootDay]:
    return list(
        session.scalars(
            select(ShootDay).where(
                ShootDay.production_id == production.id,
                ShootDay.date >= shoot_days.today(production, now),
                ShootDay.revision > 0,
            )
        )
    )


def due_at(production: Production, setup: CateringSetup, on: date) -> datetime:
    """When the order goes: the set time the evening before, in the production's zone."""
    hour, minute = (int(x) for x in setup.send_at.split(":"))
    local = datetime.combine(on - timedelta(days=1), time(hour, minute))
    return local.replace(tzinfo=ZoneInfo(production.timezone)).astimezone(ZoneInfo("UTC"))


def _plan(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """Plan the day's order, once a caterer is set (until then /catering shows the count)."""
    setup = setup_of(session, production)
    if _last(session, day) is None and setup.id is not None:
        when = max(due_at(production, setup, day.date), now)
        schedule(session, JOB, f"catering:{day.id}", when, {"day_id": day.id})


def _last(session: Session, day: ShootDay) -> CateringOrder | None:
    return session.scalar(
        select(CateringOrder)
        .where(CateringOrder.shoot_day_id == day.id)
        .order_by(CateringOrder.version.desc())
        .limit(1)
    )


def review_coming(session: Session, production: Production, now: datetime) -> None:
    """Someone's dietary needs changed: review every coming published day's order."""
    for day in coming_days(session, production, now):
        review(session, production, day, now)


def review(session: Session, production: Production, day: ShootDay, now: datetime) -> None:
    """The day changed (published again, visitors): plan the order, or revise a sent one."""
    if day.date < shoot_days.today(production, now) or not day.published:
        return
    last = _last(session, day)
    if last is None:
        _plan(session, production, day, now)
        return
    fresh = count(session, production, day)
    sent = CateringCount.from_json(last.order)
    if needs_revision(sent, fresh, setup_of(session, production).threshold):
        _send(session, production, day, fresh, now, last)


def _send(
    session: Session,
    production: Production,
    day: ShootDay,
    counted: CateringCount,
    now: datetime,
    last: CateringOrder | None,
) -> None:
    version = last.version + 1 if last else 1
    order = counted.to_json()
    session.add(
        CateringOrder(
            production_id=production.id,
            shoot_day_id=day.id,
            version=version,
            order=order,
            sent_at=now,
        )
    )
    session.flush()
    previous = last.order if last else None
    events.record(session, CateringOrderSent(now, production.id, day.id, version, order, previous))


def order_job(session: Session, payload: dict, now: datetime) -> None:
    """The evening-before order: sent once (a revision, not a repeat, if one went already)."""
    day = session.get(ShootDay, payload["day_id"])
    if day is None or not day.published:
        return
    production = session.get(Production, day.production_id)
    assert production is not None
    if _last(session, day) is None and day.date >= shoot_days.today(production, now):
        _send(session, production, day, count(session, production, day), now, None)
