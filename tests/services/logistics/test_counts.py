"""Catering counts as pure rules: the meals a published day needs, and when to revise."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.services.logistics.counts import CateringCount, meals, needs_revision

CALL = datetime(2026, 6, 11, 13, 30, tzinfo=UTC)
minutes = st.integers(min_value=0, max_value=24 * 60)


def published(lunch_after: int | None, wrap_after: int | None) -> dict:
    """A published day's meal keys, `lunch_after`/`wrap_after` minutes after call."""
    at = lambda m: (CALL + timedelta(minutes=m)).isoformat() if m is not None else None  # noqa: E731
    return {
        "general_call": CALL.isoformat(),
        "lunch": at(lunch_after),
        "estimated_wrap": at(wrap_after),
    }


@given(lunch=st.none() | minutes, wrap=st.none() | minutes, eating=st.integers(0, 500))
def test_a_second_meal_only_when_wrap_is_over_six_hours_after_lunch(
    lunch: int | None, wrap: int | None, eating: int
) -> None:
    lines = meals(published(lunch, wrap), eating)
    names = [m.meal for m in lines]
    second = lunch is not None and wrap is not None and wrap > lunch + 360
    assert ("Second meal" in names) == second
    assert names[0] == "Breakfast" and names[-1] == "Craft services"
    assert lines[0].at == CALL  # walking breakfast at call when the sheet names no time
    assert all(m.count == eating for m in lines)


def _count(total: int, lunch: int = 300, allergies: tuple = ()) -> CateringCount:
    return CateringCount(
        "Night Owl",
        "America/Los_Angeles",
        date(2026, 6, 11),
        1,
        total,
        0,
        0,
        meals(published(lunch, None), total),
        (("vegan", 1),),
        allergies,
    )


@given(st.integers(0, 400), st.integers(0, 400), st.integers(0, 50))
def test_a_revision_when_the_headcount_moves_by_more_than_the_threshold(
    before: int, after: int, threshold: int
) -> None:
    sent, now = _count(before), _count(after)
    assert needs_revision(sent, now, threshold) == (abs(after - before) > threshold)
    assert needs_revision(sent, now, threshold) == needs_revision(now, sent, threshold)


@given(st.integers(0, 400), st.integers(1, 600))
def test_a_moved_lunch_or_a_new_allergy_is_always_a_revision(total: int, moved: int) -> None:
    sent = _count(total)
    assert needs_revision(sent, _count(total, lunch=300 + moved), threshold=1000)
    assert needs_revision(sent, _count(total, allergies=(("Pat", "peanuts"),)), threshold=1000)
    assert not needs_revision(sent, replace(sent), threshold=0)


@given(st.integers(0, 400), st.none() | minutes, st.none() | minutes)
def test_the_stored_order_reads_back_the_same(
    total: int, lunch: int | None, wrap: int | None
) -> None:
    count = replace(_count(total), meals=meals(published(lunch, wrap), total))
    assert CateringCount.from_json(count.to_json()) == count
