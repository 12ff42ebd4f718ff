"""Tokens: the one bot token from settings, or each workspace's from its OAuth installation.

One workspace: `FixedAuthorize`, no live auth.test on the way to answering a request. Many:
Bolt's OAuth flow with slack_sdk's SQLAlchemy installation and state stores (tables made by
migration 0016), tokens rotated before they expire; `TeamClients` gives the outbox each
team's client.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from logging import Logger
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_bolt.oauth.callback_options import CallbackOptions
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation, InstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine, create_engine, select

from bot.config import Settings
from bot.store.models import SLACK_INSTALLATIONS, Production

log = logging.getLogger(__name__)

# The bot scopes an install asks for: app_manifest.yml's (tests/teams checks they agree).
BOT_SCOPES = (
    "commands",
    "chat:write",
    "chat:write.public",
    "im:write",
    "im:history",
    "channels:history",
    "groups:history",
    "channels:read",
    "groups:read",
    "users:read",
    "users:read.email",
    "files:write",
    "files:read",
)
INSTALL_PATH, REDIRECT_PATH = "/slack/install", "/slack/oauth_redirect"
STATE_SECONDS = 600
# How long a process trusts a team's token before reading the store again: another process
# may have rotated it, or the team uninstalled (then sends fail with not_authed, never go out).
CLIENT_TTL_SECONDS = 30.0


class FixedAuthorize(Authorize):
    """The bot token from settings; the bot's own ids from one auth.test, learned in passing.

    Bolt's default asks Slack (auth.test) on every request until it has succeeded once, so with
    Slack's API down even commands that only read Slate's data failed. Here the first request
    tries once with a short timeout; after a failure, later requests answer at once with what
    is known (token and team) while a background thread retries at most once a minute.
    """

    def __init__(self, client: WebClient, *, retry_seconds: float = 60.0) -> None:
        self.token = client.token or ""
        self._client = WebClient(token=self.token, base_url=client.base_url, timeout=2)
        self._identity: dict[str, Any] | None = None
        self._tried = False
        self._next_try = 0.0
        self._retry_seconds = retry_seconds
        self._lock = threading.Lock()

    def __call__(self, *, enterprise_id: str | None, team_id: str | None, **kwargs: Any) -> Any:
        """The fixed result for this request (Bolt calls this with context and ids)."""
        identity = self._identity or self._learn()
        return AuthorizeResult(
            enterprise_id=enterprise_id or identity.get("enterprise_id"),
            team_id=team_id or identity.get("team_id"),
            bot_token=self.token,
            bot_id=identity.get("bot_id"),
            bot_user_id=identity.get("user_id"),
            user_id=kwargs.get("user_id"),
        )

    def _learn(self) -> dict[str, Any]:
        with self._lock:
            first, self._tried = not self._tried, True
            due = time.monotonic() >= self._next_try
            if due:
                self._next_try = time.monotonic() + self._retry_seconds
        if first:
            self._auth_test()
        elif due:
            threading.Thread(target=self._auth_test, daemon=True).start()
        return self._identity or {}

    def _auth_test(self) -> None:
        try:
            self._identity = dict(self._client.auth_test().data)  # type: ignore[arg-type]
        except Exception as error:  # Slack down or slow: answer with what we know
            log.warning("auth.test failed (%r); answering without the bot's ids", error)


class SignedStateStore(OAuthStateStore):
    """slack_sdk's SQLAlchemy state store, its states signed with SLATE_STATE_SECRET.

    A forged or guessed state is refused before it costs a database lookup.
    """

    def __init__(self, secret: str, inner: SQLAlchemyOAuthStateStore) -> None:
        self._key, self._inner = secret.encode(), inner

    @property
    def logger(self) -> Logger:
        """The inner store's logger."""
        return self._inner.logger

    def _sign(self, state: str) -> str:
        return hmac.new(self._key, state.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self, *args: Any, **kwargs: Any) -> str:
        """A new state, stored and signed."""
        state = self._inner.issue(*args, **kwargs)
        return f"{state}.{self._sign(state)}"

    def consume(self, state: str) -> bool:
        """True once for a state this app issued, signed and not expired."""
        plain, _, signature = state.rpartition(".")
        if not plain or not hmac.compare_digest(signature, self._sign(plain)):
            return False
        return self._inner.consume(plain)


def store_engine(engine: Engine) -> Engine:
    """An engine for slack_sdk's stores, whose transactions begin as the driver's do.

    On SQLite, Slate's own engine may begin IMMEDIATE (bot/store/db.py) while a request holds
    the write lock: a store read from the same thread would then wait for itself.
    """
    return create_engine(engine.url, pool_pre_ping=True)


