"""Forms answer every wrong field at once, each on its own field, and store nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.store.models_callsheet import Location
from bot.store.models_money import Expense
from bot.store.models_problems import Problem
from bot.store.models_tasks import Broadcast, Task
from bot.store.models_wrap import Document
from tests.conftest import NOW, Crew
from tests.handlers.callsheet_helpers import compose, days, publish
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


# -- every other form with more than one field: all wrong fields in one answer ----------------
def _form(running: Running, who: Any, command: str, text: str = "") -> dict:
    running.slack.command(who, command, text, channel=None)
    return running.slack.last_view(who)


def _count(running: Running, model: type) -> int:
    with running.db() as db:
        return len(db.scalars(select(model)).all())


def test_the_expense_form_answers_amount_date_and_vendor_at_once(
    running: Running, crew: Crew
) -> None:
    view = _form(running, crew.grip, "/expense")
    future = (NOW + timedelta(days=3)).date().isoformat()
    answers = {"amount": "abc", "spent_on": future, "vendor": "v" * 121, "method": "personal"}
    errors = _errors(running.slack.submit(crew.grip, view, answers))
    assert set(errors) == {"amount", "spent_on", "vendor"}
    assert "is not an amount" in errors["amount"] and "in the future" in errors["spent_on"]
    assert _count(running, Expense) == 0


def test_the_problem_form_answers_every_field_at_once(running: Running, crew: Crew) -> None:
    view = _form(running, crew.pa, "/problem")
    answers = {"description": "", "place": "p" * 201, "severity": "attention"}
    errors = _errors(running.slack.submit(crew.pa, view, answers))
    assert set(errors) == {"description", "place"}
    assert _count(running, Problem) == 0


def test_the_assign_form_answers_every_field_at_once(running: Running, crew: Crew) -> None:
    view = _form(running, crew.coordinator, "/assign")
    answers = {"what": "", "who": [crew.outsider.id], "due": "whenever"}
    errors = _errors(running.slack.submit(crew.coordinator, view, answers))
    assert set(errors) == {"what", "who", "due"}
    assert "Say what needs doing" in errors["what"] and "crew list" in errors["who"]
    assert _count(running, Task) == 0


def test_the_broadcast_form_answers_message_and_audience_at_once(
    running: Running, crew: Crew
) -> None:
    view = _form(running, crew.coordinator, "/broadcast")
    answers = {"message": "", "people": [crew.outsider.id], "day": "2026-06-13"}
    errors = _errors(running.slack.submit(crew.coordinator, view, answers))
    assert set(errors) == {"message", "people", "day"}
    assert "no shoot day on Sat Jun 13" in errors["day"]
    assert _count(running, Broadcast) == 0


def test_the_documents_form_answers_every_field_at_once(running: Running, crew: Crew) -> None:
    view = _form(running, crew.coordinator, "/documents", "add")
    answers = {"kind": "film_permit", "covers": "", "valid_from": "2026-07-01"}
    errors = _errors(running.slack.submit(crew.coordinator, view, answers))
    assert set(errors) == {"covers", "expires"}
    answers |= {"covers": "c" * 121, "expires": "2026-06-01"}
    errors = _errors(running.slack.submit(crew.coordinator, view, answers))
    assert set(errors) == {"covers", "expires"} and "before it starts" in errors["expires"]
    assert _count(running, Document) == 0


def test_the_schedule_change_form_answers_every_field_at_once(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    before = days(running)[0]
    view = _form(running, crew.coordinator, "/schedulechange", "fri")
    values = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"][1:]}
    answers = {k: v for k, v in values.items() if v}
    answers |= {"lunch": "whenever", "estimated_wrap": "later", "shooting_call": "9a"}
    errors = _errors(running.slack.submit(crew.coordinator, view, answers))
    assert set(errors) == {"lunch", "estimated_wrap"}
    after = days(running)[0]
    assert (after.shooting_call, after.revision) == (before.shooting_call, before.revision)


def test_a_one_liner_with_two_bad_parts_names_both_and_says_what_to_type_once(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    reply = running.slack.command(
        crew.coordinator,
        "/schedulechange",
        "fri lunch whenever, wrap later",
        channel=crew.coordinators_channel,
    ).json()["text"]
    assert "“lunch whenever”" in reply and "“wrap later”" in reply
    assert reply.count("/schedulechange fri lunch 1p, wrap 8p") == 1
    assert days(running)[0].revision == 1
