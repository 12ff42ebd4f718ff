"""After a crash mid-send: find a message Slate may already have posted, by its metadata."""

from __future__ import annotations

import logging
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.outbox import METADATA_EVENT
from bot.store.models import OutboxMessage

log = logging.getLogger(__name__)
# Slack's answers when Slate is not in a channel (a private one reads as not found): it cannot
# have posted there, and an invite lets it.
UNREADABLE = frozenset({"channel_not_found", "not_in_channel"})


def find_posted(client: WebClient, row: OutboxMessage, channel: str) -> tuple[str, str] | None:
    """The (channel, ts) of the message posted for `row`, if one was."""
    if channel[:1] in ("U", "W"):
        channel = client.conversations_open(users=channel)["channel"]["id"]
    oldest = (row.created_at - timedelta(seconds=5)).timestamp()
    cursor = None
    for _ in range(10):
        try:
            page = client.conversations_history(
                channel=channel,
                oldest=f"{oldest:.6f}",
                include_all_metadata=True,
                limit=200,
                cursor=cursor,
            )
        except SlackApiError as error:
            if error.response.get("error") in UNREADABLE:
                return None
            raise
        for message in page.get("messages", []):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == METADATA_EVENT and (
                metadata.get("event_payload", {}).get("id") == row.id
            ):
                log.info("outbox %s was already posted; not sending again", row.id)
                return channel, message["ts"]
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return None


def to_channel(row: OutboxMessage) -> bool:
    """Whether the row posts to a channel (an invite can fix), not a DM or a user."""
    return (row.channel or "").startswith(("C", "G"))
