"""The one time parser: what crew type on set, read in the production's time zone.

"630a", "tmrw 6", "fri 7a", "6/14 7p", "call 6am tomorrow", "in 2 hours". Wall-clock times
are built naive in the production's zone and the zone is attached afterwards, so DST change
days come out right; a time that does not exist (spring forward) or happens twice (fall back)
is refused with a message saying what to type, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2,
    "wednesday": 2, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
TOMORROW = {"tomorrow", "tmrw", "tmrow", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "tom"}
FILLER = {"call", "calltime", "at", "on", "by", "the", "@", "for", "is", "this", "coming"}
SUFFIXES = ("am", "a.m.", "a.m", "a", "pm", "p.m.", "p.m", "p")

_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.h]?(?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?|a|p)?$")
_DATE_MD = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?$")
_DATE_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
_RELATIVE = re.compile(
    r"^in\s+(?P<n>\d+(?:\.\d+)?|an?|half an)\s*(?P<u>m|mins?|minutes?|h|hrs?|hours?)$"
)


class TimeParseError(InvalidInput, ValueError):
    """A phrase that cannot be read as a time; the message says what to type instead.

    It is an InvalidInput, so a caller with nothing to add lets it reach the person as it is.
    `unreadable`: nothing in it was recognised (not a wrong date or hour), so a caller that
    asked for something narrower may say what it wanted instead.
    """

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


@dataclass(frozen=True)
class _Parts:
    day: date | None
    clock: time | None
    meridiem: bool  # whether am/pm (or a 24-hour form) fixed the hour
    zone_hint: str | None = None
    weekday: bool = False  # a weekday name: a week later if that time has passed


def warm() -> None:
    """Load dateparser's data now, not on the first crew member's command."""
    import dateparser  # here: the common phrases never need it (see _fallback)

    dateparser.parse("tomorrow 6am", languages=["en"])


def parse_when(text: str, tz: str, now: datetime, *, after: datetime | None = None) -> datetime:
    """An aware UTC datetime for a phrase with a time; bare times are the next one to come."""
    zone = ZoneInfo(tz)
    phrase = _normalise(text)
    relative = _RELATIVE.match(phrase)
    if relative:
        return (now.astimezone(UTC) + _duration(relative)).replace(microsecond=0)
    local_now = now.astimezone(zone).replace(tzinfo=None)
    parts = _split(phrase, local_now) or _fallback(phrase, local_now)
    if parts.clock is None:
        raise TimeParseError(f"“{text}” has no time in it. Add one, like “{text} 6:30a”.")
    floor = (after or now).astimezone(zone).replace(tzinfo=None)
    if parts.day is None:
        naive = _first_after(datetime.combine(floor.date(), parts.clock), floor, _step(parts))
    else:
        naive = datetime.combine(parts.day, parts.clock)
        if not parts.meridiem and after is not None:
            naive = _first_after(naive, floor, _step(parts))
        if parts.weekday and naive <= local_now:
            naive += timedelta(days=7)
    return _attach(naive, zone, text, parts.zone_hint)


def parse_day(text: str, tz: str, now: datetime) -> date:
    """A calendar day from "tomorrow", "fri", "6/14", "2026-06-14"; never in the past."""
    local_now = now.astimezone(ZoneInfo(tz)).replace(tzinfo=None)
    phrase = _normalise(text)
    parts = _split(phrase, local_now) or _fallback(phrase, local_now)
    if parts.day is None or parts.clock is not None:
        raise TimeParseError(f"“{text}” is not a day. Type a day like “tomorrow”, “fri” or “6/14”.")
    return parts.day


def quick_day(text: str, tz: str, now: datetime) -> date | None:
    """The day in `text` if it is one of the forms read without dateparser ("fri", "6/14",
    "tomorrow"), else None: a caller may then try other readings before the slow one."""
    try:
        parts = _split(_normalise(text), now.astimezone(ZoneInfo(tz)).replace(tzinfo=None))
    except TimeParseError:
        return None
    return parts.day if parts is not None and parts.clock is None else None


def parse_on_day(text: str, day: date, tz: str, *, after: datetime | None = None) -> datetime:
    """A time of day on `day`; with `after`, rolls past midnight (overnight shoots)."""
    zone = ZoneInfo(tz)
    parts = _split(_normalise(text), datetime.combine(day, time()))
    if parts is None or parts.clock is None or parts.day not in (None, day):
        raise TimeParseError(f"“{text}” is not a time of day. Type a time like “6:30a” or “18:30”.")
    naive = datetime.combine(day, parts.clock)
    if after is not None:
        floor = after.astimezone(zone).replace(tzinfo=None)
        naive = _first_after(naive, floor, _step(parts))
    return _attach(naive, zone, text, parts.zone_hint)


# -- reading the phrase -------------------------------------------------------------------
def _normalise(text: str) -> str:
    phrase = " ".join(text.lower().replace(",", " ").split())
    if not phrase:
        raise TimeParseError("Type a time, like “6:30a”, “tmrw 6am” or “fri 7p”.")
    return phrase


def _split(phrase: str, local_now: datetime) -> _Parts | None:
    """Our own reading of the phrase; None when a word is not ours to read."""
    words = [w for w in _join_suffixes(phrase.split()) if w not in FILLER]
    day: date | None = None
    clock: time | None = None
    meridiem = False
    zone_hint = None
    weekday = False
    for index, word in enumerate(words):
        if word == "next" and index + 1 < len(words) and words[index + 1] in WEEKDAYS:
            continue
        found_day = _read_day(word, local_now)
        if found_day is not None and day is None:
            day, weekday = found_day, word in WEEKDAYS
            if weekday and index and words[index - 1] == "next":
                day = _next_week(day, local_now.date())
            continue
        found_time = _read_time(word)
        if found_time is not None and clock is None:
            clock, meridiem = found_time
            continue
        if re.fullmatch(r"[a-z]{2,4}t", word) and clock is not None:
            zone_hint = word.upper()  # "1:30a pst": which of a doubled hour is meant
            continue
        if word in ("tonight", "this evening") and day is None:
            day = local_now.date()
            continue
        return None
    if day is None and clock is None:
        return None
    if words and words[0] == "tonight" and clock is not None and not meridiem:
        clock, meridiem = _pm(clock), True
    return _Parts(day, clock, meridiem, zone_hint, weekday)


def _next_week(day: date, today: date) -> date:
    """ "next fri": that weekday in the coming calendar week (Monday to Sunday)."""
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return monday + timedelta(days=day.weekday())


def _join_suffixes(words: list[str]) -> list[str]:
    """["6", "am"] -> ["6am"], so spaced meridiems read like joined ones."""
    joined: list[str] = []
    for word in words:
        if word in SUFFIXES and joined and joined[-1][-1].isdigit():
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _read_day(word: str, local_now: datetime) -> date | None:
    today = local_now.date()
    if word == "today":
        return today
    if word in TOMORROW:
        return today + timedelta(days=1)
    if word in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[word] - today.weekday()) % 7)
    match = _DATE_MD.match(word) or _DATE_ISO.match(word)
    if not match:
        return None
    month, dom, year = int(match["m"]), int(match["d"]), match["y"]
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, dom)
        candidate = date(today.year, month, dom)
        return candidate if candidate >= today else date(today.year + 1, month, dom)
    except ValueError as error:
        raise TimeParseError(
            f"“{word}” is not a real date. Type month/day, like “6/14”."
        ) from error


def _read_time(word: str) -> tuple[time, bool] | None:
    if word == "noon":
        return time(12), True
    if word == "midnight":
        return time(0), True
    match = _TIME.match(word)
    if not match:
        return None
    digits, ap = match["h"] + (match["m"] or ""), match["ap"]
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["m"] is None and len(match["h"]) > 2:
        return None
    if ap is None and len(digits) == 4 and word[:1] in "012" and ":" not in word:
        return _valid(hour, minute, word), True  # "0630", "1830": a 24-hour clock
    if ap:
        if not 1 <= hour <= 12:
            raise TimeParseError(f"“{word}” is not a time. Type “6:30a” or “18:30”.")
        hour = hour % 12 + (12 if ap.startswith("p") else 0)
        return _valid(hour, minute, word), True
    return _valid(hour, minute, word), hour == 0 or hour > 12


def _valid(hour: int, minute: int, word: str) -> time:
    if hour > 23 or minute > 59:
        raise TimeParseError(f"“{word}” is not a time. Type “6:30a” or “18:30”.")
    return time(hour, minute)


def _pm(clock: time) -> time:
    return clock.replace(hour=clock.hour + 12) if clock.hour < 12 else clock


def _fallback(phrase: str, local_now: datetime) -> _Parts:
    """dateparser for the long tail ("june 14 7pm", "next friday"), checked for sense."""
    # Imported on first use: with its locale data it cost `slate serve` ~0.2 s and ~7 MiB at
    # start, and the forms crew type most ("630a", "fri 7p", "tmrw") are read without it.
    import dateparser

    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": local_now,
            "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "REQUIRE_PARTS": ["day"],
        },
    )
    if parsed is None or abs(parsed.year - local_now.year) > 1:
        raise TimeParseError(
            f"I couldn't read “{phrase}” as a time. "
            "Try “6:30a”, “tmrw 6am”, “fri 7p” or “6/14 7p”.",
            unreadable=True,
        )
    has_time = bool(re.search(r"\d\s*(?:am|pm|a|p)\b|\d:\d\d|noon|midnight", phrase))
    return _Parts(parsed.date(), parsed.time() if has_time else None, True)


def _duration(match: re.Match[str]) -> timedelta:
    amount = {"a": 1.0, "an": 1.0, "half an": 0.5}.get(match["n"]) or float(match["n"])
    unit = match["u"]
    return timedelta(minutes=amount) if unit.startswith("m") else timedelta(hours=amount)


def _step(parts: _Parts) -> timedelta:
    """Without am/pm, "6:30" may be 06:30 or 18:30: step half a day; else a whole day."""
    return timedelta(days=1) if parts.meridiem else timedelta(hours=12)


def _first_after(naive: datetime, floor: datetime, step: timedelta) -> datetime:
    """The earliest of naive, naive+step, … that is later than `floor`."""
    while naive <= floor:
        naive += step
    return naive


def _attach(naive: datetime, zone: ZoneInfo, text: str, zone_hint: str | None) -> datetime:
    """Attach the production's zone, refusing times DST skips or repeats."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    shown = naive.strftime("%-I:%M %p").lower()
    if first.utcoffset() != second.utcoffset():
        if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
            raise TimeParseError(
                f"{shown} doesn't exist on {naive:%b %-d} — clocks spring forward. "
                f"Type a time after the change, like “3:00a”."
            )
        names = {first.tzname(): first, second.tzname(): second}
        if zone_hint in names:
            return names[zone_hint].astimezone(UTC)
        raise TimeParseError(
            f"{shown} happens twice on {naive:%b %-d} — clocks fall back. "
            f"Type “{text} {first.tzname()}” or “{text} {second.tzname()}”."
        )
    return first.astimezone(UTC)
