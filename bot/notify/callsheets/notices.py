"""Reminders, the nightly post's troubles, schedule changes and answers to the requester."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.callsheets import notices
from bot.blocks.callsheets.schedule_change import announcement
from bot.blocks.common import day_title
from bot.services.callsheets.events import (
    AutopublishFailed,
    AutopublishWarned,
    NudgeDue,
    ScheduleChanged,
)
from bot.store.models import Production


def nudge(session: Session, event: NudgeDue) -> None:
    """Remind each silent person on Slack; after the second round, give coordinators phones."""
    for person in event.silent:
        if person.slack_user_id:
            outbox.post_message(
                session,
                person.slack_user_id,
                now=event.at,
                text=blocks.nudge_text(event.date, event.tz, person.call_at),
                dedupe_key=(
                    f"nudge:{event.day_id}:{event.revision}:{event.step}:{person.person_id}"
                ),
            )
    production = session.get(Production, event.production_id)
    if event.step == 2 and production is not None and production.coordinators_channel_id:
        people = [(p.name, p.phone) for p in event.silent]
        outbox.post_message(
            session,
            production.coordinators_channel_id,
            now=event.at,
            text=notices.chase_text(event.date, people),
        )


def autopublish_failed(session: Session, event: AutopublishFailed) -> None:
    """Tell the coordinators the nightly post could not go out."""
    production = session.get(Production, event.production_id)
    if production is not None and production.coordinators_channel_id:
        outbox.post_message(
            session,
            production.coordinators_channel_id,
            now=event.at,
            text=notices.autopublish_failed_text(event.date, event.reason),
        )


def autopublish_warned(session: Session, event: AutopublishWarned) -> None:
    """Tell the coordinators the nightly post went out with warnings."""
    production = session.get(Production, event.production_id)
    if production is None or not production.coordinators_channel_id:
        return
    title = day_title(event.date)
    outbox.post_message(
        session,
        production.coordinators_channel_id,
        now=event.at,
        text=f"Published {title} automatically, with warnings",
        blocks=blocks.warning_blocks(
            f"Published {title} (revision {event.revision}) with warnings", event.warnings, None
        ),
    )


def schedule_changed(session: Session, event: ScheduleChanged) -> None:
    """Announce the change in the crew channel."""
    production = session.get(Production, event.production_id)
    if production is not None and production.crew_channel_id:
        outbox.post_message(
            session,
            production.crew_channel_id,
            now=event.at,
            text=announcement(event.date, event.tz, event.changes),
        )
