"""The bad-input catalogue: every command and form, abused; each gets a plain refusal.

Each case is who, the entry point, what they send and the refusal they must read. Nothing is
stored by any of them and none is answered with the internal-error apology.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import Engine

from tests.security.bad_input_world import SORRY, World, build_world

LONG = "x" * 2001


@dataclass(frozen=True)
class Case:
    """Who sends what where, and the refusal they should read."""

    who: str
    entry: str  # a slash command, or "form:<opener>" (a command or a button's action_id)
    sent: Any  # the command's text, or the form's answers
    refusal: str
    arg: str = ""  # the opener command's text
    forged: dict[str, Any] = field(default_factory=dict)  # raw states only a forged form sends


def pick(value: str) -> dict[str, Any]:
    """A static select's state carrying `value`, whatever the options were."""
    return {"type": "static_select", "selected_option": {"value": value}}


def day(value: str) -> dict[str, Any]:
    """A datepicker's state carrying `value`."""
    return {"type": "datepicker", "selected_date": value}


def person(value: str) -> dict[str, Any]:
    """A users_select's state carrying `value`."""
    return {"type": "users_select", "selected_user": value}


FORGED = [
    # Bad ISO dates in every datepicker.
    Case(
        "grip",
        "form:/expense",
        {"amount": "10"},
        "Pick a date",
        forged={"spent_on": day("2026-13-45")},
    ),
    Case(
        "grip",
        "form:/expense",
        {"amount": "10"},
        "Pick a date",
        forged={"spent_on": day("yesterday")},
    ),
    Case(
        "grip",
        "form:/expense",
        {"amount": "10"},
        "Pick a date",
        forged={"spent_on": day("99999-01-01")},
    ),
    Case(
        "coordinator",
        "form:/callsheet",
        {},
        "Pick a date",
        arg="fri",
        forged={"date": day("2026-02-30")},
    ),
    Case(
        "coordinator", "form:/broadcast", {"message": "hi"}, "Pick a date", forged={"day": day("0")}
    ),
    Case(
        "coordinator",
        "form:/documents",
        {"covers": "Rosa's"},
        "Pick a date",
        arg="add",
        forged={"expires": day("2026-06-31")},
    ),
    Case(
        "coordinator",
        "form:/documents",
        {"covers": "Rosa's"},
        "Pick a date",
        arg="add",
        forged={"valid_from": day("nope")},
    ),
    # A department that is not the production's.
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice"},
        "Pick from the list",
        forged={"department": pick("abc")},
    ),
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice"},
        "Pick from the list",
        forged={"department": pick("99999")},
    ),
    Case(
        "grip",
        "form:/problem",
        {"description": "leak", "severity": "attention"},
        "Pick from the list",
        forged={"department": pick("abc")},
    ),
    Case(
        "coordinator",
        "form:/broadcast",
        {"message": "hi"},
        "Pick from the list",
        forged={
            "departments": {"type": "multi_static_select", "selected_options": [{"value": "abc"}]}
        },
    ),
    # A priority, method, severity, kind or role not in its list.
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice", "who": None},
        "Pick from the list",
        forged={"priority": pick("ultra")},
    ),
    Case(
        "grip",
        "form:/expense",
        {"amount": "10"},
        "Pick from the list",
        forged={"method": pick("bitcoin")},
    ),
    Case(
        "grip",
        "form:/problem",
        {"description": "leak"},
        "Pick from the list",
        forged={"severity": pick("apocalyptic")},
    ),
    Case(
        "coordinator",
        "form:/documents",
        {"covers": "Rosa's"},
        "Pick from the list",
        arg="add",
        forged={"kind": pick("treasure_map")},
    ),
    Case(
        "grip",
        "form:/expense",
        {"amount": "10"},
        "Pick from the list",
        forged={"budget_line": pick("abc")},
    ),
    # A person who is not on the crew, or not a person at all.
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice"},
        "isn't on Night Owl's crew",
        forged={"who": {"type": "multi_users_select", "selected_users": ["UNOTCREW1"]}},
    ),
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice"},
        "Pick people",
        forged={"who": {"type": "multi_users_select", "selected_users": ["<!channel>"]}},
    ),
    Case(
        "coordinator",
        "form:problem_reassign",
        {},
        "Pick people",
        forged={"owner": person("<!here>")},
    ),
    Case("coordinator", "form:problem_reassign", {}, "crew", forged={"owner": person("UNOTCREW1")}),
]

