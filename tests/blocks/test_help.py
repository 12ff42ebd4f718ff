"""Help, the production picker, the setup modal and the Home tab, built from plain data at
Slack's limits, with no database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bot import permissions
from bot.blocks.help import PickMeta, help_blocks, help_text, production_picker
from bot.blocks.home import home_view
from bot.blocks.limits import check_message, check_view
from bot.blocks.metadata import decode
from bot.blocks.setup import SetupMeta, setup_modal
from bot.services.core.home import HelpView, HomeSummary, HomeView, Tally
from bot.services.core.production_form import SetupView

EVERY_COMMAND = tuple((a.usage, a.does) for a in permissions.ACTIONS.values() if a.usage)
PING = "<!channel> <@U0BOSS> "


@given(
    production=st.one_of(st.none(), st.text(max_size=3000)),
    role=st.sampled_from([None, *permissions.ROLES]),
    commands=st.lists(st.sampled_from(EVERY_COMMAND), unique=True),
)
def test_help_fits_a_message_whatever_the_names(
    production: str | None, role: str | None, commands: list[tuple[str, str]]
) -> None:
    view = HelpView(production, role, tuple(commands))
    blocks = help_blocks(view)
    check_message({"text": help_text(view), "blocks": blocks})
    shown = json.dumps(blocks)
    for usage, _ in commands:
        assert usage.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in shown


def _mrkdwn(node: object) -> list[str]:
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            return [node["text"]]
        return [t for value in node.values() for t in _mrkdwn(value)]
    if isinstance(node, list):
        return [t for value in node for t in _mrkdwn(value)]
    return []


def test_help_never_pings() -> None:
    blocks = help_blocks(HelpView(PING + "Night Owl", "coordinator", EVERY_COMMAND))
    assert "<!channel>" not in json.dumps(blocks) and "&lt;!channel&gt;" in json.dumps(blocks)


def test_a_picker_of_300_productions_offers_the_first_100_and_reads_back() -> None:
    blocks = production_picker([(n, f"{PING}Production {n}" * 10) for n in range(300)], "Which?")
    check_message({"text": "Which?", "blocks": blocks})
    options = blocks[1]["elements"][0]["options"]
    assert len(options) == 100
    assert all(len(o["value"]) <= 150 for o in options)
    assert [decode(PickMeta, o["value"]).production_id for o in options] == list(range(100))


def test_setup_modal_round_trips_its_production() -> None:
    long = SetupView(7, "N" * 120, "Europe/Paris", "EUR", "C1", "C2", None, "+150", 1440)
    modal = setup_modal(long)
    check_view(modal)
    assert decode(SetupMeta, modal["private_metadata"]).production_id == 7
    shown = json.dumps(modal)
    assert "2h30m" not in shown and "150m after wrap" in shown
    new = setup_modal(SetupView())
    assert decode(SetupMeta, new["private_metadata"]).production_id is None
    assert new["title"]["text"] == "New production"


def test_home_of_a_coordinator_of_a_crew_of_500_and_300_budget_lines() -> None:
    note = PING + "x" * 3000
    summary = HomeSummary(
        "America/Los_Angeles",
        next_call=note,
        upcoming=[
            (date(2026, 6, 12 + n), datetime(2026, 6, 12, 13, tzinfo=UTC), note, n == 2)
            for n in range(3)
        ],
        tallies=[Tally(date(2026, 6, 12), 3, 250, 500)],
        tasks=[f"Crew member {n}: {note}" for n in range(500)],
        expenses=[f"#{n} {Decimal('42.50')} — rejected: {note}" for n in range(300)],
        petty_cash=note,
        approvals=[f"#{n} $42.50 from {note}" for n in range(300)],
        budget=[f"#{n} line: 99% of $1,000.00" for n in range(300)],
    )
    view = home_view(HomeView(HelpView(note, "coordinator", EVERY_COMMAND), summary))
    check_view(view)
    shown = json.dumps(view)
    pinging = json.dumps(_mrkdwn(view))  # plain_text (the header) is never parsed for pings
    assert "<!channel>" not in pinging and "<@U0BOSS>" not in pinging
    assert "250/500 confirmed (revision 3)" in shown


def test_home_for_someone_on_no_crew_list() -> None:
    offered = tuple((a.usage, a.does) for a in permissions.offered(None))
    view = home_view(HomeView(HelpView(None, None, offered), None))
    check_view(view)
    shown = json.dumps(view)
    assert "ask your coordinator" in shown and "/slate setup new" in shown
    assert "/expense" not in shown
