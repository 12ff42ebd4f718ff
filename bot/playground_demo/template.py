"""The demo built once, kept as a template: Slate's database, the emulator's workspace and the
moment the demo opens, keyed by a hash of the code that builds them.

Living two shoot days through Slate's services takes ~10 s; copying what they left takes a
fraction of one. A change to any of Slate's or the emulator's code changes the key, so a
template never shows what older code would have done.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import bot
import slack_emulator
from slack_emulator.persist import dump

FOLDER = "playground-template"
QUIET_SECONDS = 1.0  # the outbox has sent the demo and nothing fell due for this long


def key() -> str:
    """A hash of every source file that can change what the demo holds."""
    digest = hashlib.sha256()
    for package in (bot, slack_emulator):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(root.parent)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def folder(data_dir: Path) -> Path:
    """Where the current code's template lives (or would)."""
    return data_dir / FOLDER / key()


def restore(data_dir: Path, database: Path, saved: Path) -> datetime | None:
    """Copy the template's database and workspace into place; the moment it opens, or None
    when there is no template for this code."""
    source = folder(data_dir)
    try:
        opens = datetime.fromisoformat(json.loads((source / "clock.json").read_text())["opens"])
        shutil.copyfile(source / "playground.db", database)
        shutil.copyfile(source / "playground-slack.json", saved)
    except (OSError, ValueError, KeyError, TypeError):
        for path in (database, saved):  # nothing half-copied
            path.unlink(missing_ok=True)
        return None
    return opens


def keep_when_quiet(
    data_dir: Path,
    database: Path,
    slate: Any,
    workspace: Any,
    clock: Any,
    then: Callable[[], None] = lambda: None,
) -> threading.Thread:
    """Once the outbox has delivered the freshly seeded demo, save it as the template (in the
    background: the page already shows the demo arriving), then call `then`."""
    thread = threading.Thread(
        target=_keep,
        args=(data_dir, database, slate, workspace, clock, then),
        name="demo-template",
        daemon=True,
    )
    thread.start()
    return thread


def _keep(
    data_dir: Path,
    database: Path,
    slate: Any,
    workspace: Any,
    clock: Any,
    then: Callable[[], None],
    timeout: float = 120,
) -> None:
    try:
        _keep_once_quiet(data_dir, database, slate, workspace, clock, timeout)
    finally:  # kept or not, the playground must not stay "setting up" for ever
        then()


def _keep_once_quiet(
    data_dir: Path, database: Path, slate: Any, workspace: Any, clock: Any, timeout: float
) -> None:
    from bot.outbox import next_due

    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        with slate.session_factory() as session:
            due = next_due(session, invited_only=True)
        now = clock.now()
        if due is not None and due <= now:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= QUIET_SECONDS:
            save(data_dir, database, workspace, now)
            return
        time.sleep(0.1)


def save(data_dir: Path, database: Path, workspace: Any, opens: datetime) -> Path:
    """Write the template atomically (a new folder renamed into place); old keys are removed."""
    target = folder(data_dir)
    building = target.with_name(target.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    with workspace.lock:  # nothing reaches the workspace while both halves are copied
        with (
            closing(sqlite3.connect(database)) as live,
            closing(sqlite3.connect(building / "playground.db")) as copy,
        ):
            live.backup(copy)
        (building / "playground-slack.json").write_text(json.dumps(dump(workspace)))
    (building / "clock.json").write_text(json.dumps({"opens": opens.isoformat()}))
    for old in target.parent.iterdir():
        if old != building:
            shutil.rmtree(old, ignore_errors=True)
    os.replace(building, target)
    return target
