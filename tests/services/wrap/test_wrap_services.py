"""Wrap's services change rows, return plain results and record facts; they send nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bot import events
from bot.errors import InvalidInput, NotAuthorized, NotFound
from bot.services.wrap import daily_report, documents, gear, meals, wrap
from bot.services.wrap.events import (
    DayUncovered,
    MealStartedLate,
    ReportPosted,
    WrapRecorded,
)
from bot.services.wrap.views import GearInfo, MealInfo
from tests.services.wrap.world import AD, COORDINATOR, GRIP, NOW, OUTSIDER, build, sent


def test_wrap_records_the_fact_and_sends_nothing_itself(session) -> None:
    """/wrap returns what happened and records WrapRecorded for everyone working the day."""
    world = build(session)
    done = wrap.record(session, world.production, COORDINATOR, "12:45p", NOW)
    assert (done.day, done.told, done.corrected) == (world.day.date, 3, False)
    (fact,) = events.take(session)
    assert isinstance(fact, WrapRecorded) and fact.wrap_at == done.wrap_at
    assert sorted(fact.recipients) == sorted([COORDINATOR, AD, GRIP])
    assert sent(session) == []


def test_only_coordinators_wrap_and_set_reminders(session) -> None:
    """The permission table decides: the AD and the grip may not call wrap."""
    world = build(session)
    for who in (AD, GRIP):
        with pytest.raises(NotAuthorized, match="Only coordinators"):
            wrap.record(session, world.production, who, "", NOW)
        with pytest.raises(NotAuthorized, match="Only coordinators"):
            wrap.remind(session, world.production, who, "7p", NOW)
    with pytest.raises(NotAuthorized, match="not on Night Owl's crew list"):
        wrap.record(session, world.production, OUTSIDER, "", NOW)


def test_the_first_ad_runs_the_meal_clock_by_position(session) -> None:
    """Coordinators and the AD record meals; a late one records its penalty as a fact."""
    world = build(session)
    with pytest.raises(NotAuthorized, match="Only coordinators and the AD"):
        meals.record(session, world.production, GRIP, "start", NOW)
    started = NOW + timedelta(minutes=15)  # due 12:30, started 1:15: two half-hours late
    meal = meals.record(session, world.production, AD, "start", started)
    assert meal == MealInfo(None, started, None, 45, Decimal("180"))
    late = [e for e in events.take(session) if isinstance(e, MealStartedLate)]
    assert [(e.late_minutes, e.people, e.penalty) for e in late] == [(45, 3, Decimal("180"))]
    assert sent(session) == []


def test_a_department_meal_counts_only_that_department(session) -> None:
    """Grip's meal is due from grip's call (6:00, so 12:00) and costs one person: $25 + $35."""
    world = build(session)
    meal = meals.record(session, world.production, COORDINATOR, "start grip", NOW)
    assert (meal.department, meal.late_minutes, meal.penalty) == ("Grip", 60, Decimal("60"))


def test_gear_moves_for_the_crew_list_only(session) -> None:
    """Anyone on the crew list moves gear; an outsider cannot; results are view data."""
    world = build(session)
    item = gear.check_out(session, world.production, GRIP, "c-stand 12", NOW)
    assert item == GearInfo("c-stand 12", holder="Gus Grip", out_since=NOW, created=True)
    listed = GearInfo("c-stand 12", holder="Gus Grip", out_since=NOW)
    assert gear.listing(session, world.production, AD) == [listed]
    with pytest.raises(NotAuthorized):
        gear.check_in(session, world.production, OUTSIDER, "c-stand 12", NOW)
    assert gear.check_in(session, world.production, AD, "c-stand 12", NOW).holder is None


def test_an_uncovered_day_is_a_fact_a_covered_one_is_not(session) -> None:
    """No permit at Rosa's on Friday: DayUncovered; with an agreement on file: nothing."""
    world = build(session)
    documents.check_day(session, world.production, world.day, NOW)
    (fact,) = events.take(session)
    assert fact == DayUncovered(
        at=NOW,
        production_id=world.production.id,
        day_id=world.day.id,
        day=world.day.date,
        location="Rosa's Diner",
    )
    documents.add(
        session,
        world.production,
        COORDINATOR,
        "location_agreement",
        "rosa's diner",
        date(2026, 6, 1),
        date(2026, 6, 30),
        NOW,
    )
    events.take(session)
    documents.check_day(session, world.production, world.day, NOW)
    assert events.take(session) == []


def test_documents_are_coordinators_only_and_bound_to_their_workspace(session) -> None:
    """The grip can't list or file; a form for another workspace's production is refused."""
    world = build(session)
    with pytest.raises(NotAuthorized):
        documents.listing(session, world.production, GRIP)
    with pytest.raises(NotFound):
        documents.add_from_form(
            session,
            "T2",
            world.production.id,
            COORDINATOR,
            "insurance",
            "Keslow",
            date(2026, 6, 1),
            date(2026, 6, 30),
            NOW,
        )
    with pytest.raises(InvalidInput, match="expire before it starts"):
        documents.add_from_form(
            session,
            "T1",
            world.production.id,
            COORDINATOR,
            "insurance",
            "Keslow",
            date(2026, 6, 30),
            date(2026, 6, 1),
            NOW,
        )


def test_the_report_is_edited_by_coordinators_on_the_stored_days_production(session) -> None:
    """Crew can't post; another workspace can't reach the day; posting records the channel."""
    world = build(session)
    with pytest.raises(NotAuthorized):
        daily_report.post(session, "T1", world.day.id, GRIP, NOW)
    with pytest.raises(NotFound):
        daily_report.post(session, "T2", world.day.id, COORDINATOR, NOW)
    assert daily_report.post(session, "T1", world.day.id, COORDINATOR, NOW) == "COFFICE"
    (fact,) = events.take(session)
    assert isinstance(fact, ReportPosted) and fact.channel == "COFFICE"
    with pytest.raises(InvalidInput, match="yours is 4000"):  # refused, never cut short
        daily_report.edit(session, "T1", world.day.id, COORDINATOR, "7:10a", "n" * 4000, NOW)
    daily_report.edit(session, "T1", world.day.id, COORDINATOR, "7:10a", "n" * 2500, NOW)
    view = daily_report.view_of(session, world.day.id)
    assert view is not None and len(view.notes or "") == daily_report.NOTES_LIMIT
    assert view.posted_at == NOW and view.called == 3
