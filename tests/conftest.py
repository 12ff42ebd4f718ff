"""Fixtures: every database test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from hypothesis import settings
from sqlalchemy import Engine

from bot import notify
from bot.clock import ManualClock
from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.store.db import make_session_factory
from slack_emulator import SlackEmulator, SlackSide, User
from tests import harness
from tests.databases import empty_tables, postgres_database, postgres_unreachable, sqlite_database

# Hypothesis checks behaviour, not speed: a loaded CI machine must not fail a test on timing.
settings.register_profile("slate", deadline=None)
settings.load_profile("slate")

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)  # Wed 10:00 in Los Angeles
_POSTGRES_SKIP = postgres_unreachable()
if _POSTGRES_SKIP and os.environ.get("SLATE_REQUIRE_POSTGRES"):
    raise RuntimeError(f"SLATE_REQUIRE_POSTGRES is set but {_POSTGRES_SKIP}")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """A migrated database of each kind, shared by the session."""
    if request.param == "postgresql":
        if _POSTGRES_SKIP:
            pytest.skip(_POSTGRES_SKIP)
        with postgres_database() as engine:
            yield engine
    else:
        with sqlite_database(tmp_path_factory.mktemp("sqlite")) as engine:
            yield engine


@pytest.fixture
def engine(database: Engine) -> Iterator[Engine]:
    """The database, emptied after the test."""
    yield database
    empty_tables(database)


@pytest.fixture
def session(engine: Engine):
    """A session for service tests."""
    with notify.install(make_session_factory(engine))() as db:
        yield db


@pytest.fixture
def clock() -> ManualClock:
    """A clock at Wednesday 10:00 Los Angeles time."""
    return ManualClock(NOW)


@pytest.fixture(scope="session")
def _shared_emulator() -> Iterator[SlackEmulator]:
    """One emulator server per worker; `emulator` resets it for each test."""
    emulator = SlackEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(_shared_emulator: SlackEmulator) -> SlackEmulator:
    """A fresh emulated Slack workspace."""
    _shared_emulator.reset()
    return _shared_emulator


@pytest.fixture(scope="session")
def _shared_server() -> Iterator[harness.SharedServer]:
    """One uvicorn per worker; `running` plugs each test's Slate into it."""
    server = harness.SharedServer()
    yield server
    server.close()


@dataclass
class Crew:
    """The people and channels of the test production."""

    coordinator: User
    pa: User
    grip: User
    outsider: User
    crew_channel: str
    coordinators_channel: str
    production_id: int


@pytest.fixture
def running(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[harness.Running]:
    """Slate served over HTTP against the emulator."""
    slate = harness.build(emulator, engine, NOW)
    with _shared_server.serving(slate) as url:
        slack = SlackSide(emulator, f"{url}/slack/events", harness.SIGNING_SECRET)
        yield harness.Running(slate, url, slack, emulator, slate.clock)  # type: ignore[arg-type]
        slack.close()


@pytest.fixture
def crew(running: harness.Running) -> Crew:
    """A production, 'Night Owl', with a coordinator, a PA and a grip, and an outsider."""
    return make_crew(running)


def make_crew(running: harness.Running) -> Crew:
    """Night Owl's people and channels, stored and added to the emulated workspace."""
    ws = running.emulator.workspace
    coordinator = ws.add_user("cora", "cora@nightowl.film", real_name="Cora Coordinator")
    pa = ws.add_user("pat", "pat@nightowl.film", real_name="Pat PA")
    grip = ws.add_user("gus", "gus@nightowl.film", real_name="Gus Grip")
    outsider = ws.add_user("olive", "olive@elsewhere.film", real_name="Olive Outsider")
    crew_channel = ws.add_channel("nightowl-crew").id
    coordinators_channel = ws.add_channel("nightowl-office").id
    with running.db() as db:
        production = productions.create_production(
            db,
            ws.team_id,
            productions.ProductionForm(
                "Night Owl", "America/Los_Angeles", "USD", crew_channel, coordinators_channel
            ),
            now=NOW,
            creator_id=coordinator.id,
            creator_name="Cora Coordinator",
        )
        crew_service.import_crew(
            db,
            production,
            (
                "name,email,department,role,slack_user_id\n"
                f"Pat PA,pat@nightowl.film,Production,pa,{pa.id}\n"
                f"Gus Grip,gus@nightowl.film,Grip,crew,{grip.id}\n"
            ),
        )
        db.commit()
        production_id = production.id
    return Crew(coordinator, pa, grip, outsider, crew_channel, coordinators_channel, production_id)


# Tests that start processes or a browser go first among the tests of their database, so
# that the run does not end with one worker running one of them while the other sits idle.
SLOW_FIRST = (
    "tests/test_cli.py",
    "tests/outbox/test_crash.py",
    "tests/playground/",
    "tests/test_socket_mode.py",
)
_DATABASE_ORDER = {None: 0, "sqlite": 1, "postgresql": 2}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first within each database's tests (kept together: one setup each)."""

    def key(item: pytest.Item) -> tuple[int, bool]:
        callspec = getattr(item, "callspec", None)
        kind = callspec.params.get("database") if callspec else None
        return _DATABASE_ORDER.get(kind, 0), not item.nodeid.startswith(SLOW_FIRST)

    items.sort(key=key)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly when the PostgreSQL half did not run."""
    if _POSTGRES_SKIP:
        terminalreporter.write_sep("!", "PostgreSQL half SKIPPED", yellow=True)
        terminalreporter.write_line(_POSTGRES_SKIP)
        terminalreporter.write_line("Only SQLite was tested. Start PostgreSQL to run both halves.")
