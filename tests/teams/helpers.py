"""Slate for many workspaces against the emulator: settings, installs through OAuth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from sqlalchemy import Engine

from bot.app import Slate, create_app
from bot.clock import ManualClock
from bot.config import Settings
from slack_emulator import SlackEmulator, SlackSide, User, Workspace
from slack_emulator.teams import CLIENT_ID, CLIENT_SECRET
from tests import harness

STATE_SECRET = "test-state-secret-0123456789"


def many_settings(emulator: SlackEmulator, database_url: str, **extra: object) -> Settings:
    """Settings for OAuth installs into the emulator's workspaces (no bot token)."""
    return Settings(
        slack_signing_secret=harness.SIGNING_SECRET,
        slack_api_url=emulator.api_url,
        slack_client_id=CLIENT_ID,
        slack_client_secret=CLIENT_SECRET,
        state_secret=STATE_SECRET,
        slack_authorize_url=emulator.workspace.base_url + "oauth/v2/authorize",
        database_url=database_url,
        channel_interval_seconds=0.0,
        **extra,  # type: ignore[arg-type]
    )


def build(emulator: SlackEmulator, engine: Engine, start: datetime, **extra: object) -> Slate:
    """Slate for many workspaces on `engine`, with a manual clock at `start`."""
    settings = many_settings(emulator, engine.url.render_as_string(hide_password=False), **extra)
    return create_app(settings, clock=ManualClock(start), engine=engine)


@dataclass
class Team:
    """An installed workspace: its emulated side, the installer and the bot token Slate got."""

    ws: Workspace
    installer: User
    token: str
    slack: SlackSide
    replies: list[str] = field(default_factory=list)  # what its commands answered


def install(
    emulator: SlackEmulator,
    url: str,
    team_id: str,
    installer: str = "ann",
    *,
    enterprise_id: str | None = None,
    org_wide: bool = False,
) -> Team:
    """Add a workspace and install Slate there as a person would: page, Allow, redirect
    (`org_wide`: an admin of the Grid org `enterprise_id` installs for the whole org)."""
    ws = emulator.teams.add(team_id, f"Team {team_id}", enterprise_id=enterprise_id)
    person = ws.add_user(installer, f"{installer}@{team_id.lower()}.film", real_name=installer)
    with httpx.Client(base_url=url, timeout=30) as browser:
        page = browser.get("/slack/install")
        assert page.status_code == 200, page.text
        found = re.search(r"[?&;]state=([^&\"']+)", page.text)
        assert found, page.text
        code = emulator.teams.approve(team_id, person.id, org_wide=org_wide)
        # Bolt's state cookie is Secure (https): the browser here is on plain http.
        cookie = page.headers["set-cookie"].split(";")[0]
        done = browser.get(
            "/slack/oauth_redirect",
            params={"code": code, "state": found[1]},
            headers={"cookie": cookie},
        )
        assert done.status_code == 200, done.text
    token = next(t for t, team in emulator.teams.tokens.items() if team == team_id)
    slack = SlackSide(emulator, f"{url}/slack/events", harness.SIGNING_SECRET, workspace=ws)
    return Team(ws, person, token, slack)


@contextmanager
def served(
    emulator: SlackEmulator, engine: Engine, server: harness.SharedServer, start: datetime
) -> Iterator[tuple[Slate, str]]:
    """Many-workspace Slate plugged into the shared test server."""
    slate = build(emulator, engine, start)
    with server.serving(slate) as url:
        yield slate, url
