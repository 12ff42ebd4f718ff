"""Selects over 100 choices: external selects answered as people type (block_suggestion)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.services.core.productions import ProductionForm, create_production
from bot.services.money import budget
from bot.store.models import Production
from bot.store.models_money import BudgetLine, Expense
from tests import harness
from tests.conftest import NOW, Crew
from tests.harness import Running

NAMES = ("Camera rental", "CAMERA truck", "Grip truck", "Craft service", "Scam insurance")


@pytest.fixture
def big_budget(running: Running, crew: Crew) -> list[tuple[int, str, str]]:
    """A feature's budget: 300 lines, as (id, code, name) by code."""
    rows = "\n".join(f"{2000 + n},{NAMES[n % len(NAMES)]} {n},{100 + n}" for n in range(300))
    with running.db() as db:
        count, errors = budget.import_csv(
            db, db.get(Production, crew.production_id), f"code,name,amount\n{rows}\n"
        )
        assert (count, errors) == (300, [])
        db.commit()
        found = db.execute(select(BudgetLine.id, BudgetLine.code, BudgetLine.name))
        return sorted(((i, c, n) for i, c, n in found), key=lambda line: line[1])


def _form(running: Running, who, channel: str | None = None) -> tuple[dict, dict]:
    running.slack.command(who, "/expense", "", channel=channel)
    view = running.slack.last_view(who)
    return next(b for b in view["blocks"] if b["block_id"] == "budget_line")["element"], view


def _expected(lines: list[tuple[int, str, str]], typed: str) -> list[str]:
    wanted = typed.strip().lower()
    return [str(i) for i, c, n in lines if wanted in c.lower() or wanted in n.lower()][:100]


def test_the_expense_form_searches_300_lines_as_you_type(
    running: Running, crew: Crew, big_budget
) -> None:
    element, view = _form(running, crew.grip)
    assert element["type"] == "external_select" and "options" not in element
    assert running.emulator.calls("views.open")[-1].ok  # Slack took the form
    found = running.slack.suggest(crew.grip, view, "budget_line", "cam")
    assert [o["value"] for o in found] == _expected(big_budget, "cam")
    texts = [o["text"]["text"] for o in found]
    assert texts and all("cam" in t.lower() for t in texts)
    assert any("CAMERA truck" in t for t in texts) and any("Scam" in t for t in texts)
    assert len(running.slack.suggest(crew.grip, view, "budget_line", "")) == 100
    # Picking a suggestion saves the expense on that line.
    picked = found[-1]
    running.slack.submit(crew.grip, view, {"amount": "12", "budget_line": picked})
    with running.db() as db:
        (expense,) = db.scalars(select(Expense))
        assert str(expense.budget_line_id) == picked["value"]


def test_editing_an_expense_on_line_110_opens_with_it_selected(
    running: Running, crew: Crew, big_budget
) -> None:
    line_id, code, name = big_budget[109]
    _, view = _form(running, crew.grip, crew.crew_channel)
    running.slack.submit(
        crew.grip,
        view,
        {
            "amount": "40",
            "budget_line": {
                "text": {"type": "plain_text", "text": f"#{code} {name}"},
                "value": str(line_id),
            },
        },
    )
    running.deliver()
    my_copy = running.emulator.workspace.dm_messages(crew.grip.id)[-1]  # Edit lives there
    running.slack.click(crew.grip, "expense_edit", message=my_copy)
    assert running.emulator.calls("views.open")[-1].ok
    edit = running.slack.last_view(crew.grip)
    element = next(b for b in edit["blocks"] if b["block_id"] == "budget_line")["element"]
    assert element["initial_option"]["value"] == str(line_id)
    assert element["initial_option"]["text"]["text"] == f"#{code} {name}"
    # Saved untouched, it stays on line 110.
    running.slack.submit(crew.grip, edit, {"amount": "41"})
    with running.db() as db:
        (expense,) = db.scalars(select(Expense))
        assert (expense.budget_line_id, str(expense.amount)) == (line_id, "41.00")


def test_an_outsider_is_offered_nothing(running: Running, crew: Crew, big_budget) -> None:
    _, view = _form(running, crew.grip)
    assert running.slack.suggest(crew.outsider, view, "budget_line", "cam") == []
    forged = dict(view, private_metadata="not json")
    assert running.slack.suggest(crew.grip, forged, "budget_line", "cam") == []


def test_another_productions_lines_are_never_offered(
    running: Running, crew: Crew, big_budget
) -> None:
    with running.db() as db:  # another production in the workspace, with its own budget
        other = Production(
            team_id=running.emulator.workspace.team_id,
            name="Day Lark",
            timezone="America/Los_Angeles",
            created_at=NOW,
        )
        db.add(other)
        db.flush()
        budget.import_csv(db, other, "code,name,amount\ncam-x,Their camera line,900\n")
        db.commit()
    _, view = _form(running, crew.grip, crew.crew_channel)  # Night Owl's channel
    meta = json.loads(view["private_metadata"])
    assert meta["production_id"] == crew.production_id
    texts = [o["text"]["text"] for o in running.slack.suggest(crew.grip, view, "budget_line", "")]
    assert not any("Their camera line" in t for t in texts)


def test_under_100_lines_the_form_keeps_a_static_select(running: Running, crew: Crew) -> None:
    with running.db() as db:
        budget.import_csv(
            db, db.get(Production, crew.production_id), "code,name,amount\ncam,Camera,100\n"
        )
        db.commit()
    element, _ = _form(running, crew.grip)
    assert element["type"] == "static_select" and len(element["options"]) == 1


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(alphabet="camCAMgrip trk%_1 ", max_size=6))
def test_suggestions_are_exactly_the_matching_lines(
    running: Running, crew: Crew, big_budget, typed: str
) -> None:
    """Whatever is typed (even % and _), the answer is the matching lines by code, ≤ 100."""
    _, view = _form(running, crew.grip)
    found = running.slack.suggest(crew.grip, view, "budget_line", typed)
    assert [o["value"] for o in found] == _expected(big_budget, " ".join(typed.split()))


def test_suggestions_over_socket_mode(emulator, engine) -> None:
    """Socket Mode (how `slate run` talks to Slack) answers block_suggestion the same way."""
    with harness.over_socket_mode(emulator, engine) as (slate, slack):
        cora = emulator.workspace.add_user("cora")
        channel = emulator.workspace.add_channel("crew").id
        with slate.session_factory() as db:
            form = ProductionForm("Socket Shoot", "America/Los_Angeles", "USD", channel, channel)
            production = create_production(
                db, emulator.workspace.team_id, form, now=NOW, creator_id=cora.id
            )
            rows = "\n".join(f"{1000 + n},{NAMES[n % len(NAMES)]} {n},1" for n in range(150))
            budget.import_csv(db, production, f"code,name,amount\n{rows}\n")
            db.commit()
        slack.command(cora, "/expense", "", channel=channel)
        view = slack.last_view(cora)
        found = slack.suggest(cora, view, "budget_line", "truck")
        assert found and all("truck" in o["text"]["text"].lower() for o in found)
