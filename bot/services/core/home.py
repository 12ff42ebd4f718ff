"""What a person's App Home tab and help show: their next call, the days ahead, for
coordinators the confirmation tallies, and the commands the permission table offers them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import AmbiguousProduction
from bot.services.booking import home as booking_home
from bot.services.callsheets import publishing, shoot_days
from bot.services.callsheets.person_day import PersonDay
from bot.services.core import productions
from bot.services.core.crew_names import names
from bot.services.core.events import CallAsked, HelpAsked, HomeOpened
from bot.services.logistics import home as logistics_home
from bot.services.money import budget, pettycash
from bot.services.money.amounts import show
from bot.services.onboarding import status as onboarding
from bot.services.tasks import assignments as tasks
from bot.services.tasks import needs
from bot.store.models import Person, Production
from bot.store.models_callsheet import CallSheetRecipient, ShootDay
from bot.store.models_money import Expense
from bot.store.models_tasks import Task
from bot.timeparse import TimeParseError, parse_day


@dataclass(frozen=True)
class Tally:
    """Confirmations of one published day."""

    date: date
    revision: int
    confirmed: int
    total: int


@dataclass(frozen=True)
class HelpView:
    """What help shows a person: where they are and the commands they may type."""

    production: str | None
    role: str | None
    commands: tuple[tuple[str, str], ...]  # (usage, what it does)


@dataclass
class HomeSummary:
    """The Home tab's content for one person on a production."""

    timezone: str
    next_call: str | None = None  # rendered by notify: the /calltime answer's words
    next_day: PersonDay | None = None  # the person's own next published day, if they work it
    # (day, the call shown — the person's own once published —, where, whether they are off)
    upcoming: list[tuple[date, datetime | None, str | None, bool]] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)  # open tasks, one line each
    expenses: list[str] = field(default_factory=list)  # mine: pending and rejected
    petty_cash: str | None = None
    approvals: list[str] = field(default_factory=list)  # coordinators: waiting on a decision
    budget: list[str] = field(default_factory=list)  # coordinators: lines by percent used
    holds: list[str] = field(default_factory=list)  # holds on me, across the workspace
    bookings: list[str] = field(default_factory=list)  # my bookings, with my own rate only
    onboarding: list[str] = field(default_factory=list)  # start paperwork: mine, or who's red
    logistics: list[str] = field(default_factory=list)  # own pickups, travel; coordinators more


def summary(
    session: Session, production: Production, person: Person | None, now: datetime
) -> HomeSummary:
    """Build the Home tab for `person` on `production`."""
    result = HomeSummary(production.timezone)
    days = list(
        session.scalars(
            select(ShootDay)
            .where(
                ShootDay.production_id == production.id,
                ShootDay.date >= shoot_days.today(production, now),
            )
            .order_by(ShootDay.date)
            .limit(3)
        )
    )
    own = _own_days(session, days, person)
    result.upcoming = [_upcoming(d, own.get(d.id), person is not None) for d in days]
    # The day /calltime answers for: today's until it wraps, then the next.
    ahead = [d for d in days if (d.wrap_at or d.estimated_wrap or now) >= now]
    result.next_day = own.get(ahead[0].id) if ahead else None
    if person is not None and person.slack_user_id:
        everyone, open_tasks = tasks.open_tasks(session, production, person.slack_user_id)
        who = names(session, production)
        stuck = needs.needs_someone(session, production, person.slack_user_id)
        result.tasks = [f"Needs someone: {t.what} ({_why(t)})" for t in stuck[:5]]
        result.tasks += [
            (f"{who.get(t.assignee, 'someone')}: " if everyone else "") + t.what
            for t in open_tasks[:15]
        ]
    if person is not None and person.slack_user_id:
        _money(session, production, person, result)
        result.holds = booking_home.hold_lines(session, production.team_id, person.slack_user_id)
        result.bookings = booking_home.booking_lines(
            session, production.team_id, person.slack_user_id
        )
        everyone_ = permissions.allowed(person, "onboarding.read_all")
        result.onboarding = onboarding.home_lines(session, production, person, everyone_)
    if person is not None:
        result.logistics = logistics_home.own(session, production, person, now)
        result.logistics += logistics_home.coordinators(session, production, person, now)
    if permissions.allowed(person, "callsheet.publish"):
        for day in days:
            if day.revision:
                people = publishing.recipients(session, day)
                result.tallies.append(
                    Tally(
                        day.date, day.revision, sum(1 for r in people if r.confirmed), len(people)
                    )
                )
    return result


def _upcoming(
    day: ShootDay, mine: PersonDay | None, on_crew: bool
) -> tuple[date, datetime | None, str | None, bool]:
    """A coming day as the person sees it: their own call and place once published."""
    if not day.revision:
        return day.date, None, None, False
    if mine is not None:
        return day.date, mine.call_at, mine.location, False
    told = day.published or {}
    return day.date, day.general_call, told.get("location"), on_crew


