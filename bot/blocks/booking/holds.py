"""Hold surfaces: the person's notice, the placer's note, the challenge DM, /holds."""

from __future__ import annotations

from bot.blocks.common import Block, actions, button, clock, context, section
from bot.blocks.escape import escape
from bot.services.booking.views import HoldView

CHALLENGE, OFFERED = "hold_challenge", "hold_offered"
CONFIRM, RELEASE = "hold_confirm", "hold_release"
RANKS = {1: "first hold", 2: "second hold", 3: "third hold"}


def rank(hold: HoldView) -> str:
    """ "first hold" … "4th hold"."""
    return RANKS.get(hold.rank, f"{hold.rank}th hold")


def about(hold: HoldView) -> str:
    """ "Night Owl: Key Grip, Jun 14-16 (first hold)"."""
    return f"{hold.production}: {hold.position}, {hold.dates} ({rank(hold)})"


def held_text(hold: HoldView) -> str:
    """The /hold reply; a second hold also says a first hold stands."""
    extra = " Someone else holds them first: challenge from your DM." if hold.rank > 1 else ""
    return escape(f"Held {hold.name} — {about(hold)}.{extra}")


def placed_text(hold: HoldView) -> str:
    """What the held person is told."""
    return escape(
        f"{hold.production} has put a {rank(hold)} on you: {hold.position}, {hold.dates}."
    )


PERSON_ENDED = {"booked": "became a booking", "released": "was released"}


def person_text(hold: HoldView) -> str:
    """The held person's DM as the hold stands now: placed, challenged, moved up or ended."""
    if hold.status != "active":
        said = PERSON_ENDED.get(hold.status, hold.status)
        return escape(f"{hold.production}'s hold on you ({hold.position}, {hold.dates}) {said}.")
    if hold.deadline_at is not None:
        return placed_text(hold)[:-1] + escape(
            f" — challenged: {hold.production} confirms or releases by "
            f"{hold.deadline_at:%a %b %-d %H:%M} UTC."
        )
    return placed_text(hold)


def person_blocks(hold: HoldView) -> list[Block]:
    """The held person's DM: on a first hold, they can say they have been offered a booking."""
    shown = [section(person_text(hold))]
    if hold.status != "active":
        return shown
    shown.append(context("A hold is a pencil, not a booking: you'll hear if it's confirmed."))
    if hold.rank == 1 and hold.deadline_at is None:
        shown.append(actions("hold", button("I've been offered a booking", OFFERED, str(hold.id))))
    return shown


def placer_text(hold: HoldView) -> str:
    """ "Held Gus Grip: second hold", or how the hold ended."""
    said = rank(hold) if hold.status == "active" else hold.status
    return escape(f"Held {hold.name}: {said}")


def placer_blocks(hold: HoldView) -> list[Block]:
    """The coordinator's note on the hold they placed; below first hold, Challenge."""
    shown = [section(escape(f"Held {hold.name} — {about(hold)}."))]
    if hold.rank > 1 and hold.status == "active":
        shown.append(context("Someone else has first hold on some of those days."))
        shown.append(actions("hold", button("Challenge the first hold", CHALLENGE, str(hold.id))))
    return shown


def challenged_text(hold: HoldView, tz: str) -> str:
    """What the first hold's coordinators are told."""
    by = hold.challenged_by or "Someone"
    when = f"{clock(hold.deadline_at, tz)} {hold.deadline_at:%a %b %-d}" if hold.deadline_at else ""
    return escape(
        f"{by} challenged your first hold on {hold.name} ({hold.position}, {hold.dates}). "
        f"Confirm or release by {when}, or it is released then."
    )


def challenged_blocks(hold: HoldView, tz: str) -> list[Block]:
    """Confirm (opens the booking form) or Release, while the hold stands."""
    shown = [section(challenged_text(hold, tz))]
    if hold.status == "active":
        shown.append(
            actions(
                "hold",
                button("Confirm (book)", CONFIRM, str(hold.id), "primary"),
                button("Release", RELEASE, str(hold.id), "danger"),
            )
        )
    else:
        shown.append(context(f"This hold is {hold.status}."))
    return shown


ENDED = {
    "released": "was released",
    "deadline": "was released: the challenge deadline passed",
    "booked": "became a booking",
    "taken": "was released: they are booked elsewhere on those days",
}


def ended_line(hold: HoldView, reason: str) -> str:
    """ "Night Owl's hold on Gus Grip (Jun 14-16) was released"."""
    return escape(f"{hold.production}'s hold on {hold.name} ({hold.dates}) {ENDED[reason]}.")


def promoted_line(hold: HoldView) -> str:
    """The next in line moves up."""
    return escape(f"You're now {rank(hold)} on {hold.name} ({hold.position}, {hold.dates}).")


def list_blocks(mine: list[HoldView], theirs: list[HoldView], tz: str) -> list[Block]:
    """/holds: your own holds, and (coordinators) the production's, with their buttons."""
    shown: list[Block] = []
    if mine:
        shown.append(section("*Your holds*"))
        for hold in mine[:20]:
            line = section(escape(about(hold)))
            if hold.rank == 1 and hold.deadline_at is None:
                line["accessory"] = button("I've been offered a booking", OFFERED, str(hold.id))
            shown.append(line)
    if theirs:
        shown.append(section("*Holds your production placed*"))
        for hold in theirs[:20]:
            text = f"{hold.name} — {hold.position}, {hold.dates} ({rank(hold)})"
            line = section(escape(text))
            if hold.deadline_at is not None:
                line["text"]["text"] += f" · challenged, decide by {clock(hold.deadline_at, tz)}"
            elif hold.rank > 1:
                line["accessory"] = button("Challenge", CHALLENGE, str(hold.id))
            shown.append(line)
    if not shown:
        shown.append(section("No holds right now."))
    return shown
