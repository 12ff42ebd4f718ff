"""Enterprise Grid: an org-wide install answers requests and delivers the outbox's messages."""

from __future__ import annotations

from sqlalchemy import Engine, select

from bot import outbox
from bot.services.core import productions
from bot.store import teams
from bot.store.models import SLACK_INSTALLATIONS, OutboxMessage
from slack_emulator import SlackEmulator
from tests import harness
from tests.conftest import NOW
from tests.teams.helpers import install, served

GRID = "E0GRID000"


def test_an_org_wide_install_serves_a_workspace_of_the_org(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> None:
    with served(emulator, engine, _shared_server, NOW) as (slate, url):
        team = install(emulator, url, "T0GRIDWS1", "cora", enterprise_id=GRID, org_wide=True)
        with slate.session_factory() as db:
            stored = db.execute(select(SLACK_INSTALLATIONS)).mappings().one()
            # slack_sdk keys an org-wide install by the org alone: no team to look it up by.
            assert (stored["enterprise_id"], stored["team_id"]) == (GRID, None)
            assert stored["is_enterprise_install"]
        channel = team.ws.add_channel("crew").id
        with slate.session_factory() as db:
            teams.set_team(db, "T0GRIDWS1", GRID)  # what a request from the org's workspace does
            productions.create_production(
                db,
                "T0GRIDWS1",
                productions.ProductionForm(
                    "Grid Pic", "America/Los_Angeles", "USD", channel, channel
                ),
                now=NOW,
                creator_id=team.installer.id,
                creator_name="Cora",
            )
            db.commit()

        # A request from the org's workspace is authorized by the org-wide install.
        answer = team.slack.command(team.installer, "/problem", "generator is down", channel)
        assert answer.status_code == 200, answer.text
        opened = emulator.calls("views.open")
        assert [(c.ok, c.token) for c in opened] == [(True, team.token)]

        # The outbox knows a row's team only (a job's rows): it finds the org's install.
        with slate.session_factory() as db:
            teams.set_team(db, "T0GRIDWS1")
            outbox.post_message(db, channel, text="Wrap at 8p", now=NOW)
            db.commit()
        slate.outbox.deliver_all()

        with slate.session_factory() as db:
            assert set(db.scalars(select(OutboxMessage.status))) == {"sent"}
        assert [m.text for m in team.ws.channel_messages(channel)] == ["Wrap at 8p"]
        assert {c.token for c in emulator.calls("chat.postMessage")} == {team.token}
