"""What every copy of a message about one object must show, read from the emulated Slack.

A copy is any message Slate posted under a ref naming the object (its channel post, each
DM); its latest blocks in the emulator are what a person sees. Buttons are checked on every
message in the workspace, ref or not: none may offer a move that no longer applies.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from bot.store.models import OutboxMessage
from slack_emulator import Message
from tests.harness import Running


def buttons(message: Message) -> Iterator[tuple[str, str]]:
    """(action_id, value) of every button on the message as it stands now."""
    for block in message.blocks:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("type") == "button":
                yield element["action_id"], element.get("value", "")


def offered(running: Running, action_id: str, value: str) -> list[Message]:
    """Every message (not ephemeral) that offers this button now."""
    return [m for m in running.emulator.workspace.messages if (action_id, value) in set(buttons(m))]


def copies(running: Running, prefix: str, exact: str | None = None) -> list[tuple[str, Message]]:
    """(ref, message) of every copy Slate posted under `exact` or a ref starting `prefix`."""
    with running.db() as db:
        rows = db.execute(
            select(OutboxMessage.ref, OutboxMessage.result_channel, OutboxMessage.result_ts)
            .where(OutboxMessage.method == "chat.postMessage", OutboxMessage.status == "sent")
            .where(OutboxMessage.ref.startswith(prefix) | (OutboxMessage.ref == (exact or prefix)))
        ).all()
    found = []
    for ref, channel, ts in rows:
        message = running.emulator.workspace.find_message(channel, ts)
        assert message is not None, ref
        found.append((ref, message))
    return found


def shown(message: Message) -> str:
    """The message's latest blocks as text (what the person reads)."""
    return json.dumps(message.blocks, ensure_ascii=False)


def dm(running: Running, user_id: str) -> str:
    """The id of a person's DM with the app."""
    return running.emulator.workspace.open_im(user_id).id


def answers(running: Running) -> int:
    """How many ephemeral answers and DMs people have had (a stale click adds one)."""
    ws = running.emulator.workspace
    return len(ws.ephemerals) + len(ws.messages)


def status_of(blocks: Any) -> str:
    """Blocks flattened for a status search."""
    return json.dumps(blocks, ensure_ascii=False)


def last_answer(running: Running, user: Any, channel: str) -> str:
    """What Slate last said to `user` about a click in `channel`: ephemeral, or by DM."""
    ws = running.emulator.workspace
    if channel[:1] in ("C", "G"):
        return ws.ephemerals[-1].text
    return ws.dm_messages(user.id)[-1].text
