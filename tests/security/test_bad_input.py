"""The bad-input catalogue: every command and form, abused; each gets a plain refusal.

Each case is who, the entry point, what they send and the refusal they must read. Nothing is
stored by any of them and none is answered with the internal-error apology.
"""

from __future__ import annotations

import json
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
    opener: str = ""  # who opened the form, when someone else submits it (default: `who`)
    meta: dict[str, Any] = field(default_factory=dict)  # forged private_metadata fields


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
    Case(
        "coordinator",
        "form:/broadcast",
        {"message": "hi", "people": ["UNOTCREW1"]},
        "isn't on Night Owl's crew list",
    ),
]

FILES = [
    {"type": "file_input", "files": bad}
    for bad in (
        ["F0NOTADICT"],
        [{"name": "x.jpg"}],
        [{"id": "F1", "name": "n" * 300}],
        [{"id": "F1", "name": "x.jpg", "filetype": "jpg", "url_private": "u" * 501}],
        "F1",
    )
]
CHANNELS = [
    {"type": "multi_conversations_select", "selected_conversations": bad}
    for bad in (["<!channel>"], ["general"], [7])
]
FORGED += [
    *(
        Case(
            "grip",
            "form:/expense",
            {"amount": "10"},
            "Upload the file again",
            forged={"receipt": f},
        )
        for f in FILES
    ),
    *(
        Case(
            "grip",
            "form:/problem",
            {"description": "leak", "severity": "urgent"},
            "Upload the file again",
            forged={"photo": f},
        )
        for f in FILES
    ),
    *(
        Case(
            "coordinator",
            "form:/documents",
            {
                "kind": "insurance",
                "covers": "Rosa's",
                "valid_from": "2026-06-01",
                "expires": "2026-07-01",
            },
            "Upload the file again",
            arg="add",
            forged={"file": f},
        )
        for f in FILES
    ),
    *(
        Case(
            "coordinator",
            "form:/broadcast",
            {"message": "hi"},
            "Pick channels",
            forged={"channels": c},
        )
        for c in CHANNELS
    ),
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

COMMANDS = [
    "/assign",
    "/broadcast",
    "/budget",
    "/callsheet",
    "/calltime",
    "/documents",
    "/expense",
    "/gear",
    "/meal",
    "/onboarding",
    "/payroll",
    "/pettycash",
    "/problem",
    "/problems",
    "/schedulechange",
    "/tasks",
    "/wrap",
]
COORDINATORS_ONLY = [
    ("/assign", ""),
    ("/broadcast", ""),
    ("/budget", ""),
    ("/callsheet", "fri"),
    ("/documents", "add"),
    ("/payroll", ""),
    ("/schedulechange", "fri lunch 1p"),
    ("/wrap", "19:42"),
    ("/meal", "start"),
    ("/expense", "export"),
    ("/onboarding", "start @Gus Grip"),
    ("/onboarding", "packet contractor w9"),
]
GARBAGE = [
    "nul\x00byte",
    "<!channel> " + "z" * 3000,
    "'; DROP TABLE people; --",
    "NaN",
    "1e309",
    "-5",
    "\U0001f3ac\U0001f3ac",
    "@nobody",
    "2026-13-45",
    "zzz qqq",
]
# Who a command names is read by the one people reader: a name nobody has is said plainly.
NOBODY = "There's nobody called “nobody” on Night Owl's crew list."
NAMES_PEOPLE = ("/assign", "/calltime")
ANSWERS = {
    "/assign": "Name who should do it",
    "/calltime": "I can't read",
    "/problems": "is neither a day nor a department",
    "/slate": "I don't know `/slate",
}
TIMES = {
    "/callsheet": ("as a time", "not a real date"),
    "/wrap": ("not a time of day", "not a real date"),
}

PEOPLE = [
    *(Case("outsider", command, "", "not on Night Owl's crew list") for command in COMMANDS),
    *(Case("grip", command, text, "Only coordinators") for command, text in COORDINATORS_ONLY),
    *(
        Case(
            "coordinator",
            command,
            text,
            NOBODY if text == "@nobody" and command in NAMES_PEOPLE else refusal,
        )
        for command, refusal in ANSWERS.items()
        for text in GARBAGE
    ),
    *(
        Case("coordinator", command, text, date_error if text == "2026-13-45" else time_error)
        for command, (time_error, date_error) in TIMES.items()
        for text in GARBAGE
        if not text.startswith("<!channel>")
    ),
    Case("coordinator", "/meal", "NaN", "is not a time of day"),
    Case("coordinator", "/meal", "12:30-13:00 qqq", "No department"),
    Case("coordinator", "/meal", "25:00-26:00", "is not a time"),
    Case("coordinator", "/schedulechange", "", "Type the day and what changed"),
    Case("coordinator", "/schedulechange", "NaN", "Type the day and what changed"),
    Case("coordinator", "/schedulechange", "zzz fri", "as a time"),
    Case("grip", "/expense", "1e309 tape", "is a power of ten"),
    Case("grip", "/expense", "-5 tape", "more than zero"),
    Case("grip", "/expense", "42.999 tape", "decimals"),
    Case("grip", "/expense", "9" * 40 + " tape", "more than Slate can hold"),
    Case("grip", "/expense", "99999999 tape", "over this production's cap"),
    Case("grip", "/expense", "12 tape #nosuchline", "No budget line #nosuchline"),
    Case("coordinator", "/onboarding", "start", "Name one person on the crew list"),
    Case("coordinator", "/onboarding", "start zzz qqq", "Name one person on the crew list"),
    Case("coordinator", "/onboarding", "start @Gus Grip someday", "as a day"),
    Case("coordinator", "/onboarding", "@nobody", NOBODY),
    Case("coordinator", "/onboarding", "packet contractor passport", "I don't know “passport”"),
    Case("coordinator", "/onboarding", "packet freelancer w9", "Say which packet"),
]

FORMS = [
    *(
        Case("grip", "form:/expense", {"amount": amount}, refusal)
        for amount, refusal in [
            ("NaN", "is not an amount"),
            ("inf", "is not an amount"),
            ("-Infinity", "negative"),
            ("1e309", "power of ten"),
            ("-1", "negative"),
            ("0", "more than zero"),
            ("12,34,56", "is not an amount"),
            ("$", "is not an amount"),
            ("9" * 40, "more than Slate can hold"),
            ("1/2", "is not an amount"),
            ("0x10", "is not an amount"),
            ("", "Type the amount"),
        ]
    ),
    *(
        Case("coordinator", "form:/callsheet", {key: value}, refusal, arg="fri")
        for key, value, refusal in [
            ("general_call", "soon", "not a time of day"),
            ("general_call", "25:00", "is not a time"),
            ("general_call", "", "Type the general crew call"),
            ("shooting_call", "whenever", "not a time of day"),
            ("estimated_wrap", "yesterday", "not a time of day"),
            ("lunch", "noonish", "not a time of day"),
            ("breakfast", "99:99", "is not a time"),
            ("scenes", "just words", "Scene line 1"),
            ("scenes", "12 | INT | D | lots", "pages"),
            ("scenes", "12 | INT | X", "D/N must be"),
            ("scenes", "1" * 21 + " | INT | D", "keep the number under 20"),
            ("departments", "Grip abc", "minutes from general call"),
            ("departments", "Grip -9999999", "at most 720 minutes"),
            ("calls", "Nobody Here 5a", "isn't on the crew list"),
            ("calls", "Gus Grip 5x", "not a time of day"),
            ("location_coordinates", "1,2,3", "Type latitude, longitude"),
            ("location_name", "L" * 121, "Keep it under 120 characters (yours is 121)"),
        ]
    ),
    Case("grip", "form:/problem", {"description": "", "severity": "urgent"}, "Say what happened"),
    Case(
        "grip", "form:/problem", {"description": "d" * 3001, "severity": "urgent"}, "yours is 3001"
    ),
    Case(
        "grip",
        "form:/problem",
        {"description": "leak", "severity": "urgent", "place": "p" * 201},
        "Keep it under 200 characters (yours is 201)",
    ),
    Case("coordinator", "form:/assign", {"what": "", "who": ["@grip"]}, "Say what needs doing"),
    Case("coordinator", "form:/assign", {"what": "w" * 2001, "who": ["@grip"]}, "yours is 2001"),
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice", "who": ["@grip"], "place": "p" * 201},
        "yours is 201",
    ),
    Case(
        "coordinator",
        "form:/assign",
        {"what": "ice", "who": ["@grip"], "due": "whenever"},
        "as a time",
    ),
    Case("coordinator", "form:/assign", {"what": "ice"}, "Name who should do it"),
    Case("coordinator", "form:/broadcast", {"message": ""}, "Write the message"),
    Case(
        "coordinator",
        "form:/broadcast",
        {"message": "m" * 3001},
        "Keep it under 3000 characters (yours is 3001)",
    ),
    Case("coordinator", "form:/broadcast", {"message": "hi"}, "Nobody is in that audience"),
    Case(
        "coordinator",
        "form:/documents",
        {"kind": "insurance", "covers": ""},
        "Say which location or vendor",
        arg="add",
    ),
    Case(
        "coordinator",
        "form:/documents",
        {
            "kind": "insurance",
            "covers": "c" * 121,
            "valid_from": "2026-06-01",
            "expires": "2026-07-01",
        },
        "yours is 121",
        arg="add",
    ),
    Case(
        "coordinator",
        "form:/documents",
        {
            "kind": "insurance",
            "covers": "Rosa's",
            "valid_from": "2026-07-01",
            "expires": "2026-06-01",
        },
        "can't expire before it starts",
        arg="add",
    ),
    Case(
        "coordinator",
        "form:/documents",
        {"kind": "insurance", "covers": "Rosa's"},
        "Give the dates",
        arg="add",
    ),
    Case("coordinator", "form:dpr_edit", {"first_shot": "whenever"}, "not a time of day"),
    Case("coordinator", "form:dpr_edit", {"first_shot": "25:99"}, "is not a time"),
    Case("coordinator", "form:expense_reject", {"reason": ""}, "Say why it's rejected"),
    Case("grip", "form:task_cant", {"reason": ""}, "Say why"),
    Case("coordinator", "form:problem_update", {"update": ""}, "Say what's new"),
    Case("coordinator", "form:problem_resolve", {"resolution": ""}, "Say how it was resolved"),
    # A form opened by a coordinator, submitted by someone who may not.
    *(
        Case("grip", f"form:{opener}", answers, "Only coordinators", arg=arg, opener="coordinator")
        for opener, arg, answers in [
            ("/assign", "", {"what": "ice", "who": ["@grip"]}),
            ("/broadcast", "", {"message": "hi"}),
            ("/callsheet", "fri", {}),
            (
                "/documents",
                "add",
                {
                    "kind": "insurance",
                    "covers": "Rosa's",
                    "valid_from": "2026-06-01",
                    "expires": "2026-07-01",
                },
            ),
            ("expense_reject", "", {"reason": "no"}),
            ("dpr_edit", "", {"notes": "mine now"}),
        ]
    ),
    Case(
        "outsider", "form:/expense", {"amount": "10"}, "not on Night Owl's crew list", opener="grip"
    ),
    Case(
        "outsider",
        "form:/problem",
        {"description": "leak", "severity": "urgent"},
        "not on Night Owl's crew list",
        opener="grip",
    ),
    Case("pa", "form:task_cant", {"reason": "not mine"}, "someone else's", opener="grip"),
]

