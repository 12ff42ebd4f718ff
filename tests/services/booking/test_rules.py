"""The booking rules as invariants: never two bookings on one day, one first hold per day,
and a challenge deadline that releases once."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.errors import InvalidInput, NotAuthorized
from bot.events import take
from bot.services.booking import bookings, files, holds
from bot.services.booking.events import HoldEnded
from bot.services.core import productions
from bot.store.db import make_session_factory
from bot.store.models import Person, Production
from tests.conftest import NOW

DAY0 = date(2026, 7, 1)
PEOPLE = ("UA", "UB")
_teams = itertools.count()
FAST = settings(
    max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)


def _world(session):
    """Two productions of one fresh workspace, each with its coordinator."""
    team = f"T{next(_teams)}"
    made = []
    for name in ("Night Owl", "Day Lark"):
        production = productions.create_production(
            session,
            team,
            productions.ProductionForm(name, "America/Los_Angeles"),
            now=NOW,
            creator_id=f"U{name[:3].upper()}",
        )
        made.append(production)
    session.flush()
    return made


def _form(who: str, first: date, last: date) -> bookings.BookingForm:
    return bookings.BookingForm(who, f"Person {who}", "Grip", "Grip", first, last, "650")


SPANS = st.tuples(st.sampled_from(PEOPLE), st.integers(0, 1), st.integers(0, 8), st.integers(0, 3))


@FAST
@given(st.lists(SPANS, min_size=1, max_size=8))
def test_a_person_is_never_booked_twice_on_one_day(session, attempts) -> None:
    """Each booking is refused exactly when it shares a day with a confirmed one anywhere."""
    world = _world(session)
    booked: dict[str, set[date]] = {p: set() for p in PEOPLE}
    for who, where, start, length in attempts:
        first = DAY0 + timedelta(days=start)
        days = {first + timedelta(days=n) for n in range(length + 1)}
        production = world[where]
        actor = f"U{production.name[:3].upper()}"
        try:
            bookings.book(session, production, actor, _form(who, first, max(days)), NOW)
        except InvalidInput as error:
            assert booked[who] & days, error.message
            assert "already booked on" in error.message
            continue
        assert not booked[who] & days
        booked[who] |= days
    take(session)


HOLDS = st.lists(st.tuples(st.sampled_from(PEOPLE), st.integers(0, 1), st.integers(0, 6)))


@FAST
@given(HOLDS, st.lists(st.integers(0, 10), max_size=4))
def test_one_first_hold_per_person_and_day(session, placed, released) -> None:
    """Whatever is held and released, no two active holds on one day are both first."""
    world = _world(session)
    made = []
    for who, where, start in placed:
        production = world[where]
        first = DAY0 + timedelta(days=start)
        try:
            made.append(
                holds.place(
                    session,
                    production,
                    f"U{production.name[:3].upper()}",
                    who,
                    who,
                    "Grip",
                    [first, first + timedelta(days=2)],
                    NOW,
                )
            )
        except InvalidInput:
            continue  # that production already holds them on those days
    for index in released:
        if made and made[index % len(made)].status == "active":
            hold = made[index % len(made)]
            coordinator = "UNIG" if hold.production_id == world[0].id else "UDAY"
            holds.release(session, hold.team_id, hold.id, coordinator, NOW)
    live = [h for h in made if h.status == "active"]
    for a, b in itertools.combinations(live, 2):
        shared = a.slack_user_id == b.slack_user_id and a.first_day <= b.last_day
        if shared and b.first_day <= a.last_day:
            assert not (a.rank == 1 and b.rank == 1)
    take(session)


def test_the_deadline_releases_once_and_not_early(session) -> None:
    """The job is safe to run again (after a restart): the hold row is the truth."""
    night, lark = _world(session)
    days = [DAY0, DAY0 + timedelta(days=2)]
    first = holds.place(session, night, "UNIG", "UA", "Ana", "Grip", days, NOW)
    second = holds.place(session, lark, "UDAY", "UA", "Ana", "Grip", days, NOW)
    assert (first.rank, second.rank) == (1, 2)
    with pytest.raises(NotAuthorized):
        holds.challenge(session, night.team_id, second.id, "UNIG", NOW)  # not Day Lark's
    holds.challenge(session, night.team_id, second.id, "UDAY", NOW)
    assert first.deadline_at == NOW + timedelta(hours=24)
    take(session)
    holds.deadline_job(session, {"id": first.id}, NOW + timedelta(hours=23))
    assert first.status == "active" and take(session) == []
    for _ in range(2):
        holds.deadline_job(session, {"id": first.id}, NOW + timedelta(hours=24))
    ended = [e for e in take(session) if isinstance(e, HoldEnded)]
    assert [(e.hold_id, e.reason, e.promoted) for e in ended] == [
        (first.id, "deadline", (second.id,))
    ]
    assert (first.status, second.rank) == ("released", 1)


def test_candidates_import_names_each_bad_line(session) -> None:
    night, _ = _world(session)
    text = (
        "name,email,phone,position\n"
        "Ana Best,ana@free.film,,Key Grip\n"
        ",bo@free.film,,Best Boy\n"
        "Cy,not-an-email,,Grip\n"
        "Dee,,555-0100,\n"
    )
    count, errors = files.import_candidates(session, night, text)
    assert count == 0
    assert [(e.line, e.reason) for e in errors] == [
        (3, "name is empty"),
        (4, "'not-an-email' is not an email address"),
    ]
    fixed = text.replace(",bo@", "Bo,bo@").replace("not-an-email", "cy@free.film")
    assert files.import_candidates(session, night, fixed) == (4, [])
    _, errors = files.import_candidates(session, night, "who,email\nA,a@b.co\n")
    assert errors[0].reason == "the header row needs a 'name' column"


def test_bookings_export_has_no_live_formulas(session) -> None:
    night, _ = _world(session)
    form = _form("UA", DAY0, DAY0)
    form.overtime = '=HYPERLINK("http://evil")'
    form.name = "@Ana"
    bookings.book(session, night, "UNIG", form, NOW)
    text = files.export_bookings(session, night)
    assert "'=HYPERLINK" in text and "'@Ana" in text and ",650.00,day," in text
    crew = Person(production_id=night.id, slack_user_id="UCREW", name="Crew", role="crew")
    session.add(crew)
    session.flush()
    with pytest.raises(NotAuthorized):
        files.export_bookings(session, night, "UCREW")
    take(session)


def test_two_bookings_checked_at_once_cannot_both_pass(engine) -> None:
    """PostgreSQL: while one booking of a person is uncommitted, another waits for it."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer commit at a time")
    factory = make_session_factory(engine)
    with factory() as first, factory() as second:
        night, lark = _world(first)
        first.commit()
        bookings.book(first, night, "UNIG", _form("UA", DAY0, DAY0), NOW)  # not committed
        second.execute(text("SET lock_timeout = '200ms'"))
        other = second.get(Production, lark.id)
        with pytest.raises(OperationalError, match="lock timeout"):
            bookings.book(second, other, "UDAY", _form("UA", DAY0, DAY0), NOW)
        second.rollback()
        first.commit()
        with pytest.raises(InvalidInput, match="already booked on Night Owl"):
            bookings.book(
                second, second.get(Production, lark.id), "UDAY", _form("UA", DAY0, DAY0), NOW
            )
        take(first)
        take(second)
