"""A Hypothesis state machine over expenses, approvals, petty cash and budget lines.

Slate is driven the way Slack does (signed slash commands, clicks and form submissions over
HTTP); a plain model of every expense says what /budget, the CSV export, the approvals list on
App Home and each petty cash envelope must show after every step.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, select

from bot.services.core import crew as crew_service
from bot.services.core import productions
from bot.services.money import budget
from bot.store.models import Production
from slack_emulator import SlackEmulator, User
from tests import harness
from tests.conftest import NOW
from tests.model.world import World, blocks_text, dumps

pytestmark = pytest.mark.model

# SQLite runs 200 examples of 4 steps (112 s beside the week machine on 2 cores); PostgreSQL's
# commits cost more, so it runs fewer examples of the same machine.
EXAMPLES = {"sqlite": 200, "postgresql": 30}
STEPS = 4

LINES = {"g&e": ("Grip & Electric", Decimal(1000)), "craft": ("Craft service", Decimal(500))}
METHODS = ("personal", "company_card", "petty_cash")
WORDS = ("tape", "ice", "coffee", "gel", "sandbags", "batteries")


def typed(amount: Decimal, shape: int) -> str:
    """The amount as someone might type it (every shape the one money reader accepts)."""
    whole, cents = divmod(int(amount * 100), 100)
    grouped = f"{whole:,}"
    shapes = [
        f"{whole}.{cents:02d}",
        f"${grouped}.{cents:02d}",
        f"{whole},{cents:02d}",  # a decimal comma
        grouped.replace(",", ".") + f",{cents:02d}",  # 1.234,56
    ]
    if cents % 10 == 0:
        shapes.append(f"{whole}.{cents // 10}")  # 42.5
    if cents == 0:
        shapes += [str(whole), grouped if whole >= 1000 else str(whole)]
    return shapes[shape % len(shapes)]


amounts = st.integers(min_value=1, max_value=350_000).map(lambda c: Decimal(c) / 100)
shapes = st.integers(min_value=0, max_value=6)


@dataclass
class Row:
    """One expense as the model knows it."""

    number: int
    submitter: str
    amount: Decimal
    code: str | None
    method: str
    status: str = "pending"


class MoneyMachine(RuleBasedStateMachine):
    """Expenses logged, edited, decided and deleted; floats issued and returned."""

    world: World

    def __init__(self) -> None:
        super().__init__()
        self.stack = ExitStack()
        self.running = self.stack.enter_context(self.world.example(NOW))
        self.people, self.coordinator = self._setup()
        self.rows: dict[int, Row] = {}
        self.copies: dict[int, str] = {}  # expense number -> ts of the submitter's DM copy
        self.issued = {u.id: Decimal(0) for u in self.people}
        self.returned = {u.id: Decimal(0) for u in self.people}
        self.budgets = {code: amount for code, (_, amount) in LINES.items()}
        self.line_ids: dict[str, int] = {}
        self._load_lines()

    def teardown(self) -> None:
        """Unplug this example's Slate."""
        self.stack.close()

    # -- setting up ----------------------------------------------------------------------------
    def _setup(self) -> tuple[list[User], User]:
        ws = self.running.emulator.workspace
        cora = ws.add_user("cora", real_name="Cora Coordinator")
        gus = ws.add_user("gus", real_name="Gus Grip")
        pat = ws.add_user("pat", real_name="Pat PA")
        self.crew_channel = ws.add_channel("crew").id
        self.office = ws.add_channel("office").id
        with self.running.db() as db:
            production = productions.create_production(
                db,
                ws.team_id,
                productions.ProductionForm(
                    "Night Owl", "America/Los_Angeles", "USD", self.crew_channel, self.office
                ),
                now=NOW,
                creator_id=cora.id,
                creator_name="Cora Coordinator",
            )
            crew_service.import_crew(
                db,
                production,
                "name,department,role,slack_user_id\n"
                f"Gus Grip,Grip,crew,{gus.id}\nPat PA,Production,pa,{pat.id}\n",
            )
            db.commit()
            self.production_id = production.id
        return [gus, pat], cora

    def _load_lines(self) -> None:
        """`slate import budget`'s service: (re)import every line at the model's amounts."""
        text = "code,name,amount\n" + "".join(
            f"{code},{LINES[code][0]},{amount}\n" for code, amount in self.budgets.items()
        )
        with self.running.db() as db:
            count, errors = budget.import_csv(db, db.get(Production, self.production_id), text)
            assert (count, errors) == (len(self.budgets), [])
            db.commit()
            from bot.store.models_money import BudgetLine

            self.line_ids = {line.code: line.id for line in db.scalars(select(BudgetLine))}

    # -- the model -------------------------------------------------------------------------------
    def balance(self, user_id: str, leaving_out: int | None = None) -> Decimal:
        """What the person's petty cash envelope holds."""
        spent = sum(
            (
                r.amount
                for r in self.rows.values()
                if r.submitter == user_id
                and r.method == "petty_cash"
                and r.status in ("pending", "approved")
                and r.number != leaving_out
            ),
            Decimal(0),
        )
        return self.issued[user_id] - spent - self.returned[user_id]

    def _person(self, index: int) -> User:
        return self.people[index % len(self.people)]

    def _keep_copy(self, number: int, user: User) -> None:
        """The submitter's own copy in our DM (it carries Edit and Delete while pending)."""
        mine = self.running.emulator.workspace.dm_messages(user.id)[-1]
        assert f"#{number}" in mine.text + blocks_text(mine.blocks), mine
        self.copies[number] = mine.ts

    def _copy(self, row: Row, user: User) -> Any:
        """The submitter's copy as it reads now; a decided one offers no Edit or Delete."""
        ws = self.running.emulator.workspace
        (copy,) = [m for m in ws.dm_messages(user.id) if m.ts == self.copies[row.number]]
        if row.status != "pending":
            assert "expense_edit" not in dumps(copy.blocks), (row, copy.blocks)
            assert "expense_delete" not in dumps(copy.blocks), (row, copy.blocks)
            return None
        return copy

    def _row(self, index: int, live: bool = True) -> Row:
        rows = [r for r in self.rows.values() if not live or r.status != "deleted"]
        return rows[index % len(rows)]

    # -- what people do --------------------------------------------------------------------------
    @rule(
        who=st.integers(0, 1),
        amount=amounts,
        shape=shapes,
        code=st.sampled_from([None, *LINES]),
        word=st.sampled_from(WORDS),
    )
    def one_liner(self, who: int, amount: Decimal, shape: int, code: str | None, word: str) -> None:
        """`/expense 42.50 tape #g&e` in any typed shape of the amount."""
        user = self._person(who)
        text = f"{typed(amount, shape)} {word}" + (f" #{code}" if code else "")
        reply = self.running.slack.command(user, "/expense", text).json()
        self.running.deliver()
        number = len(self.rows) + 1
        assert reply["text"] == f"Logged expense #{number}", (text, reply)
        self.rows[number] = Row(number, user.id, amount, code, "personal")
        self._keep_copy(number, user)

    @rule(
        who=st.integers(0, 1),
        amount=amounts,
        shape=shapes,
        code=st.sampled_from([None, *LINES]),
        method=st.sampled_from(METHODS),
        twice=st.booleans(),
    )
    def form(
        self, who: int, amount: Decimal, shape: int, code: str | None, method: str, twice: bool
    ) -> None:
        """`/expense` alone opens the form; fill it and Save (twice: a double click)."""
        user = self._person(who)
        self.running.slack.command(user, "/expense", "", channel=self.crew_channel)
        answers = {"amount": typed(amount, shape), "method": method, "description": "supplies"}
        if code:
            answers["budget_line"] = str(self.line_ids[code])
        view = self.running.slack.last_view(user)
        reply = self.running.slack.submit(user, view, answers)
        if twice:
            self.running.slack.submit(user, view, answers)
        self.running.deliver()
        if method == "petty_cash" and amount > self.balance(user.id):
            assert "holds" in reply.json()["errors"]["method"], reply.text
            return
        assert not reply.content or "errors" not in reply.json(), (answers, reply.text)
        number = len(self.rows) + 1
        self.rows[number] = Row(number, user.id, amount, code, method)
        shown = self.running.emulator.workspace.ephemerals[-1]
        assert f"#{number} " in blocks_text(shown.blocks), blocks_text(shown.blocks)
        self._keep_copy(number, user)

    @precondition(lambda self: any(r.status != "deleted" for r in self.rows.values()))
    @rule(pick=st.integers(0, 50), amount=amounts, shape=shapes, method=st.sampled_from(METHODS))
    def edit(self, pick: int, amount: Decimal, shape: int, method: str) -> None:
        """The submitter presses Edit on their confirmation and changes amount and method."""
        row = self._row(pick)
        user = next(u for u in self.people if u.id == row.submitter)
        copy = self._copy(row, user)
        if copy is None:
            return  # decided: it stays as decided
        self.running.slack.click(user, "expense_edit", message=copy)
        view = self.running.slack.last_view(user)
        reply = self.running.slack.submit(
            user, view, {"amount": typed(amount, shape), "method": method}
        )
        self.running.deliver()
        if method == "petty_cash" and amount > self.balance(user.id, leaving_out=row.number):
            assert "holds" in reply.json()["errors"]["method"], reply.text
            return
        assert not reply.content or "errors" not in reply.json(), reply.text
        row.amount, row.method, row.status = amount, method, "pending"

    @precondition(lambda self: any(r.status != "deleted" for r in self.rows.values()))
    @rule(pick=st.integers(0, 50))
    def delete(self, pick: int) -> None:
        """The submitter presses Delete: only a pending expense goes."""
        row = self._row(pick)
        user = next(u for u in self.people if u.id == row.submitter)
        copy = self._copy(row, user)
        if copy is None:
            return  # decided: it stays as decided
        self.running.slack.click(user, "expense_delete", message=copy)
        self.running.deliver()
        row.status = "deleted"

    @precondition(lambda self: any(r.status == "pending" for r in self.rows.values()))
    @rule(pick=st.integers(0, 50), approve=st.booleans())
    def decide(self, pick: int, approve: bool) -> None:
        """A coordinator approves, or rejects with a reason, from the post in their channel."""
        pending = [r for r in self.rows.values() if r.status == "pending"]
        row = pending[pick % len(pending)]
        post = self._approval_post(row.number)
        action = "expense_approve" if approve else "expense_reject"
        self.running.slack.click(self.coordinator, action, message=post)
        if not approve:
            view = self.running.slack.last_view(self.coordinator)
            self.running.slack.submit(self.coordinator, view, {"reason": "not on this budget"})
        self.running.deliver()
        row.status = "approved" if approve else "rejected"

    def _approval_post(self, number: int):
        ws = self.running.emulator.workspace
        return next(
            m for m in ws.channel_messages(self.office) if m.text.startswith(f"Expense #{number} ")
        )

    @rule(who=st.integers(0, 1), amount=amounts, shape=shapes, give=st.booleans())
    def petty_cash(self, who: int, amount: Decimal, shape: int, give: bool) -> None:
        """`/pettycash issue @pat 200` or `/pettycash return @pat 20`."""
        user = self._person(who)
        kind = "issue" if give else "return"
        text = f"{kind} <@{user.id}> {typed(amount, shape)}"
        said = self.running.slack.command(self.coordinator, "/pettycash", text).json()["text"]
        self.running.deliver()
        if give:
            self.issued[user.id] += amount
        elif amount > self.balance(user.id):
            assert "only holds" in said, said
            return
        else:
            self.returned[user.id] += amount
        assert f"{_money(self.balance(user.id))} in hand" in said, (text, said)

    @rule(code=st.sampled_from(list(LINES)), amount=st.integers(0, 5000))
    def budget_line(self, code: str, amount: int) -> None:
        """Re-import the budget with one line's amount changed."""
        self.budgets[code] = Decimal(amount)
        self._load_lines()

    # -- what Slate must show ---------------------------------------------------------------------
    def _sums(self, code: str, status: str) -> Decimal:
        return sum(
            (r.amount for r in self.rows.values() if r.code == code and r.status == status),
            Decimal(0),
        )

    @invariant()
    def budget_report_adds_up(self) -> None:
        """/budget: per line, spent is the approved, pending the pending, left the rest."""
        reply = self.running.slack.command(self.coordinator, "/budget").json()
        self.running.deliver()
        shown = blocks_text(reply["blocks"])
        for code, amount in self.budgets.items():
            spent, pending = self._sums(code, "approved"), self._sums(code, "pending")
            expected = (
                f"budget {_money(amount)} · spent {_money(spent)} · pending {_money(pending)} · "
                f"left {_money(amount - spent - pending)}"
            )
            line = re.search(rf"\*#{re.escape(code.replace('&', '&amp;'))} .*\n(.*)", shown)
            assert line and line[1].startswith(expected), (expected, shown, dumps(self.rows))

    @invariant()
    def export_lists_each_expense_once(self) -> None:
        """The CSV export: every expense not deleted, once, at its amount, status and line."""
        reply = self.running.slack.command(self.coordinator, "/expense", "export").json()
        self.running.deliver()
        ws = self.running.emulator.workspace
        live = {n: r for n, r in self.rows.items() if r.status != "deleted"}
        if not live:
            assert "0 expenses" in reply["text"] or "No expenses" in reply["text"], reply
            return
        sent = [m for m in ws.dm_messages(self.coordinator.id) if m.files]
        content = ws.files[sent[-1].files[0]["id"]]["content"].decode()
        rows = list(csv.DictReader(io.StringIO(content)))
        got = sorted(
            (int(r["number"]), Decimal(r["amount"]), r["status"], r["budget_code"] or None)
            for r in rows
        )
        want = sorted((n, r.amount, r.status, r.code) for n, r in live.items())
        assert got == want, (got, want)

    @invariant()
    def approvals_list_is_the_pending_ones(self) -> None:
        """App Home's approvals, for a coordinator: exactly the pending expenses, in order."""
        self.running.slack.open_home(self.coordinator)
        self.running.deliver()
        home = blocks_text(self.running.emulator.workspace.home[self.coordinator.id]["blocks"])
        names = {u.id: u.real_name for u in self.people}
        got = re.findall(r"#\d+ \$[\d,.]+ from [A-Za-z ]+", home)
        want = [
            f"#{r.number} {_money(r.amount)} from {names[r.submitter]}"
            for r in self.rows.values()
            if r.status == "pending"
        ]
        assert [g.strip() for g in got] == want, (got, want)

    @invariant()
    def petty_cash_never_negative(self) -> None:
        """`/pettycash` as each person shows the model's balance, never below zero."""
        for user in self.people:
            held = self.balance(user.id)
            assert held >= 0
            said = self.running.slack.command(user, "/pettycash").json()["text"]
            if self.issued[user.id]:
                assert f"{_money(held)} in hand" in said, (said, held)


def _money(amount: Decimal) -> str:
    return ("-" if amount < 0 else "") + f"${abs(amount):,.2f}"


@pytest.fixture
def world(
    emulator: SlackEmulator, engine: Engine, _shared_server: harness.SharedServer
) -> Iterator[World]:
    """The shared emulator, database and server, reset by each example."""
    world = World(emulator, engine, _shared_server)
    yield world
    world.close()


def test_money_adds_up(world: World) -> None:
    """Whatever happens to expenses and envelopes, every total equals the model's sums."""
    kind = world.engine.dialect.name
    MoneyMachine.world = world
    run_state_machine_as_test(
        MoneyMachine,
        settings=settings(
            max_examples=int(os.environ.get("SLATE_MODEL_EXAMPLES", EXAMPLES[kind])),
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
