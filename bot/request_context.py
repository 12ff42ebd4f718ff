"""Per-request plumbing for Bolt: a DB session per request and the one error handler."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from sqlalchemy.orm import Session, sessionmaker

from bot import outbox
from bot.blocks.common import reply
from bot.blocks.help import production_picker
from bot.clock import Clock
from bot.errors import AmbiguousProduction, SlateError
from bot.store.db import BeginPolicy

log = logging.getLogger(__name__)

SORRY = "Sorry — something went wrong on Slate's side (ref {ref}). Try again in a moment."


class SlateBolt(App):
    """Bolt's App with one DB session per request around the whole dispatch.

    Bolt's middleware runs before the listener rather than around it, so the session is
    opened here; with process_before_response the listener has finished when dispatch returns.
    """

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        clock: Clock,
        on_commit: Callable[[], None],
        public_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.session_factory, self.clock, self.on_commit = session_factory, clock, on_commit
        self.public_url = public_url
        self.begin_policy = BeginPolicy()
        _install_error_handler(self, clock)

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        """Run one request in its own transaction: committed if it succeeds, else rolled back."""
        # SQLite: reads begin DEFERRED (no write lock); a request kind that writes is re-run
        # IMMEDIATE if it lost the race for the lock. See bot/store/db.py.
        body = req.body or {}
        first_word = str(body.get("text", "")).split(" ")[0]
        actions = [a.get("action_id") for a in body.get("actions", [])]
        view = (body.get("view") or {}).get("callback_id") or body.get("callback_id")
        kind = f"{body.get('command') or body.get('type')} {first_word} {actions} {view}"
        response = self.begin_policy.run(kind, lambda: self._dispatch_once(req))
        self.on_commit()
        return response

    def _dispatch_once(self, req: BoltRequest) -> BoltResponse:
        with self.session_factory() as session:
            req.context["db"], req.context["clock"] = session, self.clock
            req.context["public_url"] = self.public_url
            try:
                response = super().dispatch(req)
                session.commit()
            except Exception:
                session.rollback()
                raise
        return response


def _install_error_handler(app: App, clock: Clock) -> None:
    @app.error
    def on_error(error: Exception, request: BoltRequest, body: dict[str, Any]) -> BoltResponse:
        session: Session | None = request.context.get("db")
        if session is not None:
            session.rollback()  # nothing half-stored
        if isinstance(error, SlateError):
            message = error.message
        else:
            ref = uuid.uuid4().hex[:8]
            log.error("request %s failed: %r", ref, error, exc_info=error)
            message = SORRY.format(ref=ref)
        return _answer(error, message, body, request, session, clock)


def _answer(
    error: Exception,
    message: str,
    body: dict[str, Any],
    request: BoltRequest,
    session: Session | None,
    clock: Clock,
) -> BoltResponse:
    blocks = None
    if isinstance(error, AmbiguousProduction):
        blocks = production_picker(error.options, message)
    kind = body.get("type")
    if "command" in body:
        return _json(reply(message, blocks))
    if kind == "view_submission":
        field = getattr(error, "field", None) or _first_input(body.get("view", {}))
        return _json({"response_action": "errors", "errors": {field: message[:150]}})
    user = request.context.user_id
    channel = request.context.channel_id
    if session is not None and user:
        outbox.tell(session, user, channel, text=message, blocks=blocks, now=clock.now())
    return BoltResponse(status=200, body="")


def _first_input(view: dict[str, Any]) -> str:
    for block in view.get("blocks", []):
        if block.get("type") == "input":
            return block["block_id"]
    return ""


def _json(data: dict[str, Any]) -> BoltResponse:
    return BoltResponse(
        status=200, body=json.dumps(data), headers={"content-type": "application/json"}
    )
