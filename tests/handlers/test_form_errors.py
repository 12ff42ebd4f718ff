"""Forms answer every wrong field at once, each on its own field, and store nothing."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.store.models_callsheet import Location
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, days
from tests.harness import Running

# One wrong answer per editor field, each wrong on its own (not because of another field).
BAD = {
    "general_call": "25:99",
    "shooting_call": "banana",
    "estimated_wrap": "later",
    "breakfast": "soon",
    "lunch": "noonish o'clock",
    "location_address": "",
    "location_hospital": "Good Samaritan · 1225 Wilshire · " + "5" * 60,
    "location_coordinates": "999, -999",
    "scenes": "12 | INT. DINER",
    "departments": "Camera sometime",
    "calls": "Nobody Known 5:30a",
}


def locations(running: Running) -> list[Location]:
    """Every stored location."""
    with running.db() as db:
        return list(db.scalars(select(Location)))


def _errors(response: Any) -> dict[str, str]:
    body = response.json()
    assert body["response_action"] == "errors", body
    return body["errors"]


def test_five_typos_get_five_field_errors_in_one_answer(running: Running, crew: Crew) -> None:
    typos = {k: BAD[k] for k in ("general_call", "lunch", "scenes", "departments", "calls")}
    errors = _errors(compose(running, crew, **typos))
    assert set(errors) == set(typos)
    assert "6:30a" in errors["general_call"]  # each says what to type
    assert "Scene line 1" in errors["scenes"]
    assert "Camera -30" in errors["departments"]
    assert "Nobody Known" in errors["calls"]
    assert days(running) == [] and locations(running) == []  # nothing stored


def test_coordinates_out_of_range_are_refused_on_their_field(running: Running, crew: Crew) -> None:
    errors = _errors(compose(running, crew, location_coordinates="999, -999"))
    assert set(errors) == {"location_coordinates"}
    assert "-90 to 90" in errors["location_coordinates"]
    assert "34.0522, -118.2437" in errors["location_coordinates"]
    assert days(running) == []
    for half in ("34.05", "34.05, ", "north, west", "91, 0", "0, 181"):
        errors = _errors(compose(running, crew, location_coordinates=half))
        assert set(errors) == {"location_coordinates"}, half
    assert days(running) == []
    # Both in range, or neither, is saved.
    assert compose(running, crew, location_coordinates="-90, 180").status_code == 200
    assert [(loc.latitude, loc.longitude) for loc in locations(running)] == [(-90, 180)]
    assert compose(running, crew, location_coordinates="").status_code == 200


def test_a_good_form_after_a_bad_one_saves(running: Running, crew: Crew) -> None:
    _errors(compose(running, crew, **BAD))
    assert days(running) == []
    assert compose(running, crew).status_code == 200
    assert [str(d.date) for d in days(running)] == ["2026-06-12"]


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=st.sets(st.sampled_from(sorted(BAD)), min_size=1))
def test_the_errors_returned_are_exactly_the_bad_fields(
    running: Running, crew: Crew, bad: set[str]
) -> None:
    """For any set of wrong fields, the answer names exactly those fields and stores nothing."""
    errors = _errors(compose(running, crew, **{k: BAD[k] for k in bad}))
    assert set(errors) == bad
    assert all(0 < len(message) <= 150 for message in errors.values())
    assert days(running) == []
