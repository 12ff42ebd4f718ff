"""Notify for avails, holds and bookings: candidate DMs, the live tally, hold and booking news."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.booking import avails as avail_blocks
from bot.blocks.booking import bookings as booking_blocks
from bot.blocks.booking import holds as hold_blocks
from bot.blocks.escape import escape
from bot.notify import copies
from bot.notify.registry import Subscribers
from bot.services.booking import avails
from bot.services.booking.events import (
    AvailAnswered,
    AvailAsked,
    AvailNudged,
    BookingReleased,
    HoldChallenged,
    HoldEnded,
    HoldPlaced,
    PersonBooked,
)
from bot.services.booking.views import CheckView, booking_view, check_view, hold_view
from bot.store.models import Person, Production
from bot.store.models_booking import AvailAnswer, AvailCheck, Booking, Hold


def _check(session: Session, check_id: int) -> tuple[AvailCheck, CheckView]:
    check = session.get(AvailCheck, check_id)
    assert check is not None
    return check, check_view(session, check, avails.answers(session, check_id))


def _tally(session: Session, check: AvailCheck, view: CheckView, now: datetime) -> None:
    ref, text = f"avail:{check.id}", avail_blocks.tally_text(view)
    shown = avail_blocks.tally_blocks(view)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)
    else:
        outbox.post_message(session, check.asked_by, text=text, blocks=shown, ref=ref, now=now)


def asked(session: Session, event: AvailAsked) -> None:
    """DM each Slack candidate the days with answer buttons; post the coordinator's tally."""
    check, view = _check(session, event.check_id)
    for row in view.answers:
        if row.slack_user_id:
            outbox.post_message(
                session,
                row.slack_user_id,
                text=escape(avail_blocks.question_text(view)),
                blocks=avail_blocks.question_blocks(view, row),
                ref=f"avail:answer:{row.id}",
                now=event.at,
            )
    _tally(session, check, view, event.at)


def answered(session: Session, event: AvailAnswered) -> None:
    """The candidate's DM shows their answer; the tally is edited in place."""
    row = session.get(AvailAnswer, event.answer_id)
    assert row is not None
    check, view = _check(session, row.check_id)
    mine = next(a for a in view.answers if a.id == row.id)
    ref = f"avail:answer:{row.id}"
    if outbox.has_ref(session, ref):
        shown = avail_blocks.question_blocks(view, mine)
        text = escape(avail_blocks.question_text(view))
        outbox.update_message(session, ref, text=text, blocks=shown, now=event.at)
    _tally(session, check, view, event.at)


def nudged(session: Session, event: AvailNudged) -> None:
    """One reminder to each silent candidate."""
    _, view = _check(session, event.check_id)
    for row in view.answers:
        if row.id in event.answer_ids and row.slack_user_id:
            outbox.post_message(
                session,
                row.slack_user_id,
                text=escape("Reminder — " + avail_blocks.question_text(view)),
                blocks=avail_blocks.question_blocks(view, row),
                dedupe_key=f"avail:answer:{row.id}:nudge",
                now=event.at,
            )


def coordinators(session: Session, production_id: int) -> list[str]:
    """The Slack ids of a production's coordinators."""
    return list(
        session.scalars(
            select(Person.slack_user_id).where(
                Person.production_id == production_id,
                Person.role == "coordinator",
                Person.slack_user_id.is_not(None),
            )
        )
    )


def _hold(session: Session, hold_id: int) -> tuple[Hold, Production]:
    hold = session.get(Hold, hold_id)
    assert hold is not None
    production = session.get(Production, hold.production_id)
    assert production is not None
    return hold, production


def placed(session: Session, event: HoldPlaced) -> None:
    """The person hears of the hold; the coordinator who placed it gets its rank."""
    hold, _ = _hold(session, event.hold_id)
    view = hold_view(session, hold)
    outbox.post_message(
        session,
        hold.slack_user_id,
        text=hold_blocks.person_text(view),
        blocks=hold_blocks.person_blocks(view),
        ref=f"hold:{hold.id}:person",
        now=event.at,
    )
    outbox.post_message(
        session,
        hold.held_by,
        text=hold_blocks.placer_text(view),
        blocks=hold_blocks.placer_blocks(view),
        ref=f"hold:{hold.id}:placer",
        now=event.at,
    )


