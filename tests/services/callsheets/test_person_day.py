"""A person's day: it survives storage exactly, and a revision names what differs, nothing else."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.services.callsheets import person_day
from bot.services.callsheets.person_day import PersonDay

moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
text = st.text(max_size=40)
maybe = st.none() | text
days = st.builds(
    PersonDay,
    production=text,
    tz=st.sampled_from(["UTC", "America/Los_Angeles", "Europe/Berlin"]),
    date=st.dates(),
    day_number=st.integers(0, 500),
    revision=st.integers(0, 99),
    name=text,
    role=st.sampled_from(["cast", "crew", "pa", "coordinator"]),
    department=maybe,
    call_at=moments,
    shooting_call=st.none() | moments,
    pickup_at=st.none() | moments,
    hmu_at=st.none() | moments,
    location=maybe,
    address=maybe,
    parking=maybe,
    basecamp=maybe,
    hospital_name=maybe,
    hospital_address=maybe,
    hospital_phone=maybe,
    breakfast=st.none() | moments,
    lunch=st.none() | moments,
    estimated_wrap=st.none() | moments,
    scenes=st.lists(st.text(min_size=1, max_size=5), max_size=8).map(tuple),
    notes=maybe,
    weather=maybe,
)


@given(days)
def test_a_person_day_round_trips_through_stored_json(day: PersonDay) -> None:
    stored = json.loads(json.dumps(day.to_json()))
    assert PersonDay.from_json(stored) == day


@given(days, days)
def test_a_revision_names_a_change_exactly_when_what_the_person_sees_differs(
    before: PersonDay, after: PersonDay
) -> None:
    old, new = before.to_json(), after.to_json()
    found = person_day.changes(old, new)
    assert bool(found) == (person_day.compared(old) != person_day.compared(new))
    assert len({c.label for c in found}) == len(found)  # one line per thing, never twice
    assert person_day.changes(old, old) == []


@given(days, st.sampled_from(["parking", "lunch", "hospital_name", "notes", "weather"]))
def test_a_row_stored_before_a_key_existed_never_reports_that_key(day: PersonDay, key: str) -> None:
    """Older Slates stored less: what they did not store is unchanged, so upgrades are silent."""
    missing = person_day.HOSPITAL if key.startswith("hospital") else (key,)
    old = {k: v for k, v in day.to_json().items() if k not in missing}
    changed = dataclasses.replace(day, **{key: _other(getattr(day, key))}).to_json()
    assert person_day.changes(old, changed) == []
    assert person_day.changes(day.to_json(), changed) != []


def _other(value: object) -> object:
    if isinstance(value, datetime):
        return value + timedelta(minutes=15)
    return f"{value or ''} (new)"


def test_change_lines_read_old_then_new() -> None:
    before = PersonDay(
        "N",
        "UTC",
        datetime(2026, 6, 12).date(),
        1,
        1,
        "Ana",
        "cast",
        None,
        datetime(2026, 6, 12, 6, tzinfo=UTC),
        parking="Lot B",
        notes="a",
    )
    after = dataclasses.replace(before, parking="Lot C", notes="b", pickup_at=before.call_at)
    assert [
        (c.label, c.before, c.after) for c in person_day.changes(before.to_json(), after.to_json())
    ] == [
        ("Pickup", None, before.call_at.isoformat()),
        ("Parking", "Lot B", "Lot C"),
        ("Notes", "a", "b"),
    ]
