"""Workspaces coming and going: uninstall and token revocation, reinstall, and the purge.

`app_uninstalled` / `tokens_revoked` stop everything for the team at once (pending messages
and jobs are parked, its tokens deleted) and plan the purge of its data after the retention
period (SLATE_RETENTION_DAYS); `slate team purge TEAM` does it at once.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_bolt.oauth.callback_options import CallbackOptions, SuccessArgs
from slack_bolt.response import BoltResponse
from sqlalchemy.orm import Session, sessionmaker

from bot.scheduler import Scheduler, cancel, schedule
from bot.slack_auth import TeamClients
from bot.store import teams

log = logging.getLogger(__name__)
PURGE_JOB = "workspace.purge"


def purge_key(team_id: str) -> str:
    """The scheduled purge of `team_id`'s data."""
    return f"{PURGE_JOB}:{team_id}"


def register(
    app: App,
    scheduler: Scheduler,
    clients: TeamClients,
    *,
    retention_days: float,
) -> None:
    """Listen for uninstalls and revocations; run planned purges."""

    def gone(body: dict[str, Any], context: Any) -> None:
        team_id = context.team_id or body.get("team_id")
        if not team_id:
            return
        session: Session = context["db"]
        # In the request's transaction: the store's own connection would wait for its lock.
        teams.delete_tokens(session, team_id)
        clients.forget(team_id)
        parked = teams.park(session, team_id)
        now = context["clock"].now()
        job = schedule(session, PURGE_JOB, purge_key(team_id), now + timedelta(days=retention_days))
        job.payload, job.team_id = {"team": team_id}, None  # the purge outlives the team's rows
        log.info("team %s uninstalled or revoked: parked %s", team_id, parked)

    def revoked(body: dict[str, Any], context: Any, event: dict[str, Any]) -> None:
        if (event.get("tokens") or {}).get("bot"):  # only a revoked bot token stops Slate
            gone(body, context)

    app.event("app_uninstalled")(gone)
    app.event("tokens_revoked")(revoked)

    @scheduler.handler(PURGE_JOB)
    def _purge(session: Session, payload: dict[str, Any], _now: Any) -> None:
        removed = teams.purge(session, payload["team"])
        log.info("purged team %s after its retention period: %s", payload["team"], removed)


def on_install(session_factory: sessionmaker[Session]) -> CallbackOptions:
    """After an install: a team back within its retention period gets its jobs back."""

    def success(args: SuccessArgs) -> BoltResponse:
        team_id = args.installation.team_id
        if team_id:
            with session_factory() as session:
                cancel(session, purge_key(team_id))
                teams.set_team(session, team_id, args.installation.enterprise_id)
                teams.unpark_jobs(session, team_id)
                session.commit()
        return args.default.success(args)

    return CallbackOptions(success=success, failure=lambda args: args.default.failure(args))