BUTTONS = [
    *(
        Case(who, f"button:{action}", value, refusal)
        for who, action in [
            ("coordinator", "expense_approve"),
            ("coordinator", "expense_reject"),
            ("grip", "task_accept"),
            ("grip", "task_done"),
            ("grip", "task_cant"),
            ("coordinator", "problem_take"),
            ("coordinator", "problem_update"),
            ("coordinator", "problem_resolve"),
            ("coordinator", "problem_reassign"),
        ]
        for value, refusal in [
            ("abc", "out of date"),
            ("99999999999999999999", "out of date"),
            ("-1", "out of date"),
            ("\uff11\uff12", "out of date"),  # full-width: isdigit() says yes
        ]
    ),
    *(
        Case("coordinator", f"button:{action}", value, "out of date")
        for action in ("dpr_edit", "dpr_post")
        for value in (
            "abc",
            '{"k":"dpr","v":1,"day_id":"abc"}',
            '{"k":"dpr","v":1,"day_id":99999999999}',
        )
    ),
]

METADATA = [
    Case(who, f"form:{opener}", answers, "out of date", arg=arg, meta=meta)
    for who, opener, arg, answers in [
        ("grip", "/expense", "", {"amount": "10"}),
        ("grip", "/problem", "", {"description": "leak", "severity": "urgent"}),
        ("coordinator", "/assign", "", {"what": "ice", "who": ["@grip"]}),
        ("coordinator", "/broadcast", "", {"message": "hi", "people": ["@grip"]}),
        ("coordinator", "/documents", "add", {"kind": "insurance", "covers": "Rosa's"}),
        ("coordinator", "/callsheet", "fri", {}),
    ]
    for meta in ({"production_id": "abc"}, {"production_id": 2**40}, {"k": "other"})
] + [
    Case(who, f"form:{opener}", answers, "out of date", meta=meta)
    for who, opener, answers, meta in [
        ("coordinator", "expense_reject", {"reason": "no"}, {"expense_id": "1; DROP"}),
        ("grip", "task_cant", {"reason": "no"}, {"task_id": [1]}),
        ("coordinator", "problem_update", {"update": "x"}, {"problem_id": True}),
        ("coordinator", "dpr_edit", {"notes": "x"}, {"day_id": "abc"}),
    ]
]

