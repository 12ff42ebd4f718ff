"""The one permission table: every action a person can take, and who may take it.

Every entry point (command, button, modal submission, shortcut, CLI acting as a person) asks
`require` with the action's name; `/slate help` and App Home read `offered`, so what a person
is offered and what they are allowed can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.crew_entries import Member, member
from bot.errors import NotAuthorized
from bot.store.models import Person, Production

ROLES = ("coordinator", "pa", "crew", "cast")
EVERYONE = ROLES
ANYONE = (*ROLES, "anyone")  # also people on no crew list (help, starting a production)
COORDINATORS = ("coordinator",)
# Positions that act for coordinators on some actions: the first AD runs the meal clock.
AD_POSITION = re.compile(r"\b(1st\s+)?AD\b|assistant director", re.IGNORECASE)


@dataclass(frozen=True)
class Action:
    """One thing a person can do: who may, and (for help) how it is typed."""

    name: str
    roles: tuple[str, ...]
    usage: str = ""
    does: str = ""
    positions: re.Pattern[str] | None = None  # positions allowed whatever their role


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        # The production itself
        Action("help.read", ANYONE, "/slate help", "what you can do with Slate"),
        Action("production.create", ANYONE, "/slate setup new", "start another production"),
        Action(
            "production.edit",
            COORDINATORS,
            "/slate setup",
            "edit the production: name, time zone, channels",
        ),
        Action(
            "production.use",
            EVERYONE,
            "/slate use",
            "switch production, if you're on more than one",
        ),
        Action("crew.import", COORDINATORS),
        # Call sheets
        Action(
            "calltime.read",
            EVERYONE,
            "/calltime",
            "your next call; or `/calltime fri`, `@person`, `grip`",
        ),
        Action("calltime.subscribe", EVERYONE),
        Action("callsheet.confirm", EVERYONE),
        Action("callsheet.copy", EVERYONE),  # one's own PDF copy, from the call DM
        Action("callsheet.edit", COORDINATORS, "/callsheet [day]", "edit a shoot day's call sheet"),
        Action(
            "callsheet.publish",
            COORDINATORS,
            "/callsheet publish [day]",
            "send the call sheet, or its next revision",
        ),
        Action(
            "schedule.change",
            COORDINATORS,
            "/schedulechange day what changed",
            "change the day and send the revision",
        ),
        # Problems
        Action(
            "problem.report",
            EVERYONE,
            "/problem [what happened]",
            "report a problem on set (or use the message shortcut “Report a problem”)",
        ),
        Action(
            "problem.list",
            EVERYONE,
            "/problems",
            "what's open; coordinators: `/problems today grip`",
        ),
        Action("problem.take", EVERYONE),
        Action("problem.update", EVERYONE),
        Action("problem.resolve", EVERYONE),
        Action("problem.confirm_safe", EVERYONE),
        Action("problem.reassign", COORDINATORS),
        Action("problem.delete", COORDINATORS),
        Action("problem.filter", COORDINATORS),
        Action("problem.export", COORDINATORS),
        # Money
        Action(
            "expense.submit",
            EVERYONE,
            "/expense 42.50 gaffer tape at B&H #g&e",
            "log an expense (or the form)",
        ),
        Action("expense.edit", EVERYONE),
        Action("expense.approve", COORDINATORS),
        Action(
            "expense.export",
            COORDINATORS,
            "/expense export [from] [to]",
            "expenses CSV for accounting",
        ),
        Action("budget.read", COORDINATORS, "/budget", "budget against actuals, with a chart"),
        Action("pettycash.read", EVERYONE, "/pettycash", "what's in your petty cash envelope"),
        Action("pettycash.move", COORDINATORS),
        Action(
            "payroll.read", COORDINATORS, "/payroll", "contractors: days \u00d7 rate, 1099-NEC, W-9"
        ),
        # Tasks and broadcasts
        Action("task.list", EVERYONE, "/tasks", "your open tasks (coordinators: everyone's)"),
        Action("task.list_all", COORDINATORS),
        Action("task.move", EVERYONE),
        Action(
            "task.assign",
            COORDINATORS,
            "/assign @pat what by when",
            "give PAs or a department a task",
        ),
        Action("task.reassign", COORDINATORS),
        Action(
            "broadcast.send",
            COORDINATORS,
            "/broadcast",
            "message channels, departments, roles or a day's crew",
        ),
        Action("broadcast.ack", EVERYONE),
        # Wrap and loose ends
        Action(
            "gear.move",
            EVERYONE,
            "/gear out <item> [to @person]",
            "check gear out; `/gear in <item>`, `/gear`",
        ),
        Action(
            "wrap.record",
            COORDINATORS,
            "/wrap [time]",
            "record wrap; everyone gets their loose ends",
        ),
        Action(
            "documents.manage",
            COORDINATORS,
            "/documents [add]",
            "permits, insurance and agreements",
        ),
        Action(
            "meal.record",
            COORDINATORS,
            "/meal start|end [department]",
            "the meal clock (coordinators and the AD)",
            AD_POSITION,
        ),
        Action("report.edit", COORDINATORS),
        # Before the shoot: avails, holds, bookings (rates: coordinators and the person only)
        Action(
            "avail.ask",
            COORDINATORS,
            "/avail",
            "ask candidates if they're free for a position",
        ),
        Action("avail.answer", ANYONE),  # the candidate asked, on a crew list or not yet
        Action("hold.read", ANYONE, "/holds", "your holds; coordinators: your production's"),
        Action(
            "hold.place",
            COORDINATORS,
            "/hold @person position days first|second",
            "pencil someone in without an avail check",
        ),
        Action("hold.challenge", COORDINATORS),
        Action("hold.challenge_own", ANYONE),  # the held person: "I've been offered a booking"
        Action("hold.decide", COORDINATORS),
        Action(
            "booking.manage",
            COORDINATORS,
            "/book [cast]",
            "book crew or cast: position, days, rate",
        ),
        Action("booking.read", EVERYONE, "/bookings [@person]", "your booking and rate"),
        Action("booking.rates", COORDINATORS),
        Action("booking.export", COORDINATORS),
        # Start paperwork: documents and emergency contacts are the person's and coordinators'
        Action(
            "onboarding.read",
            EVERYONE,
            "/onboarding",
            "your start paperwork; coordinators: everyone's, `start @person`, `packet`",
        ),
        Action("onboarding.read_all", COORDINATORS),
        Action("onboarding.start", COORDINATORS),
        Action("onboarding.packet", COORDINATORS),
        Action("onboarding.submit", EVERYONE),
        Action("onboarding.verify", COORDINATORS),
        # Logistics
        Action(
            "catering.read",
            COORDINATORS,
            "/catering [day]",
            "meal counts and dietary needs; `/catering add fri 4 clients`",
        ),
        Action("catering.edit", COORDINATORS),
        Action("diet.edit", EVERYONE),
        Action(
            "transport.edit",
            COORDINATORS,
            "/transport [day]",
            "pickups, shuttles and drivers; `/transport pickup fri @pat 5:45a @gus 12 Elm St`",
        ),
        Action("transport.drive", EVERYONE),
        Action(
            "rental.manage",
            COORDINATORS,
            "/rental [add]",
            "rentals as POs on budget lines, with insurance checks",
        ),
        Action("travel.read", EVERYONE, "/travel", "your flights, trains, hotels and per diem"),
        Action(
            "travel.manage",
            COORDINATORS,
            "/travel rooming [date]",
            "who sleeps at which hotel that night; `/travel add` enters one person's travel",
        ),
    )
}


def allowed(person: Person | Member | None, action: str) -> bool:
    """Whether this crew-list entry may take the action (None: not on the crew list)."""
    rule = ACTIONS[action]
    if person is None:
        return "anyone" in rule.roles
    if person.role in rule.roles:
        return True
    return rule.positions is not None and bool(rule.positions.search(person.position or ""))


def require(session: Session, production: Production, slack_user_id: str, action: str) -> Person:
    """The one guard: the actor's crew-list entry on `production`, if the table allows it."""
    person = member(session, production, slack_user_id)
    _check(person, production.name, action)
    assert person is not None
    return person


def require_read(production_name: str, person: Member | None, action: str) -> Member:
    """`require` for a crew-list entry already read without the ORM (the same decision)."""
    _check(person, production_name, action)
    assert person is not None
    return person


def _check(person: Person | Member | None, production_name: str, action: str) -> None:
    if person is None:
        raise NotAuthorized(f"You're not on {production_name}'s crew list.")
    if not allowed(person, action):
        who = "coordinators and the AD" if ACTIONS[action].positions else "coordinators"
        raise NotAuthorized(
            f"Only {who} on {production_name} can do that. Ask a coordinator, "
            "or type /slate help to see what you can do."
        )


def offered(person: Person | None) -> list[Action]:
    """The typed commands this person may use, in the table's order (for help and App Home)."""
    return [a for a in ACTIONS.values() if a.usage and allowed(person, a.name)]
