"""Slate as separate processes (`slate serve`, `slate worker`) against one database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from slack_emulator import SlackEmulator
from slack_emulator.teams import CLIENT_ID, CLIENT_SECRET
from tests import harness
from tests.teams.helpers import STATE_SECRET


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def many_env(emulator: SlackEmulator, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a many-workspace deployment, with the emulator as Slack."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SLATE_"))}
    env.update(
        SLACK_API_URL=emulator.api_url,
        SLACK_SIGNING_SECRET=harness.SIGNING_SECRET,
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET=CLIENT_SECRET,
        SLATE_STATE_SECRET=STATE_SECRET,
        SLACK_AUTHORIZE_URL=emulator.workspace.base_url + "oauth/v2/authorize",
        DATABASE_URL=database_url,
        SLATE_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


class Process:
    """One `slate ...` child process; `url` once it answers /healthz (serve)."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.args, self.env, self.cwd = args, env, cwd
        self.log = cwd / f"{'-'.join(args[:1])}-{free_port()}.log"
        self.popen = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        with open(self.log, "ab") as log:
            return subprocess.Popen(
                [sys.executable, "-m", "bot", *self.args],
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        """SIGKILL: no goodbye, whatever was in hand is lost."""
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def restart(self) -> None:
        """Start the same command again."""
        self.popen = self._start()

    def stop(self) -> None:
        """SIGTERM, then wait."""
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()


def serve(env: dict[str, str], cwd: Path) -> tuple[Process, str]:
    """A `slate serve` on a free port."""
    port = free_port()
    return Process(["serve", "--port", str(port)], env, cwd), f"http://127.0.0.1:{port}"


def wait_healthy(urls: list[str], seconds: float = 90) -> None:
    """Until every URL's /healthz answers 200."""
    deadline = time.monotonic() + seconds
    for url in urls:
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"{url} did not start"
            time.sleep(0.2)
