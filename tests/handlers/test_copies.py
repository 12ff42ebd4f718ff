"""Every copy stays true: after any sequence of clicks, each message Slate posted about a
problem, an expense or a task shows where it stands now, offers only buttons that still
apply, and a click on an out-of-date copy changes nothing but answers with the truth."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from bot.store.models import Production
from bot.store.models_money import Expense
from bot.store.models_problems import Problem
from bot.store.models_tasks import Task
from slack_emulator import Message
from tests.conftest import Crew
from tests.handlers.copies import answers, buttons, copies, dm, last_answer, shown
from tests.harness import Running

RUNS = settings(
    phases=[Phase.generate],  # the workspace carries over between runs: no replay, no shrink
    database=None,
    max_examples=4,
    stateful_step_count=18,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
PICK, WHO = st.integers(0, 999), st.integers(0, 2)
LA = ZoneInfo("America/Los_Angeles")


def _people(crew: Crew) -> dict:
    return {crew.coordinator.id: "Cora Coordinator", crew.pa.id: "Pat PA", crew.grip.id: "Gus Grip"}


class _Clicks(RuleBasedStateMachine):
    """Shared: the running Slate, its crew, and snapshots of messages as they once were."""

    running: Running
    crew: Crew
    # The first failure as it happened: the workspace carries over between runs, so
    # Hypothesis's replay cannot reproduce it and would only report "flaky".
    failures: list[BaseException]

    @contextmanager
    def noted(self) -> Iterator[None]:
        """Record a failure before Hypothesis sees it."""
        try:
            yield
        except BaseException as failure:
            self.failures.append(failure)
            raise

    def __init__(self) -> None:
        super().__init__()
        self.snapshots: list[Message] = []
        self.people = [self.crew.coordinator, self.crew.pa, self.crew.grip]
        self.by_dm = {dm(self.running, u.id): u for u in self.people}

    def snap(self) -> None:
        """Keep a copy of every message with buttons, to click later when out of date."""
        for message in self.running.emulator.workspace.messages:
            if list(buttons(message)):
                self.snapshots.append(copy.deepcopy(message))

    def click(self, user, action: str, message: Message, modal: dict | None = None) -> None:
        self.running.slack.click(user, action, message=message)
        if modal is not None:
            self.running.slack.submit(user, self.running.slack.last_view(user), modal)
        self.running.deliver()
        self.snap()

    def _offering(self, action: str) -> list[Message]:
        return [
            m
            for m in self.running.emulator.workspace.messages
            if any(a == action for a, _ in buttons(m))
        ]

    def stale(
        self, model, message: Message, action: str, truths: tuple[str, ...], user=None
    ) -> None:
        """Click an out-of-date button (as the person whose DM it is, else a coordinator):
        nothing changes, and the truth is said."""
        with self.noted():
            user = user or self.by_dm.get(message.channel, self.crew.coordinator)
            before, told = self.db_state(model), answers(self.running)
            self.running.slack.click(user, action, message=message)
            self.running.deliver()
            assert self.db_state(model) == before
            assert answers(self.running) == told + 1
            said = last_answer(self.running, user, message.channel)
            assert any(truth in said for truth in truths), said

    def _act(self, pick: int, action: str, modal: dict | None = None, user=None) -> None:
        """Click `action` on one of the messages offering it: as `user`, else as the person
        whose DM it is (a coordinator in a channel)."""
        live = self._offering(action)
        if live:
            message = live[pick % len(live)]
            self.click(
                user or self.by_dm.get(message.channel, self.crew.coordinator),
                action,
                message,
                modal,
            )

    def db_state(self, model) -> list[tuple]:
        with self.running.db() as db:
            rows = db.scalars(select(model).order_by(model.id))
            columns = model.__table__.columns
            return [tuple(getattr(r, c.key) for c in columns) for r in rows]


# --- problems -------------------------------------------------------------------------------

PROBLEM_ACTIONS = (
    "problem_take",
    "problem_update",
    "problem_resolve",
    "problem_reassign",
    "problem_delete",
    "problem_work_stopped",
    "problem_work_safe",
)


def _problem_button_applies(problem: Problem, action: str, channel: str, owner_dm: str) -> bool:
    live = problem.status in ("open", "owned")
    if action == "problem_take":
        return problem.status == "open"
    if action.startswith("problem_work"):
        return live and channel == owner_dm
    return live


def _problem_status(problem: Problem, who: dict) -> tuple[str, ...]:
    if problem.status == "open":
        return ("nobody has it yet",)
    if problem.status == "owned":
        name = who[problem.owner]
        return (f"Taken by {name}", f"Reassigned to {name}")
    return ("Resolved by",) if problem.status == "resolved" else ("Deleted by",)


class ProblemClicks(_Clicks):
    """Report, take, update, resolve, reassign, delete and say work stopped, in any order."""

    @rule(severity=st.sampled_from(["attention", "urgent", "safety"]), who=WHO)
    def report(self, severity: str, who: int) -> None:
        user = self.people[who]
        self.running.slack.command(user, "/problem", "something broke")
        view = self.running.slack.last_view(user)
        self.running.slack.submit(user, view, {"severity": severity})
        self.running.deliver()
        self.snap()

    @rule(pick=PICK, who=WHO)
    def take(self, pick: int, who: int) -> None:
        self._act(pick, "problem_take", user=self.people[who])

    @rule(pick=PICK, who=WHO)
    def update(self, pick: int, who: int) -> None:
        self._act(pick, "problem_update", {"update": "still on it"}, self.people[who])

    @rule(pick=PICK, who=WHO)
    def resolve(self, pick: int, who: int) -> None:
        self._act(pick, "problem_resolve", {"resolution": "fixed"}, self.people[who])

    @rule(pick=PICK, to=WHO)
    def reassign(self, pick: int, to: int) -> None:
        owner = self.people[to].id
        self._act(pick, "problem_reassign", {"owner": owner}, self.crew.coordinator)

    @rule(pick=PICK)
    def delete(self, pick: int) -> None:
        self._act(pick, "problem_delete", user=self.crew.coordinator)

    @rule(pick=PICK, safe=st.booleans())
    def work(self, pick: int, safe: bool) -> None:
        action = "problem_work_safe" if safe else "problem_work_stopped"
        self._act(pick, action)  # the owner, in their DM

    @rule(pick=PICK)
    def stale_click(self, pick: int) -> None:
        """A button on an old copy that no longer applies: nothing changes, the truth is said."""
        with self.running.db() as db:
            problems = {p.id: p for p in db.scalars(select(Problem))}
            db.expunge_all()
        stale = [
            (m, a)
            for m in self.snapshots
            for a, v in buttons(m)
            if a in PROBLEM_ACTIONS[:5]  # not the owner's work buttons: a coordinator clicks
            and not _problem_button_applies(problems[int(v)], a, m.channel, "")
        ]
        if not stale:
            return
        truths = ("already resolved", "was deleted", "already took")
        self.stale(Problem, *stale[pick % len(stale)], truths, self.crew.coordinator)

    @invariant()
    def every_copy_is_true(self) -> None:
        with self.noted():
            self._check()

    def _check(self) -> None:
        who = _people(self.crew)
        with self.running.db() as db:  # read, then let go: SQLite has one writer at a time
            problems = list(db.scalars(select(Problem)))
            db.expunge_all()
        for problem in problems:
            owner_dm = dm(self.running, problem.owner) if problem.owner else ""
            for message in self.running.emulator.workspace.messages:
                for action, value in buttons(message):
                    if action in PROBLEM_ACTIONS and value == str(problem.id):
                        assert _problem_button_applies(
                            problem, action, message.channel, owner_dm
                        ), (action, problem.status, message.channel, shown(message))
            found = copies(self.running, f"problem:{problem.id}:", f"problem:{problem.id}")
            assert found  # the channel post at least
            for ref, message in found:
                text = shown(message)
                assert any(s in text for s in _problem_status(problem, who)), (ref, text)


def test_every_copy_of_a_problem_stays_true(running: Running, crew: Crew) -> None:
    channel = running.emulator.workspace.add_channel("nightowl-problems").id
    with running.db() as db:
        db.get(Production, crew.production_id).problems_channel_id = channel
        db.commit()

    class Machine(ProblemClicks):
        pass

    Machine.running, Machine.crew, Machine.failures = running, crew, []
    _run(Machine)


def _run(machine: type[_Clicks]) -> None:
    try:
        run_state_machine_as_test(machine, settings=RUNS)
    except Exception:
        if machine.failures:
            raise machine.failures[0] from None
        raise


# --- expenses -------------------------------------------------------------------------------

STATUS = {
    "pending": ":hourglass: pending",
    "approved": ":white_check_mark: approved",
    "rejected": ":x: rejected",
    "deleted": ":wastebasket: deleted",
}


def _expense_button_applies(expense: Expense, action: str) -> bool:
    if action == "expense_edit":
        return expense.status in ("pending", "draft")
    return expense.status == "pending"


class ExpenseClicks(_Clicks):
    """Submit, approve, reject, edit and delete expenses in any order."""

    @rule(who=st.integers(1, 2), amount=st.integers(1, 300))
    def submit(self, who: int, amount: int) -> None:
        user = self.people[who]
        self.running.slack.command(
            user, "/expense", f"{amount} tape", channel=self.crew.crew_channel
        )
        self.running.deliver()
        self.snap()

    @rule(pick=PICK)
    def approve(self, pick: int) -> None:
        self._act(pick, "expense_approve")

    @rule(pick=PICK)
    def reject(self, pick: int) -> None:
        self._act(pick, "expense_reject", {"reason": "no receipt"})

    @rule(pick=PICK, amount=st.integers(1, 300))
    def edit(self, pick: int, amount: int) -> None:
        self._act(pick, "expense_edit", {"amount": str(amount)})

    @rule(pick=PICK)
    def delete(self, pick: int) -> None:
        self._act(pick, "expense_delete")

    @rule(pick=PICK)
    def stale_click(self, pick: int) -> None:
        """Approve, Reject, Edit or Delete on an old copy: nothing changes, the truth is said."""
        with self.running.db() as db:
            rows = {e.id: e for e in db.scalars(select(Expense))}
            db.expunge_all()
        stale = [
            (m, a)
            for m in self.snapshots
            for a, v in buttons(m)
            if a.startswith("expense_") and not _expense_button_applies(rows[int(v)], a)
        ]
        if stale:
            self.stale(Expense, *stale[pick % len(stale)], ("was already", "was deleted by"))

    @invariant()
    def every_copy_is_true(self) -> None:
        with self.noted():
            with self.running.db() as db:
                rows = list(db.scalars(select(Expense)))
                db.expunge_all()
            for expense in rows:
                for message in self.running.emulator.workspace.messages:
                    for action, value in buttons(message):
                        if action.startswith("expense_") and value == str(expense.id):
                            assert _expense_button_applies(expense, action), (
                                action,
                                expense.status,
                            )
                found = copies(self.running, f"expense:{expense.id}:")
                assert found  # the approval post and the submitter's own copy
                for ref, message in found:
                    text = shown(message)
                    assert STATUS[expense.status] in text, (ref, text)
                    if expense.status in ("approved", "rejected"):
                        assert f"{expense.status.capitalize()} by Cora Coordinator" in text, text
                    if expense.status == "deleted":
                        assert "Deleted by" in text, text


def test_every_copy_of_an_expense_stays_true(running: Running, crew: Crew) -> None:
    class Machine(ExpenseClicks):
        pass

    Machine.running, Machine.crew, Machine.failures = running, crew, []
    _run(Machine)
    with running.db() as db:
        assert all(e.amount > Decimal(0) for e in db.scalars(select(Expense)))


# --- tasks ----------------------------------------------------------------------------------

TASK_STATUS = {
    "assigned": ":hourglass: waiting",
    "accepted": ":runner: accepted",
    "done": ":white_check_mark: done",
    "declined": ":x: can't do",
    "reassigned": ":arrows_counterclockwise: reassigned",
}


def _task_button_applies(task: Task, action: str, channel: str, assignee_dm: str) -> bool:
    if action == "task_reassign":
        return task.status not in ("done", "reassigned")
    if action == "task_accept":
        return task.status == "assigned" and channel == assignee_dm
    return task.status in ("assigned", "accepted") and channel == assignee_dm


class TaskClicks(_Clicks):
    """Assign, accept, do, decline, reassign, and let tasks fall overdue, in any order."""

    jobs = 0

    @rule(who=st.integers(1, 2), due=st.booleans())
    def assign(self, who: int, due: bool) -> None:
        TaskClicks.jobs += 1
        when = ""
        if due:
            at = (self.running.clock.now() + timedelta(minutes=40)).astimezone(LA)
            when = f" by {at:%-I:%M}{'a' if at.hour < 12 else 'p'}"
        text = f"<@{self.people[who].id}> job-{TaskClicks.jobs}-x{when}"
        self.running.slack.command(self.crew.coordinator, "/assign", text)
        self.running.deliver()
        self.snap()

    @rule(pick=PICK)
    def accept(self, pick: int) -> None:
        self._act(pick, "task_accept")

    @rule(pick=PICK)
    def done(self, pick: int) -> None:
        self._act(pick, "task_done")

    @rule(pick=PICK)
    def decline(self, pick: int) -> None:
        self._act(pick, "task_cant", {"reason": "rigging on stage 5"})

    @rule(pick=PICK, to=st.integers(0, 2))
    def reassign(self, pick: int, to: int) -> None:
        self._act(pick, "task_reassign", {"who": self.people[to].id}, self.crew.coordinator)

    @rule()
    def time_passes(self) -> None:
        self.running.clock.advance(minutes=45)
        self.running.slate.scheduler.tick()
        self.running.deliver()
        self.snap()

    @rule(pick=PICK)
    def stale_click(self, pick: int) -> None:
        """A task button on an old copy: nothing changes, the truth is said."""
        with self.running.db() as db:
            rows = {t.id: t for t in db.scalars(select(Task))}
            db.expunge_all()
        stale = [
            (m, a)
            for m in self.snapshots
            for a, v in buttons(m)
            if a in ("task_accept", "task_done", "task_cant", "task_reassign")
            and not _task_button_applies(rows[int(v)], a, m.channel, m.channel)
        ]
        if stale:
            self.stale(Task, *stale[pick % len(stale)], ("already", "That task is"))

    @invariant()
    def every_copy_is_true(self) -> None:
        with self.noted():
            self._check()

    def _check(self) -> None:
        who = _people(self.crew)
        with self.running.db() as db:
            rows = list(db.scalars(select(Task).order_by(Task.id)))
            db.expunge_all()
        for task in rows:
            mine = dm(self.running, task.assignee)
            for message in self.running.emulator.workspace.messages:
                for action, value in buttons(message):
                    if action.startswith("task_") and value == str(task.id):
                        applies = _task_button_applies(task, action, message.channel, mine)
                        assert applies, (action, task.status, shown(message))
            for ref, message in copies(self.running, f"task:{task.id}:", f"task:{task.id}"):
                text = shown(message)
                if ref == f"task:{task.id}":
                    assert TASK_STATUS[task.status] in text, (ref, text)
                elif task.status == "reassigned":
                    fresh = next(t for t in rows if t.id > task.id and t.what == task.what)
                    assert f"reassigned to {who[fresh.assignee]}" in text, (ref, text)
                elif task.status == "done":
                    assert "done by" in text, (ref, text)
                else:
                    assert "Reassign" in text, (ref, text)


def test_every_copy_of_a_task_stays_true(running: Running, crew: Crew) -> None:
    class Machine(TaskClicks):
        pass

    Machine.running, Machine.crew, Machine.failures = running, crew, []
    _run(Machine)
