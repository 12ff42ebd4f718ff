"""The one error handler: every failure gets a polite answer where the person is."""

from __future__ import annotations

import json
import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from bot import events
from bot.blocks.common import reply
from bot.blocks.escape import escape
from bot.errors import AmbiguousProduction, SlateError
from bot.events import Answered

log = logging.getLogger(__name__)

_QUOTED = re.compile(r"“([^”]*)”")
SORRY = "Sorry — something went wrong on Slate's side (ref {ref}). Try again in a moment."
OUTAGE = "Slate can't reach its database just now, so nothing was saved. Try again in a minute."


def install(app: App) -> None:
    """Make `answer` Bolt's error handler for every listener of `app`."""

    @app.error
    def on_error(error: Exception, request: BoltRequest, body: dict[str, Any]) -> BoltResponse:
        session: Session | None = request.context.get("db")
        if session is not None:
            session.rollback()  # nothing half-stored
        # The request's own client carries its team's token; app.client has none when Slate
        # serves many workspaces.
        client = request.context.client or app.client
        response = answer(error, body, request.context, client)
        request.context["error_answer"] = response  # answered: not again if commit fails too
        return response


def is_outage(error: BaseException) -> bool:
    """Whether the error means the database cannot be reached (not a bug in Slate)."""
    if isinstance(error, OperationalError | InterfaceError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def answer(
    error: Exception, body: dict[str, Any], context: BoltContext, client: WebClient
) -> BoltResponse:
    """Tell the person what went wrong: in the command's reply, the modal, or a message."""
    from bot.blocks.help import production_picker  # here: it imports most services (0.1 s)

    message = _message_for(error)
    blocks = production_picker(error.options, message) if _ambiguous(error) else None
    if "command" in body:
        return _json(reply(message, blocks))
    if body.get("type") == "view_submission":
        field = getattr(error, "field", None) or _first_input(body.get("view", {}))
        errors = getattr(error, "errors", None) or {field: message}
        return _json(
            {"response_action": "errors", "errors": {k: v[:150] for k, v in errors.items()}}
        )
    session: Session | None = context.get("db")
    if context.user_id and session is not None and not is_outage(error):
        # Through the outbox like every message (paced, retried), after the rollback above.
        told = Answered(
            now(context), context.user_id, context.channel_id, message, tuple(blocks or ())
        )
        events.record(session, told)
    elif context.user_id:
        # Straight to Slack, not through the outbox: the database may be what is down.
        _tell(client, context.user_id, context.channel_id, message, blocks)
    return BoltResponse(status=200, body="")


def now(context: BoltContext) -> datetime:
    """The request's clock, else the wall clock (an error before the session opened)."""
    clock = context.get("clock")
    return clock.now() if clock is not None else datetime.now(UTC)


def _ambiguous(error: Exception) -> bool:
    return isinstance(error, AmbiguousProduction)


def _message_for(error: Exception) -> str:
    if isinstance(error, SlateError):
        # Refusals quote what was typed between curly quotes: that part is the person's raw
        # text, so it goes through the one escaping function (the rest is Slate's own words).
        return _QUOTED.sub(lambda m: f"“{escape(m[1])}”", error.message)
    ref = uuid.uuid4().hex[:8]
    if is_outage(error):
        log.warning("request %s: database unreachable: %s", ref, type(error).__name__)
        return OUTAGE
    log.error("request %s failed: %r", ref, error, exc_info=error)
    return SORRY.format(ref=ref)


def _tell(
    client: WebClient, user: str, channel: str | None, text: str, blocks: list | None
) -> None:
    try:
        if channel and channel[:1] in ("C", "G"):
            client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=blocks)
        else:
            client.chat_postMessage(channel=user, text=text, blocks=blocks)
    except SlackClientError as failure:
        log.warning("could not tell %s about an error: %s", user, failure)


def _first_input(view: dict[str, Any]) -> str:
    for block in view.get("blocks", []):
        if block.get("type") == "input":
            return block["block_id"]
    return ""


def _json(data: dict[str, Any]) -> BoltResponse:
    return BoltResponse(
        status=200, body=json.dumps(data), headers={"content-type": "application/json"}
    )