def _why(task: Task) -> str:
    return f"can't: {task.decline_reason}" if task.status == "declined" else "not on the crew"


def _own_days(
    session: Session, days: list[ShootDay], person: Person | None
) -> dict[int, PersonDay]:
    """The person's own published day on each day they work (what /calltime says too)."""
    if person is None or not days:
        return {}
    records = session.scalars(
        select(CallSheetRecipient).where(
            CallSheetRecipient.shoot_day_id.in_([d.id for d in days]),
            CallSheetRecipient.person_id == person.id,
            CallSheetRecipient.working.is_(True),
            CallSheetRecipient.call_at.is_not(None),
        )
    )
    return {r.shoot_day_id: PersonDay.from_json(r.told) for r in records}


def _money(session: Session, production: Production, person: Person, result: HomeSummary) -> None:
    currency = production.currency
    mine = session.scalars(
        select(Expense)
        .where(
            Expense.production_id == production.id,
            Expense.submitter == person.slack_user_id,
            Expense.status.in_(("pending", "rejected", "draft")),
        )
        .order_by(Expense.number)
    )
    result.expenses = [
        f"#{e.number} {show(e.amount, currency)} — {e.status}"
        + (f": {e.reject_reason}" if e.reject_reason else "")
        for e in mine
    ]
    envelope = pettycash.envelope(session, production, person)
    if envelope.issued:
        result.petty_cash = f"{show(envelope.balance, currency)} in hand"
    if not permissions.allowed(person, "expense.approve"):
        return
    waiting = session.scalars(
        select(Expense)
        .where(Expense.production_id == production.id, Expense.status == "pending")
        .order_by(Expense.number)
        .limit(20)
    )
    who = names(session, production)
    result.approvals = [
        f"#{e.number} {show(e.amount, currency)} from {who.get(e.submitter, 'someone')}"
        for e in waiting
    ]
    if not permissions.allowed(person, "budget.read"):
        return
    rows = sorted(budget.report(session, production), key=lambda r: -r.percent)[:8]
    result.budget = [
        f"#{r.code} {r.name}: {r.percent}% of {show(r.budget, currency)}" for r in rows
    ]


@dataclass(frozen=True)
class HomeView:
    """Everything the App Home tab shows one person."""

    help: HelpView
    summary: HomeSummary | None


def help_view(production: Production | None, person: Person | None) -> HelpView:
    """Help for a person: the commands `permissions.offered` gives them, nothing else."""
    return HelpView(
        production.name if production else None,
        person.role if person else None,
        tuple((action.usage, action.does) for action in permissions.offered(person)),
    )


def where(session: Session, team_id: str, user_id: str) -> tuple[Production | None, Person | None]:
    """The production a person in a DM or the Home tab means, if it is clear."""
    try:
        return productions.whoami(session, team_id, None, user_id)
    except AmbiguousProduction:
        return None, None


def opened(session: Session, team_id: str, user_id: str, now: datetime) -> None:
    """A person opened the Home tab: note it, so notify publishes their view."""
    events.record(session, HomeOpened(at=now, team_id=team_id, user_id=user_id))


def asked_for_help(
    session: Session, team_id: str, user_id: str, channel: str, now: datetime
) -> None:
    """A DM Slate does not understand is answered with help."""
    events.record(session, HelpAsked(at=now, team_id=team_id, user_id=user_id, channel_id=channel))


def asked_for_call(
    session: Session, team_id: str, user_id: str, channel: str, now: datetime, text: str = ""
) -> None:
    """A DM asking "what's my call [sat]?" is answered with the person's call that day, else
    their next call."""
    production = productions.resolve(session, team_id, None, user_id)
    events.record(
        session,
        CallAsked(
            at=now,
            production_id=production.id,
            user_id=user_id,
            channel_id=channel,
            day=_asked_day(text, production.timezone, now),
        ),
    )


_AFTER_CALL = re.compile(r"\bcall(?:\s*time)?\b(.*)", re.IGNORECASE | re.DOTALL)
_FILLER = re.compile(r"^(?:on|for|is|be|again)\s+", re.IGNORECASE)


def _asked_day(text: str, tz: str, now: datetime) -> str:
    """The day named after "call" ("whats my call sat" -> "sat"), or "" when none is."""
    found = _AFTER_CALL.search(text)
    words = found[1] if found else ""
    words = re.sub(r"[?!.]", " ", words).strip()
    while _FILLER.match(words):
        words = _FILLER.sub("", words, count=1)
    if not words:
        return ""
    try:
        parse_day(words, tz, now)
    except TimeParseError:
        return ""  # not a day: answer with the next call
    return words
