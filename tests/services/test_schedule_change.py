"""The /schedulechange reader: every part lands on the sheet as typed, or nothing changes."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.services.callsheets import day_forms, schedule_change, shoot_days
from bot.services.core import productions
from tests.conftest import NOW

LA = ZoneInfo("America/Los_Angeles")
FRIDAY = date(2026, 6, 12)
# Minutes after general call (6:30 AM) each may move to; a wrap past midnight is overnight.
FIELDS = {
    "lunch": ("lunch_at", st.integers(2, 24)),
    "shooting call": ("shooting_call", st.integers(0, 12)),
    "wrap": ("estimated_wrap", st.integers(4, 80)),
}


@pytest.fixture
def day(session):
    production = productions.create_production(
        session, "T1", productions.ProductionForm("Night Owl", "America/Los_Angeles"), now=NOW
    )
    form = day_forms.DayForm(
        date=FRIDAY,
        general_call="6:30a",
        estimated_wrap="7p",
        lunch="12:30p",
        location=day_forms.LocationForm("Rosa's Diner", "123 Main St"),
    )
    saved = shoot_days.save_day(session, production, form, actor=None, now=NOW)
    session.flush()
    return production, saved


def _typed(moment) -> str:
    return moment.astimezone(LA).strftime("%-I:%M%p").lower()[:-1]  # "1:15p"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=st.dictionaries(st.sampled_from(sorted(FIELDS)), st.integers(0, 80), min_size=1))
def test_each_part_lands_on_the_day_and_is_announced(session, day, moves) -> None:
    production, shoot_day = day
    savepoint = session.begin_nested()
    assert shoot_day.general_call is not None
    wanted, parts = {}, []
    for name, steps in moves.items():
        column, allowed = FIELDS[name]
        quarter = max(allowed.wrapped_strategy.start, min(steps, allowed.wrapped_strategy.end))
        moment = shoot_day.general_call + timedelta(minutes=15 * quarter)
        wanted[column] = moment
        parts.append(f"{name} moves to {_typed(moment)}")
    before = {column: getattr(shoot_day, column) for column in wanted}
    change = schedule_change.apply(session, production, shoot_day, ", ".join(parts))
    for column, moment in wanted.items():
        assert getattr(shoot_day, column) == moment
        if before[column] != moment:
            after = [c.after for c in change.changes]
            assert moment.isoformat() in after, change.changes
    assert len(change.changes) == sum(before[c] != m for c, m in wanted.items())
    savepoint.rollback()


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.sampled_from(["lunch soon", "catering is late", "wrap", "location Mars", "@"]))
def test_one_unreadable_part_changes_nothing(session, day, junk) -> None:
    production, shoot_day = day
    lunch, wrap = shoot_day.lunch_at, shoot_day.estimated_wrap
    with pytest.raises(InvalidInput) as refused:
        schedule_change.apply(session, production, shoot_day, f"lunch 1p, wrap 9p, {junk}")
    assert "Type the day and what changed" in refused.value.message
    assert (shoot_day.lunch_at, shoot_day.estimated_wrap) == (lunch, wrap)
