"""The permission table is the truth: help offers exactly what it allows, typed commands it
does not allow are refused, and every listener refuses people who are not on the production."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot import handlers, permissions
from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.store.models import Base, OutboxMessage, Person, Production
from slack_emulator import User, payloads
from tests.conftest import NOW, Crew
from tests.handlers import booking_staging
from tests.handlers.callsheet_helpers import compose, publish
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
    "avail.ask": ("/avail", ""),
    "hold.read": ("/holds", ""),
    "hold.place": ("/hold", "<@{pa}> Key Grip 6/14-6/16 first"),
    "booking.manage": ("/book", ""),
    "booking.read": ("/bookings", ""),
    "onboarding.read": ("/onboarding", ""),
    "catering.read": ("/catering", "fri"),
    "transport.edit": ("/transport", "fri"),
    "rental.manage": ("/rental", ""),
    "travel.read": ("/travel", ""),
    "travel.manage": ("/travel", "rooming"),
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


# -- The listener walk -----------------------------------------------------------------------
# Every listener Bolt has registered is driven over the wire by people who must be refused:
# someone on no production, and, for buttons and forms (they carry a real object's id), a
# coordinator of another production. Each must get a plain refusal and change nothing.

Listener = tuple[str, str]  # (kind, name): ("command", "/slate"), ("action", "task_done"), ...
# Listeners that still let someone through, as (listener, who): none. Should one ever need
# listing, the walk fails when it is refused again (remove it) and when anything else leaks.
KNOWN_OPEN: set[tuple[Listener, str]] = set()
WALK_REFUSED = re.compile(
    r"Only coordinators|(n't|not) on .*crew list|not on (any|a) production|no longer exists"
    r"|someone else's|wasn't sent to you|not on the call sheet"
)


def _listeners(running: Running) -> set[Listener]:
    """What Bolt will dispatch to, read from each listener's primary matcher."""
    handlers.load_all(running.slate.bolt)  # features register on first use; walk them all
    found = set()
    for listener in running.slate.bolt._listeners:
        func = listener.matchers[0].func
        cells = [cell.cell_contents for cell in func.__closure__ or ()]
        name = next(
            c if isinstance(c, str) else c["type"] for c in cells if isinstance(c, str | dict)
        )
        found.add((func.__qualname__.split(".")[0], name))
    return found - SLACK_ONLY


def _command(text: str):
    def drive(running: Running, walk: Walk, actor: User):
        return running.slack.command(actor, walk.command, text, channel=walk.crew.crew_channel)

    return drive


def _with(ws: Any, action_id: str) -> Any:
    """The latest message or ephemeral carrying the element `action_id`."""
    for message in reversed([*ws.messages, *ws.ephemerals]):
        if _element(message.blocks, action_id) is not None:
            return message
    raise LookupError(f"the staging made no message with a {action_id} element")


def _click(running: Running, walk: Walk, actor: User):
    if walk.name in ON_HOME:
        home = next(iter(running.emulator.workspace.home.values()))
        return running.slack.click(actor, walk.name, view=home)
    message = _with(running.emulator.workspace, walk.name)
    element = _element(message.blocks, walk.name) or {}
    options = element.get("options") or [{}]
    # The picker: the production under attack, not the stranger's own.
    value = next((o for o in options if "Night Owl" in json.dumps(o)), options[0]).get("value")
    if element.get("type") == "checkboxes":
        value = [value]
    return running.slack.click(actor, walk.name, message=message, value=value)


def _element(blocks: list[dict], action_id: str) -> dict | None:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return element
    return None


def _submit(running: Running, walk: Walk, actor: User):
    view = running.slack.last_view_named(walk.name)
    return running.slack.submit(actor, view, ANSWERS.get(walk.name, {}))


def _shortcut(running: Running, walk: Walk, actor: User):
    message = running.emulator.workspace.channel_messages(walk.crew.crew_channel)[0]
    return running.slack.message_shortcut(actor, walk.name, message)


def _suggest(running: Running, walk: Walk, actor: User):
    """Type into an external select of Night Owl's form (the expense form, for budget lines)."""
    view = running.slack.last_view_named(SUGGESTED_IN[walk.name])
    ws = running.emulator.workspace
    payload = payloads.block_suggestion(ws, actor, view, walk.name, walk.name, "")
    return running.slack.send_interaction(payload)


def _joined(running: Running, walk: Walk, actor: User):
    event = {"type": walk.name, "user": actor.id, "channel": walk.crew.crew_channel}
    return running.slack.send_event(event)


