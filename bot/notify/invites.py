"""Notify for private channels: ask coordinators for an invite; deliver once Slate is in."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.escape import escape
from bot.notify.registry import Subscribers
from bot.services.core.invites import BotJoined, NotInChannel, who_invites


def ask_for_invite(session: Session, refused: NotInChannel) -> None:
    """DM each coordinator of the channel's production, once per channel."""
    count = refused.waiting
    waiting = "1 message waits" if count == 1 else f"{count} messages wait"
    for alert in who_invites(session, refused.channel_id, refused.team_id):
        text = (
            f"I can't post in <#{refused.channel_id}> for {escape(alert.production)}: it is "
            f"private and I'm not in it. Type `/invite @Slate` in that channel; {waiting} "
            "and will go out as soon as I'm in."
        )
        for user in alert.coordinators:
            key = f"invite-me:{refused.channel_id}:{user}"
            outbox.post_message(session, user, text=text, now=refused.at, dedupe_key=key)


def deliver_waiting(session: Session, joined: BotJoined) -> None:
    """Slate is in the channel now: what waited for the invite goes out at once."""
    outbox.release_waiting(session, joined.channel_id, joined.at, joined.team_id)


SUBSCRIBERS: Subscribers = {NotInChannel: ask_for_invite, BotJoined: deliver_waiting}
