"""HTTP mode: POST /slack/events for Slack, GET /healthz for the load balancer, and (many
workspaces) GET /slack/install and /slack/oauth_redirect for installs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot import http_guard
from bot.app import Slate
from bot.errors import NotFound
from bot.services.callsheets import calendar
from bot.slack_auth import INSTALL_PATH, REDIRECT_PATH

log = logging.getLogger(__name__)
# Calendar apps poll every few minutes at most; a guesser hammers. A burst of 10, then one
# fetch every 5 s per client, holds however slow or fast the server answers.
FEED_BURST, FEED_RATE = 10, 0.2


def asgi_app(slate: Slate, *, background: bool = True) -> Starlette:
    """The ASGI app serving Slate; `background` runs the outbox and scheduler alongside."""
    secret = slate.settings.slack_signing_secret
    feeds = http_guard.Throttle(FEED_RATE, FEED_BURST)

    async def events(request: Request) -> Response:
        # Size, then signature, then shape: nothing parses a body Slack did not sign, and a
        # refused request leaves one line in the log, never its body.
        try:
            body = await http_guard.read_body(
                request.headers.get("content-length"), request.stream()
            )
            http_guard.verify(
                secret,
                request.headers.get("x-slack-request-timestamp"),
                request.headers.get("x-slack-signature"),
                body,
            )
            http_guard.check_shape(body, request.headers.get("content-type", ""))
        except http_guard.Rejected as rejected:
            log.warning("refused a request to /slack/events: %s", rejected.reason)
            return PlainTextResponse(rejected.reason, status_code=rejected.status)
        bolt_request = to_bolt_request(request, body)
        if slate.bolt.answers_inline(bolt_request):
            return to_starlette_response(slate.bolt.dispatch(bolt_request, inline=True))
        # Bolt and SQLAlchemy are synchronous: run them off the event loop.
        bolt_response = await run_in_threadpool(slate.bolt.dispatch, bolt_request)
        return to_starlette_response(bolt_response)

    def check_database() -> None:
        with slate.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    async def healthz(_: Request) -> Response:
        try:
            await run_in_threadpool(check_database)
        except Exception:
            return JSONResponse({"ok": False, "database": "unreachable"}, status_code=503)
        return JSONResponse({"ok": True})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if background:
            slate.start_background()
        try:
            yield
        finally:
            if background:
                slate.stop_background()

    def feed(token: str) -> bytes:
        with slate.session_factory() as session:
            person = calendar.person_for_token(session, token, slate.clock.now())
            return calendar.ical(session, person)

    async def ical(request: Request) -> Response:
        if not feeds.allow(request.client.host if request.client else "?"):
            return PlainTextResponse("Too many requests", status_code=429)
        try:
            body = await run_in_threadpool(feed, request.path_params["token"])
        except NotFound:
            return Response("Not found", status_code=404)
        except calendar.FeedEnded:
            return Response("Gone: this production has ended", status_code=410)
        return Response(body, media_type="text/calendar; charset=utf-8")

    async def oauth(request: Request) -> Response:
        # Bolt's OAuth flow: the "Add to Slack" page, then the redirect that stores the install.
        flow = slate.bolt.oauth_flow
        if flow is None:
            return PlainTextResponse("Not found", status_code=404)
        bolt_request = to_bolt_request(request, b"")
        install = request.url.path == flow.install_path
        handle = flow.handle_installation if install else flow.handle_callback
        return to_starlette_response(await run_in_threadpool(handle, bolt_request))

    routes = [
        Route("/slack/events", events, methods=["POST"]),
        Route(INSTALL_PATH, oauth, methods=["GET"]),
        Route(REDIRECT_PATH, oauth, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/ical/{token}.ics", ical, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)
