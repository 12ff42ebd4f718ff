"""More workspaces than the default one, each with its own bot token, and OAuth v2 installs.

A test (or the playground) adds a team, has a person approve the install (`approve`, what the
"Allow" button on Slack's consent page does: a one-time code for the app's redirect URL), and
the app exchanges the code at `oauth.v2.access`, as with Slack. With rotation on, bot tokens
expire and `oauth.v2.access` with grant_type=refresh_token hands out the next one.
"""

from __future__ import annotations

import base64
import itertools
import secrets
import threading
import time
from typing import Any
from urllib.parse import unquote

from slack_emulator.state import Workspace

CLIENT_ID = "1000000001.2000000002"
CLIENT_SECRET = "emulated-client-secret"
APP_ID = "ASLATE"
SCOPES = "commands,chat:write,users:read,users:read.email,im:write,files:write"


class Teams:
    """Workspaces by team id, which bot token opens which, and the codes not yet exchanged."""

    def __init__(self, rotation_seconds: int | None = None) -> None:
        self.workspaces: dict[str, Workspace] = {}
        self.tokens: dict[str, str] = {}  # bot token -> team id
        self.expiry: dict[str, float] = {}  # bot token -> when it stops working (rotation)
        self.rotation_seconds = rotation_seconds  # None: tokens never expire
        self._codes: dict[str, tuple[str, str, bool]] = {}  # code -> (team, user, org-wide)
        self._refresh: dict[str, str] = {}  # refresh token -> team id
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def add(
        self, team_id: str, name: str = "", enterprise_id: str | None = None, **options: Any
    ) -> Workspace:
        """A new workspace (Slate not installed there yet), in an Enterprise Grid org or not."""
        workspace = Workspace(team_id=team_id, **options)
        workspace.name = name or team_id  # type: ignore[attr-defined]
        workspace.enterprise_id = enterprise_id
        with self._lock:
            self.workspaces[team_id] = workspace
        return workspace

    def approve(self, team_id: str, user_id: str, *, org_wide: bool = False) -> str:
        """`user_id` clicks Allow on the consent page: the code Slack sends to the redirect.
        `org_wide`: an org admin installs for the whole Enterprise Grid org."""
        code = f"code-{secrets.token_hex(8)}"
        with self._lock:
            self._codes[code] = (team_id, user_id, org_wide)
        return code

    def revoke(self, team_id: str) -> None:
        """The app is uninstalled: every token of the team stops working."""
        with self._lock:
            for token in [t for t, team in self.tokens.items() if team == team_id]:
                del self.tokens[token]

    def workspace_for(self, token: str | None) -> Workspace | None:
        """The workspace a live bot token belongs to."""
        with self._lock:
            team_id = self.tokens.get(token or "")
            if team_id is None or self.expiry.get(token or "", float("inf")) < time.time():
                return None
            return self.workspaces.get(team_id)

    def oauth_access(self, params: dict[str, Any], basic_auth: str) -> dict[str, Any]:
        """oauth.v2.access: a code (or refresh token) exchanged for the team's bot token."""
        client_id, client_secret = _client_credentials(params, basic_auth)
        if client_id != CLIENT_ID:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != CLIENT_SECRET:
            return {"ok": False, "error": "bad_client_secret"}
        with self._lock:
            if params.get("grant_type") == "refresh_token":
                team_id = self._refresh.pop(str(params.get("refresh_token")), None)
                user_id = None
                if team_id is None:
                    return {"ok": False, "error": "invalid_refresh_token"}
            else:
                grant = self._codes.pop(str(params.get("code")), None)
                if grant is None:
                    return {"ok": False, "error": "invalid_code"}
                team_id, user_id, self.workspaces[team_id].org_wide = grant
            return {"ok": True, **self._grant(team_id, user_id)}

    def _grant(self, team_id: str, user_id: str | None) -> dict[str, Any]:
        workspace = self.workspaces[team_id]
        number = next(self._numbers)
        answer: dict[str, Any] = {
            "app_id": APP_ID,
            "token_type": "bot",
            "scope": SCOPES,
            "bot_user_id": workspace.bot_user_id,
            "team": {"id": team_id, "name": getattr(workspace, "name", team_id)},
            "enterprise": None,
            "is_enterprise_install": workspace.org_wide,
        }
        if workspace.enterprise_id:
            answer["enterprise"] = {"id": workspace.enterprise_id, "name": "Grid"}
        if workspace.org_wide:  # an org-wide install names no team (its token serves them all)
            answer["team"] = None
        if user_id is not None:
            answer["authed_user"] = {"id": user_id}
        if self.rotation_seconds is None:
            token = f"xoxb-{team_id}-{number}"
        else:
            token = f"xoxe.xoxb-{team_id}-{number}"
            refresh = f"xoxe-1-{team_id}-{number}"
            self._refresh[refresh] = team_id
            self.expiry[token] = time.time() + self.rotation_seconds
            answer.update(refresh_token=refresh, expires_in=self.rotation_seconds)
        self.tokens[token] = team_id
        answer["access_token"] = token
        return answer


def _client_credentials(params: dict[str, Any], basic_auth: str) -> tuple[str, str]:
    """client_id and client_secret from HTTP Basic auth (slack_sdk's way) or the form."""
    if basic_auth.startswith("Basic "):
        decoded = base64.b64decode(basic_auth[6:]).decode()
        client_id, _, client_secret = decoded.partition(":")
        return unquote(client_id), unquote(client_secret)
    return str(params.get("client_id", "")), str(params.get("client_secret", ""))