CASES = [*FORGED, *RANGES, *TOO_LONG, *PEOPLE, *FORMS, *BUTTONS, *METADATA]


@pytest.fixture(scope="module")
def world(database: Engine) -> Iterator[World]:
    """One Slate for the whole catalogue: a refusal changes nothing, so cases cannot interfere."""
    yield from build_world(database)


def _people(world: World, value: Any) -> Any:
    """`@grip` in a case's answers is the grip's Slack id in this workspace."""
    if isinstance(value, list):
        return [world.user(v[1:]).id if str(v).startswith("@") else v for v in value]
    return value


def _ids(case: Case) -> str:
    sent = "".join(c if c.isalnum() or c in "-_:./ " else "?" for c in str(case.sent)[:24])
    return f"{case.who}-{case.entry}-{sent}-{'+'.join(sorted(case.forged))}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_bad_input_is_refused_plainly_and_stores_nothing(world: World, case: Case) -> None:
    if case.entry.startswith("button:"):
        before = world.snapshot()
        said = world.press(case.who, case.entry[7:], case.sent)
    elif case.entry.startswith("form:"):
        view = world.open_form(case.opener or case.who, case.entry[5:], case.arg)
        before = world.snapshot()
        answers = {k: _people(world, v) for k, v in case.sent.items()}
        if case.meta:
            view = dict(
                view,
                private_metadata=json.dumps({**json.loads(view["private_metadata"]), **case.meta}),
            )
        reply = world.submit(case.who, view, answers, case.forged)
        assert reply.status_code == 200
        said = " ".join(reply.json().get("errors", {}).values()) if reply.content else ""
    else:
        before = world.snapshot()
        reply = world.running.slack.command(
            world.user(case.who), case.entry, case.sent, channel=world.crew.crew_channel
        )
        said = reply.json().get("text", "") if reply.content else ""
    world.running.deliver()
    assert case.refusal in said, said
    assert SORRY not in said
    assert world.snapshot() == before