ANSWERS = {
    "slate_setup": {"name": "Hijacked"},
    "problem_report": {"description": "hijacked", "severity": "urgent"},
    "problem_update_modal": {"update": "hijacked"},
    "problem_resolve_modal": {"resolution": "hijacked"},
    "task_assign": {"who": ["U0000003"], "what": "hijacked"},
    "task_cant_modal": {"reason": "hijacked"},
    "task_reassign_modal": {"who": "U0000003"},
    "problem_reassign_modal": {"owner": "U0000003"},
    "broadcast_send": {"message": "hijacked", "roles": ["crew"], "ack": ["yes"]},
    "expense_form": {"amount": "1", "description": "hijacked"},
    "expense_reject_modal": {"reason": "hijacked"},
    "dpr_edit_modal": {"notes": "hijacked"},
    "schedule_change_form": {"general_call": "5a", "location_name": "Rosa's Diner"},
    "avail_ask": {"position": "x", "first_day": "2026-06-14", "members": ["U0000003"]},
    "avail_partly": {"days": ["2026-06-14"]},
    "booking_book": {"person": "U0000003", "position": "x", "first_day": "2026-06-14", "rate": "1"},
    "onboarding_form": {"diet": "vegan"},
    "diet_save": {"diet": "vegan", "allergies": "hijacked"},
    "travel_add": {
        "person": "U0000003",
        "kind": "hotel",
        "start": "2026-06-12",
        "end": "2026-06-13",
    }
    | {"details": "hijacked"},
}
COMMANDS = {
    "/slate": "setup",
    "/callsheet": "publish fri",
    "/calltime": "",
    "/problem": "hijacked",
    "/problems": "",
    "/assign": "<@U0000002> hijacked by 3p",
    "/tasks": "",
    "/broadcast": "",
    "/schedulechange": "fri call moves to 7a",
    "/expense": "42.50 hijacked",
    "/budget": "",
    "/pettycash": "",
    "/wrap": "7p",
    "/gear": "out c-stand 12",
    "/documents": "",
    "/payroll": "",
    "/meal": "start",
    "/avail": "",
    "/holds": "",
    "/hold": "<@U0000002> Hijacked 6/14 first",
    "/book": "",
    "/bookings": "",
    "/onboarding": "",
    "/catering": "add fri 4 hijacked",
    "/transport": "vehicle Hijacked",
    "/rental": "add #cam 1 hijacked; kit; 6/11 to 6/12",
    "/travel": "rooming",
}


@dataclass
class Walk:
    """One listener being driven: its name, the staged production and its crew."""

    kind: str
    name: str
    crew: Crew

    @property
    def command(self) -> str:
        """The slash command, for command listeners."""
        return self.name


Driver = Callable[[Running, Walk, User], Any]
DRIVE: dict[str, Driver] = {
    "action": _click,
    "view_submission": _submit,
    "shortcut": _shortcut,
    "options": _suggest,
}
EVENTS: dict[str, Driver] = {
    "app_home_opened": lambda running, walk, actor: running.slack.open_home(actor),
    "message": lambda running, walk, actor: running.slack.dm_app(actor, "what's my call?"),
    "member_joined_channel": _joined,
}
# The modal each external select sits in (block_suggestion listeners).
SUGGESTED_IN = {"budget_line": "expense_form"}
# Listeners that answer nobody by design: someone joining a channel (only Slate's own
# invite matters). The walk still checks they change nothing.
SILENT = {"member_joined_channel"}
# Events only Slack sends, about the app itself (no person acts): an uninstall or a token
# revocation stops Slate for that workspace (tests/teams/test_uninstall.py).
SLACK_ONLY = {("event", "app_uninstalled"), ("event", "tokens_revoked")}
# Forms that create something: their production is the submitter's, so only an outsider is
# walked through them (a coordinator of another production may create in their own).
CREATES = {"problem_report", "task_assign", "broadcast_send", "document_add", "diet_open"}
# Buttons that live on someone's App Home tab, not on a message.
ON_HOME = {"diet_open"}


def _driver(listener: Listener) -> Driver | None:
    kind, name = listener
    if kind == "command":
        return _command(COMMANDS[name]) if name in COMMANDS else None
    if kind == "event":
        return EVENTS.get(name)
    return DRIVE.get(kind)


