"""A coordinator's publish, in one DM edited in place: Publishing… → Published (or held)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets.progress import failed_text, queued_text
from bot.blocks.callsheets.replies import published_reply
from bot.blocks.common import section
from bot.notify.registry import Subscribers
from bot.services.callsheets.publish_queue import PublishFinished, PublishQueued, Queued


def queued(session: Session, event: PublishQueued) -> None:
    """Post the progress message (or, for Publish anyway, set the held one going again)."""
    text = queued_text(Queued(event.date, event.people, event.tz, event.changes))
    if outbox.has_ref(session, event.ref):  # Publish anyway: the held message goes on
        outbox.update_message(session, event.ref, text=text, blocks=[], now=event.at)
    else:
        outbox.post_message(session, event.user, text=text, ref=event.ref, now=event.at)


def finished(session: Session, event: PublishFinished) -> None:
    """Edit the progress message into the outcome: published, unchanged, held or refused."""
    if event.outcome is None:
        text = failed_text(event.error, event.date)
        blocks = [section(text)]
    else:
        text, blocks = published_reply(event.outcome)
    if outbox.has_ref(session, event.ref):
        outbox.update_message(session, event.ref, text=text, blocks=blocks, now=event.at)
    else:
        outbox.post_message(session, event.user, text=text, blocks=blocks, now=event.at)


SUBSCRIBERS: Subscribers = {PublishQueued: queued, PublishFinished: finished}