def challenged(session: Session, event: HoldChallenged) -> None:
    """The first hold's coordinators get the deadline with Confirm / Release; the challenger
    hears the deadline too."""
    hold, production = _hold(session, event.hold_id)
    view = hold_view(session, hold)
    tz = production.timezone
    for uid in coordinators(session, hold.production_id):
        outbox.post_message(
            session,
            uid,
            text=hold_blocks.challenged_text(view, tz),
            blocks=hold_blocks.challenged_blocks(view, tz),
            ref=f"hold:{hold.id}:challenge:{uid}",
            now=event.at,
        )
    outbox.post_message(
        session,
        event.by_user,
        text=escape(f"Challenged. {production.name} must confirm or release by ")
        + f"{view.deadline_at:%a %b %-d %H:%M} UTC; you'll hear either way.",
        dedupe_key=f"hold:{hold.id}:challenged:{event.by_user}",
        now=event.at,
    )
    _person_note(session, hold, event.at)


def ended(session: Session, event: HoldEnded) -> None:
    """Everyone concerned is told once: the person, the holder's coordinators, and the holds
    moved up; the Confirm / Release buttons go."""
    hold, production = _hold(session, event.hold_id)
    view = hold_view(session, hold)
    line = hold_blocks.ended_line(view, event.reason)
    told = set(coordinators(session, hold.production_id)) | {hold.held_by}
    if event.reason != "booked":
        told.add(hold.slack_user_id)
    for uid in sorted(told):
        key = f"hold:{hold.id}:ended:{uid}"
        outbox.post_message(session, uid, text=line, dedupe_key=key, now=event.at)
    for ref in copies.refs(session, f"hold:{hold.id}:challenge:"):
        tz = production.timezone
        shown = hold_blocks.challenged_blocks(view, tz)
        text = hold_blocks.challenged_text(view, tz)
        outbox.update_message(session, ref, text=text, blocks=shown, now=event.at)
    _placer_note(session, hold, event.at)
    _person_note(session, hold, event.at)
    for other_id in event.promoted:
        other, _ = _hold(session, other_id)
        moved = hold_view(session, other)
        text = hold_blocks.promoted_line(moved)
        key = f"hold:{other.id}:rank:{other.rank}:after:{hold.id}"
        outbox.post_message(session, other.held_by, text=text, dedupe_key=key, now=event.at)
        _placer_note(session, other, event.at)
        _person_note(session, other, event.at)


def _placer_note(session: Session, hold: Hold, now: datetime) -> None:
    """The placer's note follows the hold: Challenge goes once it is first, or ended."""
    ref = f"hold:{hold.id}:placer"
    if outbox.has_ref(session, ref):
        view = hold_view(session, hold)
        text = hold_blocks.placer_text(view)
        outbox.update_message(
            session, ref, text=text, blocks=hold_blocks.placer_blocks(view), now=now
        )


def _person_note(session: Session, hold: Hold, now: datetime) -> None:
    """The held person's DM is edited in place as the hold changes (challenged, moved up, ended)."""
    ref = f"hold:{hold.id}:person"
    if outbox.has_ref(session, ref):
        view = hold_view(session, hold)
        text, shown = hold_blocks.person_text(view), hold_blocks.person_blocks(view)
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)


def _booking(session: Session, booking_id: int) -> tuple[Booking, Production, Person]:
    booking = session.get(Booking, booking_id)
    assert booking is not None
    production = session.get(Production, booking.production_id)
    person = session.get(Person, booking.person_id)
    assert production is not None and person is not None
    return booking, production, person


def booked(session: Session, event: PersonBooked) -> None:
    """The booking confirmation, by DM to the person: theirs, so with the deal."""
    booking, production, person = _booking(session, event.booking_id)
    view = booking_view(session, booking, person.name, with_rate=True)
    outbox.post_message(
        session,
        booking.slack_user_id,
        text=booking_blocks.confirmation_text(view),
        blocks=booking_blocks.confirmation_blocks(view, production.timezone),
        ref=f"booking:{booking.id}",
        now=event.at,
    )


def released(session: Session, event: BookingReleased) -> None:
    """The person hears they are released."""
    booking, _, person = _booking(session, event.booking_id)
    view = booking_view(session, booking, person.name, with_rate=False)
    outbox.post_message(
        session,
        booking.slack_user_id,
        text=booking_blocks.released_text(view),
        dedupe_key=f"booking:{booking.id}:released",
        now=event.at,
    )


SUBSCRIBERS: Subscribers = {
    AvailAsked: asked,
    AvailAnswered: answered,
    AvailNudged: nudged,
    HoldPlaced: placed,
    HoldChallenged: challenged,
    HoldEnded: ended,
    PersonBooked: booked,
    BookingReleased: released,
}
