"""create_app: builds Slate from settings; nothing global."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import handlers, jobs, notify, slack_auth
from bot import teams as team_events
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.handlers import onboarding
from bot.outbox.worker import OutboxWorker
from bot.request_context import SlateBolt
from bot.scheduler import Scheduler
from bot.slack_auth import FixedAuthorize, TeamClients
from bot.store import teams
from bot.store.db import make_engine, make_session_factory


@dataclass
class Slate:
    """One running Slate: its Bolt app, database, outbox worker and scheduler."""

    settings: Settings
    clock: Clock
    engine: Engine
    session_factory: sessionmaker[Session]
    client: WebClient
    bolt: SlateBolt
    outbox: OutboxWorker
    scheduler: Scheduler
    clients: TeamClients  # each team's bot client (the one client with one token)

    def start_background(self) -> None:
        """Start delivering the outbox and ticking the scheduler."""
        self.outbox.start()
        self.scheduler.start()

    def stop_background(self) -> None:
        """Stop the background workers, finishing the row in hand."""
        self.scheduler.stop()
        self.outbox.stop()


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    engine: Engine | None = None,
) -> Slate:
    """Build Slate: Bolt app with listeners, DB sessions per request, outbox and scheduler."""
    clock = clock or SystemClock()
    engine = engine or make_engine(settings.database_url)
    session_factory = teams.install(notify.install(make_session_factory(engine)))
    many = settings.many_teams
    client = WebClient(
        token=None if many else settings.slack_bot_token or None, base_url=settings.slack_api_url
    )
    oauth = (
        slack_auth.oauth_settings(
            settings, slack_auth.store_engine(engine), team_events.on_install(session_factory)
        )
        if many
        else None
    )
    clients = slack_auth.team_clients(settings, client, oauth)
    worker = OutboxWorker(
        session_factory,
        client,
        clock,
        clients=clients,
        channel_interval=settings.channel_interval_seconds,
        post_rate=settings.post_rate,
        lease_seconds=settings.outbox_lease_seconds,
        poll_seconds=settings.outbox_poll_seconds,
        retention_days=settings.outbox_retention_days,
    )
    bolt = SlateBolt(
        name="slate",  # else Bolt names the app from inspect.stack(): ~40 ms of start-up
        session_factory=session_factory,
        clock=clock,
        on_commit=worker.wake,
        public_url=settings.public_url,
        inline_reads=engine.dialect.name == "sqlite",  # see SlateBolt.answers_inline
        client=client,
        # One workspace: no auth.test per request (Slack may be down). Many: Bolt's OAuth.
        authorize=None if many else FixedAuthorize(client),
        oauth_settings=oauth,
        signing_secret=settings.slack_signing_secret,
        # Handlers only write rows (the outbox sends later), so they finish in milliseconds:
        # answering after the handler avoids Bolt's 10 ms ack polling and keeps each request
        # one transaction.
        process_before_response=True,
        token_verification_enabled=False,
        # HTTP mode checks the signature in bot/web.py before anything parses the body, so a
        # forged request never reaches Bolt (which would log its whole body).
        request_verification_enabled=False,
        raise_error_for_unhandled_request=False,
    )
    handlers.register(bolt)
    bolt.match_on_body()
    scheduler = Scheduler(
        session_factory,
        clock,
        tick_seconds=settings.scheduler_tick_seconds,
        after_commit=worker.wake,
    )
    jobs.register(scheduler)
    scheduler.handler("onboarding.fetch")(onboarding.fetch_job_for(clients))
    team_events.register(bolt, scheduler, clients, retention_days=settings.retention_days)
    return Slate(settings, clock, engine, session_factory, client, bolt, worker, scheduler, clients)
