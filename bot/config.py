"""Settings from the environment and an optional .env file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values

SLACK_API_URL = "https://slack.com/api/"
SLACK_AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize"


def _default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'slate.db'}"


@dataclass(frozen=True)
class Settings:
    """Everything Slate reads from its environment; secrets never show in repr()."""

    slack_bot_token: str = field(default="", repr=False)
    slack_app_token: str = field(default="", repr=False)
    slack_signing_secret: str = field(default="", repr=False)
    slack_api_url: str = SLACK_API_URL
    # Many workspaces (OAuth v2 installs): all three set, else the one SLACK_BOT_TOKEN is used.
    slack_client_id: str = ""
    slack_client_secret: str = field(default="", repr=False)
    state_secret: str = field(default="", repr=False)
    slack_authorize_url: str = SLACK_AUTHORIZE_URL
    # Refresh a rotating bot token this long before it expires (Slack's tokens last 12 h).
    token_rotation_minutes: int = 120
    # An uninstalled workspace's data is kept this long, then purged (README).
    retention_days: float = 30.0
    database_url: str = ""
    public_url: str = ""  # where HTTP mode is reachable, for calendar links
    playground_port: int = 3000
    data_dir: Path = Path("data")
    log_level: str = "INFO"
    # Slack allows about one message per second per channel.
    channel_interval_seconds: float = 1.0
    # Posts a second per workspace the outbox keeps under (0: paced only by Slack's 429s).
    post_rate: float = 0.0
    outbox_lease_seconds: float = 60.0
    outbox_poll_seconds: float = 0.5
    # Delivered outbox rows are history after this; edit targets are kept regardless.
    outbox_retention_days: float = 30.0
    scheduler_tick_seconds: float = 1.0

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(self, "database_url", _default_database_url(self.data_dir))
        if not self.slack_api_url.endswith("/"):
            object.__setattr__(self, "slack_api_url", self.slack_api_url + "/")

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, dotenv_path: str | Path = ".env"
    ) -> Settings:
        """Read settings from a .env file overlaid by the process environment."""
        values: dict[str, str | None] = dict(dotenv_values(dotenv_path))
        values.update(os.environ if environ is None else environ)

        def get(name: str, default: str = "") -> str:
            return (values.get(name) or default).strip()

        return cls(
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_api_url=get("SLACK_API_URL", SLACK_API_URL),
            slack_client_id=get("SLACK_CLIENT_ID"),
            slack_client_secret=get("SLACK_CLIENT_SECRET"),
            state_secret=get("SLATE_STATE_SECRET"),
            slack_authorize_url=get("SLACK_AUTHORIZE_URL", SLACK_AUTHORIZE_URL),
            token_rotation_minutes=int(get("SLATE_TOKEN_ROTATION_MINUTES", "120")),
            retention_days=float(get("SLATE_RETENTION_DAYS", "30")),
            database_url=get("DATABASE_URL"),
            public_url=get("SLATE_PUBLIC_URL"),
            playground_port=int(get("SLATE_PLAYGROUND_PORT", "3000")),
            data_dir=Path(get("SLATE_DATA_DIR", "data")),
            log_level=get("SLATE_LOG_LEVEL", "INFO").upper(),
            channel_interval_seconds=float(get("SLATE_CHANNEL_INTERVAL", "1.0")),
            post_rate=float(get("SLATE_POST_RATE", "0")),
            outbox_lease_seconds=float(get("SLATE_OUTBOX_LEASE", "60")),
            outbox_retention_days=float(get("SLATE_OUTBOX_RETENTION_DAYS", "30")),
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def many_teams(self) -> bool:
        """Whether Slate installs into workspaces by OAuth (else: the one bot token)."""
        return bool(self.slack_client_id and self.slack_client_secret and self.state_secret)

    @property
    def secrets(self) -> tuple[str, ...]:
        """The values that must never reach a log line."""
        values = (
            self.slack_bot_token,
            self.slack_app_token,
            self.slack_signing_secret,
            self.slack_client_secret,
            self.state_secret,
        )
        return tuple(s for s in values if s)