def oauth_settings(
    settings: Settings, engine: Engine, callbacks: CallbackOptions | None = None
) -> OAuthSettings:
    """Bolt's OAuth settings: installs, states and rotation in Slate's database."""
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        redirect_uri=f"{settings.public_url.rstrip('/')}{REDIRECT_PATH}"
        if settings.public_url
        else None,
        authorization_url=settings.slack_authorize_url,
        installation_store=SQLAlchemyInstallationStore(settings.slack_client_id, engine),
        state_store=SignedStateStore(settings.state_secret, states),
        state_expiration_seconds=STATE_SECONDS,
        token_rotation_expiration_minutes=settings.token_rotation_minutes,
        callback_options=callbacks,
    )


class TeamClients:
    """Each team's bot client for the outbox, from the installation store, cached a while.

    A rotating token is refreshed (and saved) when it is within `rotate_minutes` of expiry;
    the cache is dropped on rotation, on `forget` (uninstall) and after CLIENT_TTL_SECONDS.
    Without a store (one workspace), every team gets the one client.
    """

    def __init__(
        self,
        base: WebClient,
        store: InstallationStore | None = None,
        rotator: TokenRotator | None = None,
        rotate_minutes: int = 120,
    ) -> None:
        self.base, self.store, self.rotator = base, store, rotator
        self.rotate_minutes = rotate_minutes
        self._cache: dict[str | None, tuple[WebClient, float]] = {}
        self._lock = threading.Lock()

    def __call__(self, team_id: str | None) -> WebClient:
        """The client for `team_id` (a token-less one for a team that is not installed)."""
        if self.store is None:
            return self.base
        with self._lock:
            cached = self._cache.get(team_id)
            if cached and cached[1] > time.monotonic():
                return cached[0]
        token, good_for = self._token(team_id)
        client = WebClient(token=token, base_url=self.base.base_url, timeout=self.base.timeout)
        with self._lock:
            self._cache[team_id] = (client, time.monotonic() + good_for)
        return client

    def forget(self, team_id: str | None) -> None:
        """Drop the cached client of `team_id` (its tokens were deleted or rotated)."""
        with self._lock:
            self._cache.pop(team_id, None)

    def _token(self, team_id: str | None) -> tuple[str | None, float]:
        installation = self._find(team_id)
        if installation is None or not installation.bot_token:
            return None, CLIENT_TTL_SECONDS
        installation = self._rotated(installation)
        left = (installation.bot_token_expires_at or 2**40) - time.time()
        return installation.bot_token, min(CLIENT_TTL_SECONDS, left - self.rotate_minutes * 60)

    def _find(self, team_id: str | None) -> Installation | None:
        """The team's installation, found as slack_sdk's store keys it: (enterprise, team), or
        (enterprise, none) for an Enterprise Grid org-wide install."""
        assert self.store is not None
        found = self.store.find_installation(enterprise_id=None, team_id=team_id)
        engine = getattr(self.store, "engine", None)
        if found is not None or team_id is None or engine is None:
            return found
        grid, org = enterprise_of(engine, team_id)
        if grid:  # the workspace's own install, in a Grid org
            found = self.store.find_installation(enterprise_id=grid, team_id=team_id)
        if found is None and org:
            found = self.store.find_installation(
                enterprise_id=org, team_id=None, is_enterprise_install=True
            )
        return found

    def _rotated(self, installation: Installation) -> Installation:
        if self.rotator is None or installation.bot_refresh_token is None:
            return installation
        fresh = self.rotator.perform_token_rotation(
            installation=installation, minutes_before_expiration=self.rotate_minutes
        )
        if fresh is None:
            return installation
        assert self.store is not None
        self.store.save(fresh)  # the same rows (same installed_at): every process sees it
        log.info("rotated the bot token of team %s", installation.team_id)
        return fresh


def enterprise_of(engine: Engine, team_id: str) -> tuple[str | None, str | None]:
    """The Grid org of `team_id`: from its own installation, and from its productions (an
    org-wide install names no team; a production remembers the org its request came from)."""
    rows = SLACK_INSTALLATIONS.c
    with engine.connect() as connection:
        grid = connection.scalar(
            select(rows.enterprise_id)
            .where(rows.team_id == team_id, rows.enterprise_id.is_not(None))
            .order_by(rows.installed_at.desc())
            .limit(1)
        )
        org = connection.scalar(
            select(Production.enterprise_id)
            .where(Production.team_id == team_id, Production.enterprise_id.is_not(None))
            .limit(1)
        )
    return grid, org


def team_clients(settings: Settings, base: WebClient, oauth: OAuthSettings | None) -> TeamClients:
    """TeamClients over the OAuth installation store, or over the one token."""
    if oauth is None:
        return TeamClients(base)
    rotator = TokenRotator(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        client=WebClient(base_url=base.base_url),
    )
    return TeamClients(base, oauth.installation_store, rotator, settings.token_rotation_minutes)
