"""Broadcast surfaces: the message with Got it, the author's tally, the form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.blocks.clip import clip, cut
from bot.blocks.common import Block, actions, button, clock, context, section
from bot.blocks.common import input_block as field
from bot.blocks.escape import escape
from bot.blocks.metadata import Meta, encode
from bot.services.tasks.views import BroadcastView, RecipientView

ACK = "broadcast_ack"
CALLBACK = "broadcast_send"
TALLY_NAMES = 2900  # characters of names in the tally; Slack allows 3,000 a section


@dataclass(frozen=True)
class BroadcastMeta(Meta):
    """The broadcast form: which production."""

    KIND = "broadcast"
    production_id: int


def message_blocks(
    broadcast: BroadcastView, author: str, recipient: RecipientView | None, tz: str = "UTC"
) -> list[Block]:
    """The broadcast as a channel post (no recipient) or a DM with Got it."""
    blocks = [section(cut(f":mega: *From {clip(author, 200)}*\n{escape(broadcast.message)}", 3000))]
    if recipient is None or not broadcast.ack_required:
        return blocks
    if recipient.acknowledged_at is not None:
        blocks.append(
            context(f":white_check_mark: Acknowledged at {clock(recipient.acknowledged_at, tz)}")
        )
    else:
        blocks.append(actions("ack", button("Got it", ACK, str(broadcast.id), "primary")))
    return blocks


def tally_blocks(broadcast: BroadcastView, text: str, silent: list[str]) -> list[Block]:
    """The author's tally, with who has not acknowledged (as many names as fit)."""
    blocks = [section(f"*{escape(text)}*\n> {clip(broadcast.message, 300)}")]
    if silent:
        shown: list[str] = []
        for name in silent:
            if len(", ".join([*shown, clip(name, 100)])) > TALLY_NAMES:
                break
            shown.append(clip(name, 100))
        more = f" and {len(silent) - len(shown)} more" if len(silent) > len(shown) else ""
        blocks.append(section(f"*Not yet:* {', '.join(shown)}{more}"))
    else:
        blocks.append(context(":tada: Everyone has acknowledged."))
    return blocks


ROLE_LABELS = {"coordinator": "Coordinators", "pa": "PAs", "crew": "Crew", "cast": "Cast"}


def broadcast_modal(
    production_id: int, departments: list[tuple[int, str]], roles: tuple[str, ...]
) -> dict[str, Any]:
    """/broadcast: audience, message, acknowledgment; `roles` are the crew list's roles."""

    def option(text: str, value: str) -> dict[str, Any]:
        return {"text": {"type": "plain_text", "text": text[:75]}, "value": value}

    blocks = [
        field(
            "message",
            "Message",
            {"type": "plain_text_input", "multiline": True, "max_length": 3000},
            optional=False,
        ),
        field("channels", "Post in channels", {"type": "multi_conversations_select"}),
        field("people", "DM these people", {"type": "multi_users_select"}),
        field(
            "roles",
            "DM everyone who is",
            {
                "type": "checkboxes",
                "options": [option(ROLE_LABELS.get(r, r.capitalize()), r) for r in roles],
            },
        ),
        field("day", "DM everyone working on", {"type": "datepicker"}),
        field(
            "ack",
            "Acknowledgment",
            {
                "type": "checkboxes",
                "options": [option("Ask for a Got it and chase who doesn't", "yes")],
            },
        ),
    ]
    if departments:
        blocks.insert(
            3,
            field(
                "departments",
                "DM these departments",
                {
                    "type": "multi_static_select",
                    "options": [option(name, str(did)) for did, name in departments[:100]],
                },
            ),
        )
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "private_metadata": encode(BroadcastMeta(production_id)),
        "title": {"type": "plain_text", "text": "Broadcast"},
        "submit": {"type": "plain_text", "text": "Send"},
        "blocks": blocks,
    }