def _stage(running: Running, crew: Crew) -> User:
    """Night Owl with one of everything a button or form acts on; returns Daybreak's coordinator."""
    ws, slack, cora = running.emulator.workspace, running.slack, crew.coordinator
    problems_channel = ws.add_channel("nightowl-problems").id
    dan = ws.add_user("dan", "dan@daybreak.film", real_name="Dan Daybreak")
    with running.db() as db:
        db.get(Production, crew.production_id).problems_channel_id = problems_channel
        daybreak = productions.create_production(
            db,
            ws.team_id,
            productions.ProductionForm("Daybreak", "UTC"),
            now=NOW,
            creator_id=dan.id,
        )
        db.add(Person(production_id=daybreak.id, slack_user_id=cora.id, name="Cora", role="crew"))
        db.commit()
    ws.post_as(crew.grip, crew.crew_channel, "the genny is down")
    office = crew.coordinators_channel  # Cora is on two productions: she works in its channel
    slack.command(cora, "/slate", "use")  # the production picker
    compose(running, crew)
    publish(running, crew)  # Confirm buttons
    pickup = f"pickup fri @{crew.pa.name} 5:45a @{crew.grip.name} 1 Main St"
    slack.command(cora, "/transport", pickup, channel=office)  # a run sheet with its buttons
    slack.command(cora, "/schedulechange", "fri", channel=office)  # the schedule-change form
    compose(running, crew, "sat", general_call="6a", lunch="1:30p")
    publish(running, crew, "sat")  # "Publish anyway": lunch is 7.5 h after call
    for severity in ("attention", "safety"):
        slack.command(crew.pa, "/problem", f"{severity} problem")
        slack.submit(crew.pa, slack.last_view(crew.pa), {"severity": severity})
        running.deliver()
    safety = ws.channel_messages(problems_channel)[-1]
    slack.click(crew.grip, "problem_take", message=safety)  # asks the owner about work
    first = ws.channel_messages(problems_channel)[0]
    for follow_up in ("problem_update", "problem_resolve", "problem_reassign"):
        slack.click(cora, follow_up, message=first)
    for what in ("fetch sandbags", "fetch ice", "fetch water"):
        slack.command(cora, "/assign", f"<@{crew.grip.id}> {what} by 3p", channel=office)
    running.deliver()
    sandbags, ice, _ = [m for m in ws.dm_messages(crew.grip.id) if m.text.startswith("New task")]
    slack.click(crew.grip, "task_accept", message=sandbags)
    slack.click(crew.grip, "task_cant", message=ice)
    slack.submit(crew.grip, slack.last_view(crew.grip), {"reason": "no truck"})
    running.deliver()
    slack.click(cora, "task_reassign", message=ws.dm_messages(cora.id)[-1])  # "can't do it"
    slack.command(cora, "/assign", "", channel=office)
    slack.command(cora, "/broadcast", channel=office)
    slack.submit(
        cora, slack.last_view(cora), {"message": "rain plan", "roles": ["crew"], "ack": ["yes"]}
    )
    slack.command(crew.grip, "/expense", "42.50 gaffer tape")
    running.deliver()
    slack.click(
        cora,
        "expense_reject",
        message=next(
            m
            for m in ws.channel_messages(crew.coordinators_channel)
            if m.text.startswith("Expense #1 ")
        ),
    )
    slack.click(crew.grip, "expense_edit", message=_with(ws, "expense_edit"))
    slack.command(cora, "/documents", "add", channel=office)
    slack.command(cora, "/travel", "add", channel=office)
    slack.open_home(crew.pa)
    running.deliver()
    slack.click(crew.pa, "diet_open", view=ws.home[crew.pa.id])  # the dietary form
    slack.command(cora, "/slate", "setup", channel=crew.crew_channel)
    running.clock.set(datetime(2026, 6, 12, 19, 50, tzinfo=ZoneInfo("America/Los_Angeles")))
    slack.command(cora, "/wrap", "19:42", channel=office)
    running.deliver()
    slack.click(
        cora,
        "dpr_edit",
        message=next(
            m
            for m in ws.channel_messages(crew.coordinators_channel)
            if m.text.startswith("Daily production report")
        ),
    )
    running.deliver()
    booking_staging.stage(running, crew, dan)
    _stage_onboarding(running, crew)
    return dan


