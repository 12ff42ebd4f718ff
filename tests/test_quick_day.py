"""timeparse.quick_day, the fast reading /calltime tries first, never disagrees with parse_day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.timeparse import TimeParseError, parse_day, quick_day

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)
WORDS = ["fri", "mon", "tomorrow", "tmrw", "today", "next", "friday", "6/14", "2026-06-14"]
WORDS += ["grip", "all", "6am", "7p", "june", "14", "@gus", "", " "]


@given(st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join))
def test_a_quick_day_is_the_day_parse_day_reads(text: str) -> None:
    quick = quick_day(text, "America/Los_Angeles", NOW)
    if quick is not None:
        assert parse_day(text, "America/Los_Angeles", NOW) == quick


def test_what_only_a_department_can_be_is_not_a_quick_day() -> None:
    assert quick_day("grip", "America/Los_Angeles", NOW) is None
    assert quick_day("fri 6am", "America/Los_Angeles", NOW) is None  # a time, not a day
    with pytest.raises(TimeParseError):
        parse_day("grip", "America/Los_Angeles", NOW)
