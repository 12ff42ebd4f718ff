"""Notify for broadcasts: channel posts, DMs with Got it, the author's tally, the nudges."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.blocks.tasks import broadcasts as blocks
from bot.notify.registry import Subscribers
from bot.services.core.crew_names import names
from bot.services.tasks.events import BroadcastAcknowledged, BroadcastNudged, BroadcastSent
from bot.services.tasks.views import broadcast_view, recipient_view
from bot.store.models import Production
from bot.store.models_tasks import Broadcast, BroadcastRecipient


def _load(session: Session, broadcast_id: int) -> tuple[Production, Broadcast]:
    broadcast = session.get(Broadcast, broadcast_id)
    assert broadcast is not None
    production = session.get(Production, broadcast.production_id)
    assert production is not None
    return production, broadcast


def _dm_ref(broadcast: Broadcast, recipient: BroadcastRecipient) -> str:
    return f"broadcast:{broadcast.id}:{recipient.person_id}"


def sent(session: Session, event: BroadcastSent) -> None:
    """Post to the channels and DM every recipient; start the tally if Got it is asked for."""
    production, broadcast = _load(session, event.broadcast_id)
    author = names(session, production).get(broadcast.author, "the coordinators")
    text = f"From {escape(author)}: {escape(broadcast.message[:200])}"
    for channel in broadcast.audience.get("channels") or []:
        shown = blocks.message_blocks(broadcast_view(broadcast), author, None)
        outbox.post_message(session, channel, now=event.at, text=text, blocks=shown)
    for recipient in broadcast.recipients:
        ref = _dm_ref(broadcast, recipient)
        shown = blocks.message_blocks(broadcast_view(broadcast), author, recipient_view(recipient))
        outbox.post_message(
            session,
            recipient.slack_user_id,
            ref=ref,
            dedupe_key=ref,
            now=event.at,
            text=text,
            blocks=shown,
        )
    if broadcast.ack_required:
        _tally(session, production, broadcast, event)


def acknowledged(session: Session, event: BroadcastAcknowledged) -> None:
    """The recipient's DM shows when they acknowledged; the tally counts them."""
    production, broadcast = _load(session, event.broadcast_id)
    recipient = next(r for r in broadcast.recipients if r.id == event.recipient_id)
    author = names(session, production).get(broadcast.author, "the coordinators")
    outbox.update_message(
        session,
        _dm_ref(broadcast, recipient),
        now=event.at,
        text=f"Acknowledged: {escape(broadcast.message[:200])}",
        blocks=blocks.message_blocks(
            broadcast_view(broadcast), author, recipient_view(recipient), tz=production.timezone
        ),
    )
    _tally(session, production, broadcast, event)


def _tally(
    session: Session,
    production: Production,
    broadcast: Broadcast,
    event: BroadcastSent | BroadcastAcknowledged,
) -> None:
    who = names(session, production)
    silent = [
        who.get(r.slack_user_id, "someone")
        for r in broadcast.recipients
        if r.acknowledged_at is None
    ]
    total = len(broadcast.recipients)
    text = f"Broadcast #{broadcast.id}: {total - len(silent)}/{total} acknowledged"
    shown = blocks.tally_blocks(broadcast_view(broadcast), text, silent)
    ref = f"broadcast:{broadcast.id}:tally"
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=event.at)
    else:
        outbox.post_message(
            session, broadcast.author, text=text, blocks=shown, ref=ref, now=event.at
        )


def nudged(session: Session, event: BroadcastNudged) -> None:
    """Step 1 reminds each silent recipient; step 2 names them to the coordinators."""
    production, broadcast = _load(session, event.broadcast_id)
    silent = [r for r in broadcast.recipients if r.id in event.recipient_ids]
    if event.step == 1:
        for recipient in silent:
            outbox.post_message(
                session,
                recipient.slack_user_id,
                now=event.at,
                dedupe_key=f"broadcast:{broadcast.id}:nudge:{recipient.id}",
                text="Reminder: please tap *Got it* on the message above: "
                f"“{escape(broadcast.message[:150])}”",
            )
        return
    who = names(session, production)
    lines = "\n".join(f"• {escape(who.get(r.slack_user_id, 'someone'))}" for r in silent)
    outbox.post_message(
        session,
        production.coordinators_channel_id or broadcast.author,
        now=event.at,
        text=(
            f"Still silent on broadcast #{broadcast.id} (“{escape(broadcast.message[:100])}”) "
            f"after a nudge:\n{lines}"
        ),
    )


SUBSCRIBERS: Subscribers = {
    BroadcastSent: sent,
    BroadcastAcknowledged: acknowledged,
    BroadcastNudged: nudged,
}
