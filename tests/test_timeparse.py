"""The time parser, phrase by phrase, including DST change days and an overnight shoot."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.timeparse import TimeParseError, parse_day, parse_on_day, parse_when

LA = "America/Los_Angeles"
Z = ZoneInfo(LA)


def at(text: str) -> datetime:
    """A wall-clock time in Los Angeles, 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=Z)


WED_10PM = at("2026-06-10 22:00")  # Wednesday evening, after wrap
WED_9AM = at("2026-06-10 09:00")
FRI_10PM = at("2026-06-12 22:00")
SPRING_EVE = at("2026-03-07 22:00")  # clocks go forward at 2:00 on Sun Mar 8
FALL_EVE = at("2026-10-31 22:00")  # clocks go back at 2:00 on Sun Nov 1

# (phrase, now, expected local wall time, expected UTC offset in hours)
WHEN = [
    ("6a", WED_10PM, "2026-06-11 06:00", -7),
    ("6A", WED_10PM, "2026-06-11 06:00", -7),
    ("630a", WED_10PM, "2026-06-11 06:30", -7),
    ("0630", WED_10PM, "2026-06-11 06:30", -7),
    ("6:30", WED_10PM, "2026-06-11 06:30", -7),
    ("6:30", WED_9AM, "2026-06-10 18:30", -7),
    ("6.30", WED_10PM, "2026-06-11 06:30", -7),
    ("18:30", WED_10PM, "2026-06-11 18:30", -7),
    ("1830", WED_9AM, "2026-06-10 18:30", -7),
    ("7:30a", WED_10PM, "2026-06-11 07:30", -7),
    ("7a", WED_10PM, "2026-06-11 07:00", -7),
    ("7 am", WED_10PM, "2026-06-11 07:00", -7),
    ("7:15 a.m.", WED_10PM, "2026-06-11 07:15", -7),
    ("7p", WED_9AM, "2026-06-10 19:00", -7),
    ("7pm", WED_9AM, "2026-06-10 19:00", -7),
    ("11:59pm", WED_9AM, "2026-06-10 23:59", -7),
    ("12a", WED_9AM, "2026-06-11 00:00", -7),
    ("12p", WED_9AM, "2026-06-10 12:00", -7),
    ("noon", WED_9AM, "2026-06-10 12:00", -7),
    ("noon", WED_10PM, "2026-06-11 12:00", -7),
    ("midnight", WED_9AM, "2026-06-11 00:00", -7),
    ("tmrw 6am", WED_9AM, "2026-06-11 06:00", -7),
    ("tmrw 6", WED_9AM, "2026-06-11 06:00", -7),
    ("tomorrow at 6", WED_9AM, "2026-06-11 06:00", -7),
    ("tomorrow 6pm", WED_9AM, "2026-06-11 18:00", -7),
    ("call 6am tomorrow", WED_9AM, "2026-06-11 06:00", -7),
    ("6am tmrw", WED_9AM, "2026-06-11 06:00", -7),
    ("Tomorrow, 5:45a", WED_9AM, "2026-06-11 05:45", -7),
    ("today 5p", WED_9AM, "2026-06-10 17:00", -7),
    ("tonight 11", WED_9AM, "2026-06-10 23:00", -7),
    ("fri 7a", WED_9AM, "2026-06-12 07:00", -7),
    ("friday 7a", WED_9AM, "2026-06-12 07:00", -7),
    ("Fri 7:00 AM", WED_9AM, "2026-06-12 07:00", -7),
    ("fri 7a", FRI_10PM, "2026-06-19 07:00", -7),  # today's 7a has passed
    ("sat 5p", FRI_10PM, "2026-06-13 17:00", -7),
    ("mon 6a", WED_9AM, "2026-06-15 06:00", -7),
    ("next fri 6a", WED_9AM, "2026-06-19 06:00", -7),
    ("6/14 7p", WED_9AM, "2026-06-14 19:00", -7),
    ("6/14 0700", WED_9AM, "2026-06-14 07:00", -7),
    ("6/14/2026 7p", WED_9AM, "2026-06-14 19:00", -7),
    ("2026-06-14 7p", WED_9AM, "2026-06-14 19:00", -7),
    ("june 14 7pm", WED_9AM, "2026-06-14 19:00", -7),
    ("1/5 7a", WED_9AM, "2027-01-05 07:00", -8),  # January has passed: next year, PST
    ("in 2 hours", WED_10PM, "2026-06-11 00:00", -7),
    ("in 30 min", WED_10PM, "2026-06-10 22:30", -7),
    ("in an hour", WED_10PM, "2026-06-10 23:00", -7),
    # Spring forward (Sun Mar 8 2026): tomorrow 6am is PDT, not PST.
    ("tmrw 6am", SPRING_EVE, "2026-03-08 06:00", -7),
    ("6a", SPRING_EVE, "2026-03-08 06:00", -7),
    ("tmrw 1:30a", SPRING_EVE, "2026-03-08 01:30", -8),
    ("in 8 hours", SPRING_EVE, "2026-03-08 07:00", -7),
    ("3a", SPRING_EVE, "2026-03-08 03:00", -7),
    # Fall back (Sun Nov 1 2026).
    ("tmrw 6am", FALL_EVE, "2026-11-01 06:00", -8),
    ("1:30a pdt", FALL_EVE, "2026-11-01 01:30", -7),
    ("1:30a pst", FALL_EVE, "2026-11-01 01:30", -8),
    ("in 8 hours", FALL_EVE, "2026-11-01 05:00", -8),
    ("tmrw 2a", FALL_EVE, "2026-11-01 02:00", -8),
]