RANGES = [
    # Expense dates: more than a year back, or beyond tomorrow.
    Case(
        "grip", "form:/expense", {"amount": "10", "spent_on": "0001-01-01"}, "more than a year back"
    ),
    Case(
        "grip", "form:/expense", {"amount": "10", "spent_on": "2025-06-11"}, "more than a year back"
    ),
    Case("grip", "form:/expense", {"amount": "10", "spent_on": "2026-06-14"}, "in the future"),
    Case("grip", "form:/expense", {"amount": "10", "spent_on": "9999-12-31"}, "in the future"),
    # Coordinates in the call-sheet editor.
    *(
        Case("coordinator", "form:/callsheet", {"location_coordinates": text}, refusal, arg="fri")
        for text, refusal in [
            ("91, 0", "latitude should be a number from -90 to 90"),
            ("-90.5, 0", "latitude should be a number from -90 to 90"),
            ("0, 180.01", "longitude should be a number from -180 to 180"),
            ("0, -181", "longitude should be a number from -180 to 180"),
            ("NaN, 0", "latitude should be a number"),
            ("0, inf", "longitude should be a number"),
            ("-Infinity, 0", "latitude should be a number"),
            ("1e999, 0", "latitude should be a number"),
            ("north, west", "latitude should be a number"),
            ("34.05", "Type latitude, longitude"),
        ]
    ),
]

TOO_LONG = [
    Case(
        "grip",
        "form:/expense",
        {"amount": "10", "description": LONG},
        "Keep it under 2000 characters (yours is 2001)",
    ),
    Case(
        "grip",
        "form:/expense",
        {"amount": "10", "vendor": "v" * 121},
        "Keep it under 120 characters (yours is 121)",
    ),
    Case(
        "coordinator",
        "form:expense_reject",
        {"reason": LONG},
        "Keep it under 2000 characters (yours is 2001)",
    ),
    Case(
        "grip", "form:task_cant", {"reason": LONG}, "Keep it under 2000 characters (yours is 2001)"
    ),
    Case(
        "coordinator",
        "form:dpr_edit",
        {"notes": "n" * 2501},
        "Keep it under 2500 characters (yours is 2501)",
    ),
    Case(
        "coordinator",
        "form:problem_update",
        {"update": "u" * 3001},
        "Keep it under 3000 characters",
    ),
    Case(
        "coordinator",
        "form:problem_resolve",
        {"resolution": "r" * 3001},
        "Keep it under 3000 characters",
    ),
]

CASES = [*FORGED, *RANGES, *TOO_LONG]


@pytest.fixture(scope="module")
def world(database: Engine) -> Iterator[World]:
    """One Slate for the whole catalogue: a refusal changes nothing, so cases cannot interfere."""
    yield from build_world(database)


def _ids(case: Case) -> str:
    return f"{case.who}-{case.entry}-{str(case.sent)[:40]}-{sorted(case.forged)}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_bad_input_is_refused_plainly_and_stores_nothing(world: World, case: Case) -> None:
    if case.entry.startswith("form:"):
        view = world.open_form(case.who, case.entry[5:], case.arg)
        before = world.snapshot()
        reply = world.submit(case.who, view, case.sent, case.forged)
        assert reply.status_code == 200
        said = " ".join(reply.json().get("errors", {}).values()) if reply.content else ""
    else:
        before = world.snapshot()
        reply = world.running.slack.command(world.user(case.who), case.entry, case.sent)
        said = reply.json().get("text", "") if reply.content else ""
    world.running.deliver()
    assert case.refusal in said, said
    assert SORRY not in said
    assert world.snapshot() == before
