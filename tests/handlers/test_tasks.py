"""PA assignments through signed requests: assign, accept, done, can't do, reassign."""

from __future__ import annotations

import copy
import json

import pytest

from bot.services.core import crew as crew_service
from bot.store.models import Production
from tests import harness
from tests.conftest import NOW, Crew
from tests.handlers import permission_matrix as matrix
from tests.harness import Running


def assign(running: Running, crew: Crew, text: str) -> dict:
    reply = running.slack.command(crew.coordinator, "/assign", text).json()
    running.deliver()
    return reply


def task_dm(running: Running, user):
    return [
        m
        for m in running.emulator.workspace.dm_messages(user.id)
        if m.text.startswith(("New task", "Task:"))
    ][-1]


def summary(running: Running, crew: Crew):
    return [
        m
        for m in running.emulator.workspace.dm_messages(crew.coordinator.id)
        if m.text.startswith("Task:")
    ][-1]


def test_assign_accept_done_edits_both_messages(running: Running, crew: Crew) -> None:
    reply = assign(
        running, crew, f"<@{crew.pa.id}|pat> pick up the lunch order from Rosa's by 11:30"
    )
    assert reply["text"].startswith("Assigned to 1 person")
    dm = task_dm(running, crew.pa)
    shown = json.dumps(dm.blocks)
    assert "pick up the lunch order from Rosa's" in shown and "due 11:30 AM" in shown
    assert "Accept" in shown and "Can't do" in shown
    assert "waiting" in json.dumps(summary(running, crew).blocks)
    running.slack.click(crew.pa, "task_accept", message=dm)
    running.deliver()
    assert "accepted" in json.dumps(summary(running, crew).blocks)
    assert "Accept" not in json.dumps(dm.blocks)
    running.slack.click(crew.pa, "task_done", message=dm)
    running.deliver()
    assert "done" in json.dumps(summary(running, crew).blocks)
    assert "actions" not in json.dumps(dm.blocks)
    assert summary(running, crew).text == "Task: 1/1 done"


def test_cant_do_goes_back_with_reassign(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.grip.id}> fetch the sandbags by 3p")
    dm = task_dm(running, crew.grip)
    running.slack.click(crew.grip, "task_cant", message=dm)
    running.slack.submit(
        crew.grip, running.slack.last_view(crew.grip), {"reason": "I'm rigging on stage 5"}
    )
    running.deliver()
    back = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1]
    assert back.text == "Gus Grip can't do it: I'm rigging on stage 5"
    running.slack.click(crew.grip, "task_reassign", message=back)  # crew: refused
    running.deliver()
    assert "Only coordinators" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    running.slack.click(crew.coordinator, "task_reassign", message=back)
    modal = running.slack.last_view(crew.coordinator)
    crafted = running.slack.submit(crew.grip, modal, {"who": crew.grip.id}).json()
    assert "Only coordinators" in crafted["errors"]["who"]
    running.slack.submit(crew.coordinator, modal, {"who": crew.pa.id})
    running.deliver()
    assert "fetch the sandbags" in json.dumps(task_dm(running, crew.pa).blocks)
    shown = json.dumps(summary(running, crew).blocks)
    assert "reassigned" in shown and "Pat PA" in shown


def test_reminder_and_overdue_fire_once_each_across_restarts(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch by 11:30")
    ticks = []
    for minutes in (60, 30):  # 11:00 reminder, 11:30 overdue
        running.clock.advance(minutes=minutes)
        ticks.append(running.slate.scheduler.tick())
        restarted = harness.build(running.emulator, running.slate.engine, NOW)
        restarted.clock.set(running.clock.now())
        ticks.append(restarted.scheduler.tick())
        running.deliver()
    assert ticks == [1, 0, 1, 0]
    reminders = [
        m.text
        for m in running.emulator.workspace.dm_messages(crew.pa.id)
        if m.text.startswith("Reminder")
    ]
    assert reminders == ["Reminder: pick up lunch — due in 30 minutes."]
    overdue = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1]
    assert overdue.text == "Pat PA is overdue" and "Reassign" in json.dumps(overdue.blocks)