@pytest.mark.parametrize(("phrase", "now", "local", "offset"), WHEN)
def test_phrase_reads_as(phrase: str, now: datetime, local: str, offset: int) -> None:
    result = parse_when(phrase, LA, now)
    assert result.tzinfo is not None and result.utcoffset().total_seconds() == 0  # stored UTC
    shown = result.astimezone(Z)
    assert shown.strftime("%Y-%m-%d %H:%M") == local
    assert shown.utcoffset().total_seconds() == offset * 3600


REFUSED = [
    ("", "Type a time"),
    ("blah", "couldn't read"),
    ("25:00", "not a time"),
    ("13p", "not a time"),
    ("6:75", "not a time"),
    ("2/30 6a", "not a real date"),
    ("6/14", "no time"),
    ("0730 in the year 730", "couldn't read"),
    ("tmrw 2:30a", "doesn't exist"),  # skipped by spring forward
]


@pytest.mark.parametrize(("phrase", "why"), REFUSED)
def test_refused_with_what_to_type(phrase: str, why: str) -> None:
    now = SPRING_EVE if "2:30" in phrase else WED_9AM
    with pytest.raises(TimeParseError, match=why) as error:
        parse_when(phrase, LA, now)
    assert "“" in str(error.value) or "Type" in str(error.value)


def test_a_doubled_hour_is_refused_naming_both_zones() -> None:
    with pytest.raises(TimeParseError) as error:
        parse_when("1:30a", LA, FALL_EVE)
    assert "PDT" in str(error.value) and "PST" in str(error.value)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2026, 6, 10)),
        ("tmrw", date(2026, 6, 11)),
        ("fri", date(2026, 6, 12)),
        ("wed", date(2026, 6, 10)),
        ("6/14", date(2026, 6, 14)),
        ("2026-07-04", date(2026, 7, 4)),
        ("3/1", date(2027, 3, 1)),
    ],
)
def test_days(phrase: str, expected: date) -> None:
    assert parse_day(phrase, LA, WED_9AM) == expected


def test_a_time_is_not_a_day() -> None:
    with pytest.raises(TimeParseError, match="not a day"):
        parse_day("6:30a", LA, WED_9AM)


# An overnight shoot: call at 18:00 on Friday, times after it roll past midnight.
CALL = at("2026-06-12 18:00")


@pytest.mark.parametrize(
    ("phrase", "local"),
    [
        ("2a", "2026-06-13 02:00"),
        ("11:30p", "2026-06-12 23:30"),
        ("6:30", "2026-06-12 18:30"),
        ("0530", "2026-06-13 05:30"),
        ("midnight", "2026-06-13 00:00"),
        ("7p", "2026-06-12 19:00"),
    ],
)
def test_overnight_shoot_times_after_call(phrase: str, local: str) -> None:
    result = parse_on_day(phrase, date(2026, 6, 12), LA, after=CALL)
    assert result.astimezone(Z).strftime("%Y-%m-%d %H:%M") == local


def test_overnight_across_fall_back_counts_real_hours() -> None:
    call = at("2026-10-31 18:00")
    wrap = parse_on_day("6a", date(2026, 10, 31), LA, after=call)
    assert (wrap - call).total_seconds() / 3600 == 13  # 12 on the clock, 13 worked