def _stage_onboarding(running: Running, crew: Crew) -> None:
    """Gus's checklist (Fill in), his W-9 fetched (Verify), his dietary form open."""
    ws, slack = running.emulator.workspace, running.slack
    office = crew.coordinators_channel  # Cora is on two productions
    start = f"start <@{crew.grip.id}> contractor"
    slack.command(crew.coordinator, "/onboarding", start, channel=office)
    running.deliver()
    slack.dm_app(crew.grip, "my W-9", files=[ws.add_file("w9.pdf", b"%PDF w9")])
    running.deliver()
    running.slate.scheduler.tick()
    running.deliver()
    checklist = next(m for m in ws.dm_messages(crew.grip.id) if m.text.startswith("Your start"))
    dietary = next(b for b in checklist.blocks if "Dietary" in json.dumps(b))
    slack.click(
        crew.grip,
        "onboarding_fill",
        message=type(checklist)(
            checklist.channel, checklist.ts, checklist.text, [dietary], checklist.user
        ),
    )


def _counts(running: Running) -> dict[str, int]:
    with running.db() as db:
        return {
            table.name: db.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def _said(running: Running, actor: User, response: Any, after: int) -> list[str]:
    """What the actor was told: the response body, and outbox rows since `after`, which must
    all be for them."""
    said = []
    if getattr(response, "content", b""):
        body = response.json()
        said += [body.get("text", "")] if "text" in body else list(body.get("errors", {}).values())
    with running.db() as db:
        for row in db.scalars(select(OutboxMessage).where(OutboxMessage.id > after)):
            payload = row.payload
            to = payload.get("user") or payload.get("user_id") or row.channel
            said.append(json.dumps(payload) if to == actor.id else "(to someone else)")
    return said


def _leak(running: Running, actor: User, drive: Driver, walk: Walk) -> str | None:
    """Drive one listener as `actor`: None if refused plainly with nothing but the refusal
    written, else what got through."""
    before, opened = _counts(running), len(running.emulator.calls("views.open"))
    with running.db() as db:
        last = db.scalar(select(func.max(OutboxMessage.id))) or 0
    response = drive(running, walk, actor)
    if getattr(response, "status_code", 200) != 200:
        return f"HTTP {response.status_code}"
    said = _said(running, actor, response, last)
    after = _counts(running)
    # The outbox holds the refusal; request receipts are bookkeeping of the request itself.
    changed = {
        t for t in after if t not in ("outbox", "request_receipts") and after[t] != before[t]
    }
    if changed:
        return f"changed {sorted(changed)}"
    if len(running.emulator.calls("views.open")) != opened:
        return "opened a modal"
    if walk.kind == "options":  # Slack shows only what is offered: a refusal offers nothing
        offered = response.json().get("options") if response.content else None
        return f"offered {len(offered)} options" if offered else None
    if not said and walk.name in SILENT:
        return None
    if not said:
        return "said nothing"
    unclear = [text[:120] for text in said if not WALK_REFUSED.search(text)]
    return f"said {unclear}" if unclear else None


def test_every_listener_refuses_people_not_on_the_production(running: Running, crew: Crew) -> None:
    """Walk every registered listener as an outsider, and (buttons and forms) as another
    production's coordinator acting on this production's objects."""
    listeners = _listeners(running)
    unknown = {listener for listener in listeners if _driver(listener) is None}
    assert unknown == set(), "the walk does not know how to drive these: teach it"
    stranger = _stage(running, crew)
    open_now: dict[tuple[Listener, str], str] = {}
    for listener in sorted(listeners):
        kind, name = listener
        walkers = {"outsider": crew.outsider}
        if kind in ("action", "view_submission", "options") and name not in CREATES:
            walkers["stranger"] = stranger
        for who, actor in walkers.items():
            leak = _leak(running, actor, _driver(listener), Walk(kind, name, crew))
            if leak is not None:
                open_now[listener, who] = leak
    new = {key: leak for key, leak in open_now.items() if key not in KNOWN_OPEN}
    assert new == {}, "these let someone through"
    assert KNOWN_OPEN - set(open_now) == set(), "refused now: remove these from KNOWN_OPEN"


def test_the_walk_refuses_to_pass_a_listener_it_cannot_drive(running: Running) -> None:
    """A new listener fails the walk until it is taught how to drive it."""
    running.slate.bolt.command("/brand-new")(lambda ack: ack())
    running.slate.bolt.event("reaction_added")(lambda event: None)
    unknown = {listener for listener in _listeners(running) if _driver(listener) is None}
    assert unknown == {("command", "/brand-new"), ("event", "reaction_added")}
