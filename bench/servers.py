"""The two servers a load run compares, each in its own process: Slate and the bare-Bolt floor.

`python -m bench.servers floor --port P` serves a Bolt app whose only listener acks every
slash command, behind exactly the plumbing `slate serve` uses (bot/web.py): Starlette, Bolt's
request verification, the listener run in the thread pool, one uvicorn worker, no access log.
It imports SQLAlchemy as well, so its start-up and memory are those of Slate's libraries
without Slate. Slate itself runs as `python -m bot serve`.
"""

from __future__ import annotations

import argparse
import re

import sqlalchemy  # noqa: F401  (the floor's footprint includes the ORM Slate is built on)
import uvicorn
from slack_bolt import Ack, App, BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.authorization import AuthorizeResult
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

SIGNING_SECRET = "bench-signing-secret-0123456789"


def floor_app() -> Starlette:
    """A Bolt app that acks any slash command, served the way bot/web.py serves Slate."""

    def authorize(
        enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=enterprise_id, team_id=team_id, user_id=user_id, bot_token="xoxb-emulated"
        )

    bolt = App(
        signing_secret=SIGNING_SECRET,
        authorize=authorize,
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )

    @bolt.command(re.compile(".*"))
    def any_command(ack: Ack) -> None:
        ack({"response_type": "ephemeral", "text": "ok"})

    async def events(request: Request) -> Response:
        bolt_request = to_bolt_request(request, await request.body())
        bolt_response: BoltResponse = await run_in_threadpool(bolt.dispatch, bolt_request)
        return to_starlette_response(bolt_response)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def main() -> None:
    """Serve the floor app."""
    parser = argparse.ArgumentParser(prog="python -m bench.servers")
    parser.add_argument("which", choices=["floor"])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    uvicorn.run(
        floor_app(),
        host="127.0.0.1",
        port=args.port,
        workers=1,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