def test_done_in_time_means_no_overdue(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch by 11:30")
    running.slack.click(crew.pa, "task_done", message=task_dm(running, crew.pa))
    running.clock.advance(hours=3)
    assert running.slate.scheduler.tick() == 0


def test_a_department_fans_out_one_task_each(running: Running, crew: Crew) -> None:
    extra = running.emulator.workspace.add_user("bea", "bea@nightowl.film")
    with running.db() as db:
        crew_service.import_crew(
            db,
            db.get(Production, crew.production_id),
            f"name,email,department,slack_user_id\nBea Best,bea@nightowl.film,Grip,{extra.id}\n",
        )
        db.commit()
    reply = assign(running, crew, "grip load the truck by 6p")
    assert reply["text"].startswith("Assigned to 2 people")
    assert "load the truck" in json.dumps(task_dm(running, crew.grip).blocks)
    assert "load the truck" in json.dumps(task_dm(running, extra).blocks)
    assert [m for m in running.emulator.workspace.dm_messages(crew.pa.id)] == []


def test_only_the_assignee_moves_a_task(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch")
    running.slack.click(crew.grip, "task_done", message=task_dm(running, crew.pa))
    running.deliver()
    assert "someone else's" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    assert "waiting" in json.dumps(summary(running, crew).blocks)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("pick up lunch", "Name who should do it"),
        ("<@{outsider}|olive> pick up lunch", "isn't on Night Owl's crew list"),
        ("<@{pa}> ", "Say what needs doing"),
        ("<@{pa}> pick up lunch by 9am today", "already passed"),
        ("<@{pa}> pick up lunch by someday", "couldn't read"),
    ],
)
def test_bad_assignments(running: Running, crew: Crew, text: str, problem: str) -> None:
    reply = assign(running, crew, text.format(pa=crew.pa.id, outsider=crew.outsider.id))
    assert problem in reply["text"]
    assert running.emulator.workspace.dm_messages(crew.pa.id) == []


def test_crew_cannot_assign(running: Running, crew: Crew) -> None:
    reply = running.slack.command(crew.grip, "/assign", f"<@{crew.pa.id}> get coffee").json()
    assert "Only coordinators" in reply["text"]
    running.slack.command(crew.coordinator, "/assign", "")
    modal = running.slack.last_view(crew.coordinator)
    crafted = running.slack.submit(crew.grip, modal, {"who": [crew.pa.id], "what": "coffee"})
    assert "Only coordinators" in json.dumps(crafted.json())


def test_tasks_mine_or_everyones(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch by 11:30")
    assign(running, crew, f"<@{crew.grip.id}> sandbags")
    mine = json.dumps(running.slack.command(crew.pa, "/tasks").json()["blocks"])
    assert "pick up lunch" in mine and "sandbags" not in mine
    everyone = json.dumps(running.slack.command(crew.coordinator, "/tasks").json()["blocks"])
    assert "*Pat PA*" in everyone and "*Gus Grip*" in everyone


def test_home_tab_shows_open_tasks(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch by 11:30")
    running.slack.open_home(crew.pa)
    running.slack.open_home(crew.coordinator)
    running.deliver()
    assert "• pick up lunch" in json.dumps(
        running.emulator.workspace.home[crew.pa.id], ensure_ascii=False
    )
    assert "Pat PA: pick up lunch" in json.dumps(
        running.emulator.workspace.home[crew.coordinator.id]
    )


def _task_surfaces(running: Running, crew: Crew) -> dict:
    """A PA's task DM, a declined task back with Reassign, and the forms they open."""
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch by 11:30")
    assign(running, crew, f"<@{crew.grip.id}> fetch the sandbags")
    dm = task_dm(running, crew.pa)
    running.slack.click(crew.pa, "task_cant", message=dm)
    forms = {"cant": running.slack.last_view(crew.pa)}
    running.slack.click(crew.grip, "task_cant", message=task_dm(running, crew.grip))
    running.slack.submit(crew.grip, running.slack.last_view(crew.grip), {"reason": "rigging"})
    running.deliver()
    back = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1]
    running.slack.click(crew.coordinator, "task_reassign", message=back)
    forms["reassign"] = running.slack.last_view(crew.coordinator)
    running.slack.command(crew.coordinator, "/assign", "")
    forms["assign"] = running.slack.last_view(crew.coordinator)
    return {"dm": dm, "back": back, "forms": forms}


@pytest.mark.parametrize("who", ["outsider", "other_crew", "other_coordinator"])
def test_people_off_the_production_cannot_touch_tasks(
    running: Running, crew: Crew, who: str
) -> None:
    actor = getattr(matrix.cast(running, crew), who)
    seen, slack, here = _task_surfaces(running, crew), running.slack, crew.crew_channel
    attempts = [
        lambda: slack.command(actor, "/assign", f"<@{crew.pa.id}> coffee", channel=here),
        lambda: slack.command(actor, "/tasks", "", channel=here),
        lambda: slack.submit(actor, seen["forms"]["assign"], {"who": [crew.pa.id], "what": "x"}),
        *(
            (lambda b=b: slack.click(actor, b, message=seen["dm"]))
            for b in ("task_accept", "task_done", "task_cant")
        ),
        lambda: slack.submit(actor, seen["forms"]["cant"], {"reason": "busy"}),
        lambda: slack.click(actor, "task_reassign", message=seen["back"]),
        lambda: slack.submit(actor, seen["forms"]["reassign"], {"who": crew.pa.id}),
    ]
    for attempt in attempts:
        matrix.assert_refused(running, actor, attempt)


@pytest.mark.parametrize("who", ["coordinator", "pa", "grip"])
def test_tasks_move_only_for_their_assignee_and_coordinators_assign(
    running: Running, crew: Crew, who: str
) -> None:
    actor, slack = getattr(crew, who), running.slack
    is_coordinator = who == "coordinator"
    before = matrix.snapshot(running, actor)
    reply = slack.command(actor, "/assign", f"<@{crew.pa.id}> coffee by 11:30").json()
    if is_coordinator:
        assert reply["text"].startswith("Assigned") and matrix.snapshot(running, actor) != before
    else:
        assert "Only coordinators" in reply["text"] and matrix.snapshot(running, actor) == before
    assert "open tasks" in slack.command(actor, "/tasks").json()["text"]
    assign(running, crew, f"<@{actor.id}> mine")
    other = crew.grip if who != "grip" else crew.pa
    assign(running, crew, f"<@{other.id}> theirs")
    matrix.assert_refused(
        running, actor, lambda: slack.click(actor, "task_accept", message=task_dm(running, other))
    )
    before = matrix.snapshot(running, actor)
    mine = [m for m in running.emulator.workspace.dm_messages(actor.id) if "mine" in m.text]
    slack.click(actor, "task_accept", message=mine[-1])
    running.deliver()
    assert matrix.snapshot(running, actor) != before
    slack.click(other, "task_cant", message=task_dm(running, other))
    slack.submit(other, slack.last_view(other), {"reason": "busy"})
    running.deliver()
    back = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1]
    if not is_coordinator:
        matrix.assert_refused(
            running, actor, lambda: slack.click(actor, "task_reassign", message=back)
        )
        return
    slack.click(actor, "task_reassign", message=back)
    slack.submit(actor, slack.last_view(actor), {"who": crew.pa.id})
    running.deliver()
    assert "theirs" in json.dumps(task_dm(running, crew.pa).blocks)


def test_a_declined_task_is_listed_first_with_who_and_why(running: Running, crew: Crew) -> None:
    assign(running, crew, f"<@{crew.pa.id}> pick up lunch")
    assign(running, crew, f"<@{crew.grip.id}> fetch the sandbags")
    running.slack.click(crew.grip, "task_cant", message=task_dm(running, crew.grip))
    running.slack.submit(crew.grip, running.slack.last_view(crew.grip), {"reason": "rigging"})
    running.deliver()
    reply = running.slack.command(crew.coordinator, "/tasks").json()
    assert reply["text"] == "1 open tasks, 1 need someone"
    listed = json.dumps(reply["blocks"])
    assert listed.index("Needs someone") < listed.index("Everyone's open tasks")
    assert "fetch the sandbags" in listed and "Gus Grip can't do it: _rigging_" in listed
    assert "Needs someone" not in json.dumps(running.slack.command(crew.pa, "/tasks").json())
    running.slack.open_home(crew.coordinator)
    running.deliver()
    home = json.dumps(running.emulator.workspace.home[crew.coordinator.id])
    assert "Needs someone: fetch the sandbags (can't: rigging)" in home
    back = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1]
    stale = copy.deepcopy(back)
    running.slack.click(crew.coordinator, "task_reassign", message=back)
    running.slack.submit(
        crew.coordinator, running.slack.last_view(crew.coordinator), {"who": crew.pa.id}
    )
    running.deliver()
    assert "Reassign" not in json.dumps(back.blocks)
    assert "reassigned to Pat PA" in json.dumps(back.blocks)
    reply = running.slack.command(crew.coordinator, "/tasks").json()
    assert reply["text"] == "2 open tasks" and "Needs someone" not in json.dumps(reply)
    opened = len(running.emulator.calls("views.open"))
    running.slack.click(crew.coordinator, "task_reassign", message=stale)  # an old copy
    running.deliver()
    assert len(running.emulator.calls("views.open")) == opened
    assert (
        "already reassigned to Pat PA"
        in running.emulator.workspace.dm_messages(crew.coordinator.id)[-1].text
    )
