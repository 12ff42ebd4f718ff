"""Two workspaces with the same user and channel ids, every command: nothing crosses."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select

from bot.app import Slate
from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.store.models import OutboxMessage, ScheduledJob
from bot.store.schema import Base
from bot.store.teams import _owned
from slack_emulator import SlackEmulator
from tests import harness
from tests.conftest import NOW
from tests.teams.helpers import Team, install, served

# Every slash command of app_manifest.yml, with what people type (its usage hints and more).
TYPED = {
    "/slate": ["", "help", "use"],
    "/callsheet": ["", "fri", "publish fri"],
    "/calltime": ["", "@gus", "grip"],
    "/problem": ["", "generator is down"],
    "/problems": ["", "today"],
    "/assign": ["@pat pick up the lunch order from Rosa's by 11:30"],
    "/tasks": [""],
    "/broadcast": ["", "crew call moves to 7a"],
    "/schedulechange": ["fri lunch moves to 1p, wrap 8p"],
    "/expense": ["42.50 gaffer tape at B&H #g&e", ""],
    "/budget": [""],
    "/pettycash": ["", "issue @pat 200", "return @pat 20"],
    "/wrap": ["", "19:42", "remind 7p"],
    "/gear": ["", "out c-stand 12 to @gus", "in c-stand 12"],
    "/documents": ["", "add"],
    "/payroll": [""],
    "/meal": ["start", "end", "12:30-13:00"],
}


@pytest.fixture
def two_teams(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[tuple[Slate, Team, Team]]:
    """Slate installed in two workspaces whose people and channels have the same ids."""
    with served(emulator, engine, _shared_server, NOW) as (slate, url):
        yield (
            slate,
            _team(slate, emulator, url, "T0ALPHA00", "Alpha"),
            _team(slate, emulator, url, "T0BRAVO00", "Bravo"),
        )


def _team(slate: Slate, emulator: SlackEmulator, url: str, team_id: str, name: str) -> Team:
    team = install(emulator, url, team_id, installer="cora")
    pat, gus = team.ws.add_user("pat", "pat@x.film"), team.ws.add_user("gus", "gus@x.film")
    channel = team.ws.add_channel("crew").id
    with slate.session_factory() as db:
        production = productions.create_production(
            db,
            team_id,
            productions.ProductionForm(name, "America/Los_Angeles", "USD", channel, channel),
            now=NOW,
            creator_id=team.installer.id,
            creator_name="Cora",
        )
        crew_service.import_crew(
            db,
            production,
            "name,email,department,role,slack_user_id\n"
            f"Pat,pat@x.film,Production,pa,{pat.id}\nGus,gus@x.film,Grip,crew,{gus.id}\n",
        )
        db.commit()
    return team


def _everything(slate: Slate, team: Team) -> None:
    """The coordinator and a grip type every command; the outbox and scheduler run."""
    ws = team.ws
    cora, gus = team.installer, next(u for u in ws.users.values() if u.name == "gus")
    pat = next(u for u in ws.users.values() if u.name == "pat")
    channel = next(c.id for c in ws.channels.values() if c.name == "crew")
    for person in (cora, gus):
        for command, texts in TYPED.items():
            for text in texts:
                typed = text.replace("@pat", f"<@{pat.id}>").replace("@gus", f"<@{gus.id}>")
                answer = team.slack.command(person, command, typed, channel=channel)
                assert answer.status_code == 200, (command, text)
                team.replies.append(answer.text)
    slate.outbox.deliver_all()
    slate.clock.advance(hours=30)  # type: ignore[attr-defined]
    slate.scheduler.tick()
    slate.outbox.deliver_all()


def _rows_of(slate: Slate, team_id: str) -> dict[str, list[tuple]]:
    memo: dict = {}
    rows = {}
    with slate.session_factory() as db:
        for table in Base.metadata.sorted_tables:
            where = _owned(table, team_id, memo)
            if where is not None and table.name != "request_receipts":
                rows[table.name] = sorted(
                    map(tuple, db.execute(select(table).where(where))), key=repr
                )
    return rows


def test_nothing_of_one_workspace_reaches_the_other(
    two_teams: tuple[Slate, Team, Team], emulator: SlackEmulator
) -> None:
    slate, alpha, bravo = two_teams
    assert alpha.installer.id == bravo.installer.id  # the same ids in both workspaces
    _everything(slate, bravo)
    bravo_rows, bravo_messages = _rows_of(slate, bravo.ws.team_id), len(bravo.ws.messages)
    bravo_views = dict(bravo.ws.views)
    calls_before = len(emulator.calls())

    _everything(slate, alpha)

    assert _rows_of(slate, bravo.ws.team_id) == bravo_rows  # nothing read into, or written
    assert len(bravo.ws.messages) == bravo_messages and bravo.ws.views == bravo_views
    assert {c.token for c in emulator.calls()[calls_before:]} == {alpha.token}
    assert alpha.ws.messages, "Alpha's own work was delivered"
    assert not any("Bravo" in reply for reply in alpha.replies)
    assert not any("Bravo" in json.dumps(m.blocks) + m.text for m in alpha.ws.messages)
    with slate.session_factory() as db:
        for model in (OutboxMessage, ScheduledJob):
            teams = set(db.scalars(select(model.team_id)))
            assert teams <= {alpha.ws.team_id, bravo.ws.team_id}, model
