"""Features load on first use: start-up imports none, and every listener still answers."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import Any

from slack_bolt import App

from bot import handlers, jobs
from tests.conftest import Crew
from tests.harness import Running


class _Commands:
    """Records what a feature's register() asks of the app."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def __getattr__(self, kind: str) -> Any:
        def listen(*args: Any, **_: Any) -> Any:
            self.calls.append((kind, args[0] if args else None))
            return lambda func: func

        return listen


def _registered(feature: str) -> list[tuple[str, Any]]:
    recorder = _Commands()
    importlib.import_module(f"bot.handlers.{feature}").register(recorder)
    return recorder.calls


def test_each_command_loads_the_feature_that_answers_it() -> None:
    owners = {
        name: feature
        for feature in handlers.FEATURES
        for kind, name in _registered(feature)
        if kind == "command"
    }
    assert owners == handlers.COMMANDS


def test_listeners_keep_the_eager_order_whatever_loads_first() -> None:
    """Bolt runs the first match: buttons, forms and events keep FEATURES order."""
    eager = App(token="xoxb-test", token_verification_enabled=False)
    for feature in handlers.FEATURES:
        importlib.import_module(f"bot.handlers.{feature}").register(eager)
    lazy = App(token="xoxb-test", token_verification_enabled=False)
    handlers.register(lazy)
    loader = handlers._LOADERS[lazy]
    loader.load({"tasks"})
    loader.load({"calltime", "booking"})
    handlers.load_all(lazy)

    def described(app: App) -> list[tuple[str, tuple[str, ...]]]:
        found = []
        for listener in app._listeners:
            func = listener.matchers[0].func
            cells = tuple(repr(cell.cell_contents) for cell in func.__closure__ or ())
            found.append((listener.ack_function.__qualname__, cells))
        return found

    commands = {repr(name) for name in handlers.COMMANDS}
    eager_found, lazy_found = described(eager), described(lazy)
    assert len(eager_found) > 80 and sorted(eager_found) == sorted(lazy_found)
    others = [entry for entry in eager_found if not commands & set(entry[1])]
    assert [entry for entry in lazy_found if entry in others] == others


def test_a_button_answers_when_only_commands_have_loaded(running: Running, crew: Crew) -> None:
    reply = running.slack.command(
        crew.coordinator, "/assign", f"<@{crew.pa.id}|pat> pick up gels by 5p"
    ).json()
    assert reply["text"].startswith("Assigned to 1 person")
    running.deliver()
    dm = next(
        m
        for m in running.emulator.workspace.dm_messages(crew.pa.id)
        if "pick up gels" in json.dumps(m.blocks)
    )
    running.slack.click(crew.pa, "task_accept", message=dm)
    running.deliver()
    assert "Accept" not in json.dumps(dm.blocks)


def test_every_job_kind_names_a_function() -> None:
    for target in jobs.JOBS.values():
        module, name = target.split(":")
        assert callable(getattr(importlib.import_module(module), name)), target


def test_start_up_imports_no_feature_and_no_heavy_library_it_does_not_use() -> None:
    """What `slate serve` imports before its port answers (a fresh interpreter)."""
    script = (
        "import sys; from bot import cli, web; from bot.app import create_app;"
        "print('\\n'.join(sys.modules))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    features = {f"bot.handlers.{name}" for name in handlers.FEATURES} - {
        "bot.handlers.onboarding"  # bot/app.py wires its fetch job at start
    }
    assert loaded & features == set()
    assert {"dateparser", "apscheduler"} & loaded == set()
