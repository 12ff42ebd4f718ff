"""At wrap: the crew channel hears it, and each person gets one DM of their loose ends."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.wrap import loose_ends
from bot.notify.registry import Subscribers
from bot.services.wrap import wrap
from bot.services.wrap.events import WrapRecorded, WrapReminderDue
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay


def tell_the_crew(session: Session, event: WrapRecorded) -> None:
    """The crew channel hears of wrap once; each person gets their loose ends once."""
    production = session.get(Production, event.production_id)
    day = session.get(ShootDay, event.day_id)
    if production is None or day is None:
        return
    if not event.corrected and production.crew_channel_id:
        outbox.post_message(
            session,
            production.crew_channel_id,
            now=event.at,
            text=loose_ends.wrap_post(day.date, event.wrap_at, production.timezone),
        )
    for slack_id in event.recipients:
        ends = wrap.loose_ends(session, production, slack_id)
        text, blocks = loose_ends.wrap_dm(day.date, ends)
        outbox.post_message(
            session,
            slack_id,
            now=event.at,
            dedupe_key=f"wrap:{day.id}:{slack_id}",  # a corrected wrap tells nobody again
            text=text,
            blocks=blocks,
        )


def remind(session: Session, event: WrapReminderDue) -> None:
    """The planned wrap time: nudge the coordinator who asked."""
    outbox.post_message(session, event.actor, now=event.at, text=loose_ends.reminder(event.day))


SUBSCRIBERS: Subscribers = {WrapRecorded: tell_the_crew, WrapReminderDue: remind}
