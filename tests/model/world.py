"""One Slate server and emulator reused by every example of a state machine, reset cheaply."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine

from slack_emulator import Message, SlackEmulator, SlackSide, User
from tests import harness
from tests.databases import empty_tables


class World:
    """Slate plugged into the shared uvicorn, against the shared emulator, for one test."""

    def __init__(
        self, emulator: SlackEmulator, engine: Engine, server: harness.SharedServer
    ) -> None:
        self.emulator, self.engine, self.server = emulator, engine, server
        self.phones: dict[int, httpx.Client] = {}
        self.slack: SlackSide | None = None

    @contextmanager
    def example(self, start: datetime) -> Iterator[harness.Running]:
        """A fresh Slate for one Hypothesis example: empty tables, a new workspace, a clock."""
        empty_tables(self.engine)
        self.emulator.reset()
        slate = harness.build(self.emulator, self.engine, start)
        with self.server.serving(slate) as url:
            if self.slack is None:  # one client for every example: TLS setup costs 0.15 s
                self.slack = SlackSide(self.emulator, f"{url}/slack/events", harness.SIGNING_SECRET)
            self.slack.ws = self.emulator.workspace  # the workspace reset() made
            yield harness.Running(slate, url, self.slack, self.emulator, slate.clock)  # type: ignore[arg-type]

    def phone(self, index: int) -> httpx.Client:
        """Someone's own HTTP client (a calendar app), from an address of its own: Slate
        throttles calendar feeds per client, and six people's phones are six clients."""
        if index not in self.phones:
            transport = httpx.HTTPTransport(local_address=f"127.0.0.{10 + index}")
            self.phones[index] = httpx.Client(transport=transport, timeout=10)
        return self.phones[index]

    def close(self) -> None:
        """Close the phones' and Slack's connections."""
        for client in self.phones.values():
            client.close()
        if self.slack is not None:
            self.slack.close()


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    """Every piece of text in Block Kit blocks, joined (mrkdwn markers kept)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(found)


def ephemerals_for(running: harness.Running, user: User) -> list[Any]:
    """The ephemeral replies a person has seen."""
    return [e for e in running.emulator.workspace.ephemerals if e.user == user.id]


def last_dm_with(running: harness.Running, user: User, prefixes: tuple[str, ...]) -> Message:
    """The latest DM to `user` whose text starts with one of `prefixes`."""
    dms = running.emulator.workspace.dm_messages(user.id)
    found = [m for m in dms if m.text.startswith(prefixes)]
    assert found, f"no DM to {user.name} starting with {prefixes}"
    return found[-1]


def file_bytes(running: harness.Running, file_id: str) -> bytes:
    """The content of an uploaded file."""
    return running.emulator.workspace.files[file_id]["content"]


PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(content: bytes) -> str:
    """The text of a PDF as pdftotext (poppler-utils) reads it."""
    assert PDFTOTEXT is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.pdf"
        path.write_bytes(content)
        out = subprocess.run(
            [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, timeout=30
        )
    return out.stdout.decode("utf-8", "replace")


def dumps(value: Any) -> str:
    """JSON for an assertion message."""
    return json.dumps(value, default=str, indent=1)
