"""The emulator's HTTP server: the Web API on an ephemeral port, with faults on demand."""

from __future__ import annotations

import json
import math
import sys
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlparse

from slack_emulator import webapi_views  # noqa: F401  (registers the views and files methods)
from slack_emulator.faults import Fault, RateLimit
from slack_emulator.state import Call, Workspace
from slack_emulator.teams import Teams
from slack_emulator.webapi import METHODS, ApiError

# Form-encoded calls carry these as JSON strings.
_JSON_PARAMS = {"blocks", "attachments", "metadata", "view", "files"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # An app that hung up before its answer (a killed worker, a timed-out client) is
        # what these tests provoke on purpose: no traceback for it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SlackEmulator:
    """A stateful fake of the Slack Web API that records every call with its parameters."""

    def __init__(
        self, bot_token: str = "xoxb-emulated", app_token: str = "xapp-emulated", **ws: Any
    ) -> None:
        self.bot_token = bot_token
        self.app_token = app_token
        self._workspace_options = ws
        self.workspace = Workspace(**ws)
        self.teams = Teams()  # workspaces other than `workspace`, installed by OAuth
        self._calls: list[Call] = []
        self._faults: dict[str, list[Fault]] = defaultdict(list)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.socket_url: str | None = None
        self._limits: dict[str, RateLimit] = {}
        self.ui: Any = None  # the playground, when one is attached
        self.keeper: Any = None  # saves the workspace to disk (the playground's persist.Keeper)

    # -- lifecycle -------------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0) -> SlackEmulator:
        """Serve on `port` (0: any free port) in a background thread."""
        server = _Server((host, port), _handler_for(self))
        self._server = server
        self.workspace.base_url = f"http://{host}:{server.server_address[1]}/"
        # A short poll: shutdown() waits for serve_forever to notice, 0.5 s by default.
        threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="slack-emulator",
            daemon=True,
        ).start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def reset(self) -> None:
        """Start over as a fresh emulator would, on the same port: one server serves many tests."""
        with self._lock:
            base_url = self.workspace.base_url
            self.workspace = Workspace(**self._workspace_options)
            self.workspace.base_url = base_url
            self.teams = Teams()
            self._calls.clear()
            self._faults.clear()
            self._limits.clear()
            self.socket_url = None
            self.ui = None

    @property
    def api_url(self) -> str:
        """The Web API base URL to give Slate as SLACK_API_URL."""
        return self.workspace.base_url + "api/"

    # -- test controls ---------------------------------------------------------------------
    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: float | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next `times` calls of `method` with an HTTP status or a Slack error."""
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            self._faults[method] += [Fault(status, error, retry_after) for _ in range(times)]

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """Carry out the next calls of `method`, then wait before answering (a slow Slack)."""
        with self._lock:
            self._faults[method] += [Fault(delay=seconds) for _ in range(times)]

    def limit_rate(
        self, method: str, per_second: float, per_channel_per_second: float | None = None
    ) -> None:
        """Enforce Slack-like rate limits on `method`: 429 with Retry-After when exceeded."""
        self._limits[method] = RateLimit(per_second, per_channel_per_second)

    def answer(self, method: str, data: dict[str, Any], times: int = 1) -> None:
        """Answer the next `times` calls of `method` with `data` (ok is added)."""
        with self._lock:
            self._faults[method] += [Fault(answer=data) for _ in range(times)]

    def calls(self, method: str | None = None, *, ok: bool | None = None) -> list[Call]:
        """Recorded calls, optionally of one method and outcome."""
        with self._lock:
            return [
                c
                for c in self._calls
                if (method is None or c.method == method) and (ok is None or c.ok == ok)
            ]

    # -- handling --------------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any], token: str | None) -> tuple:
        """Answer one call: (status, headers, body, delay)."""
        with self._lock:
            faults = self._faults.get(method)
            fault = faults.pop(0) if faults else Fault()
        call = Call(method, params, token, time.time())
        limit = self._limits.get(method)
        wait = limit.take(str(params.get("channel", "")), self._team_of(token)) if limit else 0.0
        if wait and fault.status == 200 and not fault.error:
            fault = Fault(status=429, retry_after=max(1, math.ceil(wait)))
        status, headers, body = self._answer(method, params, token, fault, call)
        call.status, call.ok = status, status == 200 and bool(body.get("ok"))
        call.error = None if call.ok else body.get("error", f"http {status}")
        with self._lock:
            self._calls.append(call)
        self.changed()
        return status, headers, body, fault.delay

    def _team_of(self, token: str | None) -> str:
        """The workspace a token calls for (its rate limits are its own)."""
        if token == self.bot_token:
            return str(self.workspace.team_id)
        return self.teams.tokens.get(token or "", token or "")

    def changed(self) -> None:
        """The workspace may have changed: the keeper (if any) saves it soon."""
        if self.keeper is not None:
            self.keeper.changed()

    def _answer(
        self, method: str, params: dict[str, Any], token: str | None, fault: Fault, call: Call
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        if fault.status == 429:
            return (
                429,
                {"Retry-After": f"{fault.retry_after:g}"},
                {"ok": False, "error": "ratelimited"},
            )
        if fault.status >= 500:
            return fault.status, {}, {"ok": False, "error": "internal_error"}
        if fault.error:
            return 200, {}, {"ok": False, "error": fault.error}
        if fault.answer is not None:
            return 200, {}, {"ok": True, **fault.answer}
        if method == "oauth.v2.access":  # the app's client id and secret, no token
            return 200, {}, self.teams.oauth_access(params, token or "")
        expected = self.app_token if method == "apps.connections.open" else self.bot_token
        workspace = self.workspace if token == expected else self.teams.workspace_for(token)
        if workspace is None or (token != expected and method == "apps.connections.open"):
            return 200, {}, {"ok": False, "error": "invalid_auth"}
        if method == "apps.connections.open":
            if not self.socket_url:
                return 200, {}, {"ok": False, "error": "socket_mode_not_enabled"}
            return 200, {}, {"ok": True, "url": self.socket_url}
        handler = METHODS.get(method)
        if handler is None:
            return 200, {}, {"ok": False, "error": "unknown_method"}
        try:
            return 200, {}, {"ok": True, **handler(workspace, params)}
        except ApiError as error:
            return 200, {}, {"ok": False, "error": error.code}


def _parse_params(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    params: dict[str, Any] = dict(parse_qsl(query))
    if "json" in content_type and body:
        params.update(json.loads(body))
    elif body:
        params.update(parse_qsl(body.decode()))
    for key in _JSON_PARAMS & params.keys():
        if isinstance(params[key], str):
            params[key] = json.loads(params[key])
    return params


def _handler_for(emulator: SlackEmulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go at once, as from Slack

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            url = urlparse(self.path)
            ui = emulator.ui
            if url.path.startswith("/files/") and ui is None:
                return self._download(url.path.rsplit("/", 1)[-1])
            if ui is None:
                return self._send(404, {}, {"ok": False, "error": "not_found"})
            query = dict(parse_qsl(url.query))
            if url.path == "/":
                return self._raw(*ui.page())
            if url.path == "/app.js":
                return self._raw(*ui.script())
            if url.path in ("/favicon.ico", "/favicon.svg"):
                return self._raw(*ui.favicon())
            if url.path == "/state":
                return self._raw("application/json", json.dumps(ui.state(query["user"])).encode())
            if url.path.startswith("/files/"):
                return self._raw(*ui.file(url.path.rsplit("/", 1)[-1]))
            return self._send(404, {}, {"ok": False, "error": "not_found"})

        def _raw(self, content_type: str, data: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            url = urlparse(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if url.path == "/act" and emulator.ui is not None:
                try:
                    answer = emulator.ui.act(json.loads(body))
                except Exception as error:  # the page shows it; the emulator keeps serving
                    answer = {"status": 500, "error": repr(error)}
                return self._raw("application/json", json.dumps(answer).encode())
            if url.path.startswith("/upload/"):
                return self._upload(url.path.rsplit("/", 1)[-1], body)
            if not url.path.startswith("/api/"):
                return self._send(404, {}, {"ok": False, "error": "not_found"})
            params = _parse_params(self.headers.get("Content-Type", ""), body, url.query)
            auth = self.headers.get("Authorization", "")
            token = auth.removeprefix("Bearer ").strip() if auth else params.pop("token", None)
            status, headers, answer, delay = emulator.handle(url.path[5:], params, token)
            if delay:
                time.sleep(delay)
            self._send(status, headers, answer)

        def _download(self, file_id: str) -> None:
            """A file's bytes, as url_private_download serves them: to the bot's token only."""
            auth = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
            if auth != emulator.bot_token:
                return self._send(403, {}, {"ok": False, "error": "not_authed"})
            file = emulator.workspace.files.get(file_id)
            if file is None or file.get("content") is None:
                return self._send(404, {}, {"ok": False, "error": "file_not_found"})
            self._raw(str(file.get("mimetype") or "application/octet-stream"), file["content"])

        def _upload(self, file_id: str, body: bytes) -> None:
            file = emulator.workspace.files.get(file_id)
            if file is None:
                return self._send(404, {}, {"ok": False})
            file["content"] = body
            emulator.changed()
            self._send(200, {}, {"ok": True})

        def _send(self, status: int, headers: dict[str, str], body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            if status >= 500:
                data = b"<html>Internal Server Error</html>"
            self.send_response(status)
            ctype = "text/html" if status >= 500 else "application/json; charset=utf-8"
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler
