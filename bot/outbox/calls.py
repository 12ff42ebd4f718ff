"""One outbox row as its Web API call (a file goes through Slack's upload v2 calls)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot.outbox import FILE_UPLOAD
from bot.outbox.wire import Wire
from bot.store.models import OutboxMessage

WIRE = Wire()  # the outbox's kept-alive connections


class Retry(Exception):
    """Try this row again at `when`; `counts` says whether the attempt is used up."""

    def __init__(self, when: datetime, reason: str, counts: bool = True) -> None:
        super().__init__(reason)
        self.when, self.reason, self.counts = when, reason, counts


def call(client: WebClient, row: OutboxMessage, params: dict[str, Any]) -> dict[str, Any]:
    """Make the row's call; Slack's answer (a file: its channel and file)."""
    if row.method == FILE_UPLOAD:
        if params.get("channel", row.channel)[:1] in ("U", "W"):  # a DM: needs its D id
            opened = client.conversations_open(users=params.get("channel", row.channel))
            params["channel"] = opened["channel"]["id"]
        response = client.files_upload_v2(
            channel=params.get("channel", row.channel),
            content=row.attachment or b"",
            filename=params["filename"],
            title=params.get("title"),
            initial_comment=params.get("initial_comment"),
            thread_ts=params.get("thread_ts"),
        )
        return {"channel": row.channel, "ts": None, "file": response.get("file", {})}
    result = WIRE.api_call(client, row.method, params) or client.api_call(row.method, json=params)
    return result.data if isinstance(result.data, dict) else {}
