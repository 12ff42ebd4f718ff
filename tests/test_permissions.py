"""The permission table is the truth: help offers exactly what it allows, typed commands it
does not allow are refused, and every listener refuses people who are not on the production."""

from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import select

from bot import permissions
from bot.services.core import crew as crew_service
from bot.store.models import Person, Production
from slack_emulator import User
from tests.conftest import Crew
from tests.harness import Running

# How each typed action (an action with a `usage`) is typed, to check it is refused when not
# allowed. A new typed action must be added here, or the test says so.
TYPED = {
    "help.read": ("/slate", "help"),
    "production.create": ("/slate", "setup new"),
    "production.edit": ("/slate", "setup"),
    "production.use": ("/slate", "use"),
    "calltime.read": ("/calltime", ""),
    "callsheet.edit": ("/callsheet", "fri"),
    "callsheet.publish": ("/callsheet", "publish fri"),
    "schedule.change": ("/schedulechange", "fri call moves to 7a"),
    "problem.report": ("/problem", "generator is down"),
    "problem.list": ("/problems", ""),
    "expense.submit": ("/expense", "42.50 gaffer tape"),
    "expense.export": ("/expense", "export"),
    "budget.read": ("/budget", ""),
    "pettycash.read": ("/pettycash", ""),
    "payroll.read": ("/payroll", ""),
    "task.list": ("/tasks", ""),
    "task.assign": ("/assign", "<@{pa}> fetch ice by 3p"),
    "broadcast.send": ("/broadcast", ""),
    "gear.move": ("/gear", ""),
    "wrap.record": ("/wrap", "7p"),
    "documents.manage": ("/documents", ""),
    "meal.record": ("/meal", "start"),
}
REFUSED = re.compile(r"Only coordinators|not on .*crew list|not on any production|no longer exists")


def _join(running: Running, crew: Crew, name: str, role: str, position: str = "") -> User:
    user = running.emulator.workspace.add_user(name.split()[0].lower(), f"{name[:3]}@x.film")
    with running.db() as db:
        crew_service.import_crew(
            db,
            db.get(Production, crew.production_id),
            f"name,email,role,position,slack_user_id\n{name},,{role},{position},{user.id}\n",
        )
        db.commit()
    return user


def _people(running: Running, crew: Crew) -> dict[str, User]:
    return {
        "coordinator": crew.coordinator,
        "pa": crew.pa,
        "crew": crew.grip,
        "cast": _join(running, crew, "Ana Actor", "cast"),
        "the AD": _join(running, crew, "Adam Ad", "crew", "1st AD"),
        "nobody": crew.outsider,
    }


def _allowed(running: Running, crew: Crew, user: User) -> set[str]:
    with running.db() as db:
        person = db.scalar(
            select(Person).where(
                Person.production_id == crew.production_id, Person.slack_user_id == user.id
            )
        )
        return {a.name for a in permissions.ACTIONS.values() if permissions.allowed(person, a.name)}


def test_every_typed_action_is_known_to_this_test() -> None:
    assert set(TYPED) == {a.name for a in permissions.ACTIONS.values() if a.usage}


def test_help_offers_exactly_what_the_table_allows(running: Running, crew: Crew) -> None:
    """Per role and the AD: what /slate help lists is what they may do, and nothing else."""
    usage = {a.usage: a.name for a in permissions.ACTIONS.values() if a.usage}
    for who, user in _people(running, crew).items():
        reply = running.slack.command(user, "/slate", "help", channel=crew.crew_channel).json()
        listed = re.findall(r"`([^`]+)` — ", html.unescape(reply["blocks"][1]["text"]["text"]))
        offered = {usage[shown] for shown in listed}
        allowed = _allowed(running, crew, user)
        assert offered <= allowed, who
        assert {name for name in allowed if name in TYPED} == offered, who
    assert "/meal start|end [department]" in json.dumps(reply) or who == "nobody"


@pytest.mark.parametrize("who", ["pa", "crew", "cast", "the AD"])
def test_what_help_does_not_offer_is_refused_when_typed(
    running: Running, crew: Crew, who: str
) -> None:
    """Typing a command one's help leaves out gets a plain refusal and opens nothing."""
    user = _people(running, crew)[who]
    allowed = _allowed(running, crew, user)
    for name, (command, text) in TYPED.items():
        if name in allowed:
            continue
        opened = len(running.emulator.calls("views.open"))
        reply = running.slack.command(
            user, command, text.format(pa=crew.pa.id), channel=crew.crew_channel
        ).json()
        assert REFUSED.search(reply["text"]), (who, name, reply["text"])
        assert len(running.emulator.calls("views.open")) == opened, (who, name)


def test_the_ad_may_run_the_meal_clock(running: Running, crew: Crew) -> None:
    """An action offered by position (not role) is allowed when typed."""
    ad = _people(running, crew)["the AD"]
    reply = running.slack.command(ad, "/meal", "start", channel=crew.crew_channel).json()
    assert not REFUSED.search(reply["text"]) and "shoot day" in reply["text"]
