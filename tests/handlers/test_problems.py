"""Problems on set through signed requests: report, own, update, resolve, escalate."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import select

from bot.store.models import Department, Production
from slack_emulator import Message
from tests import harness
from tests.conftest import NOW, Crew
from tests.handlers import permission_matrix as matrix
from tests.harness import Running


@pytest.fixture
def problems_channel(running: Running, crew: Crew) -> str:
    channel = running.emulator.workspace.add_channel("nightowl-problems").id
    with running.db() as db:
        db.get(Production, crew.production_id).problems_channel_id = channel
        db.commit()
    return channel


def _grip_id(running: Running) -> str:
    with running.db() as db:
        return str(db.scalar(select(Department.id).where(Department.name == "Grip")))


def report(running: Running, who, text: str = "", **answers) -> dict:
    running.slack.command(who, "/problem", text)
    view = running.slack.last_view(who)
    reply = running.slack.submit(who, view, {"severity": "attention", **answers})
    running.deliver()
    return reply.json() if reply.content else {}


def post(running: Running, channel: str) -> Message:
    (message,) = running.emulator.workspace.channel_messages(channel)
    return message


def test_report_from_the_command(running: Running, crew: Crew, problems_channel: str) -> None:
    report(
        running,
        crew.grip,
        "generator is down",
        severity="urgent",
        place="Stage 5",
        department=_grip_id(running),
    )
    message = post(running, problems_channel)
    shown = json.dumps(message.blocks, ensure_ascii=False)
    assert "#1 Urgent" in shown and "generator is down" in shown and "Stage 5" in shown
    assert "Grip" in shown and "Take it" in shown
    assert "Reported #1 Urgent" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text
    alert = running.emulator.workspace.dm_messages(crew.coordinator.id)[-1]
    assert alert.text.startswith(":rotating_light: #1 Urgent")  # coordinators at once


def test_report_from_the_message_shortcut(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    ws = running.emulator.workspace
    said = ws.post_as(crew.pa, crew.crew_channel, "the neighbours are blocking the truck")
    running.slack.message_shortcut(crew.pa, "report_problem", said)
    view = running.slack.last_view(crew.pa)
    assert "the neighbours are blocking the truck" in json.dumps(view["blocks"])
    running.slack.submit(crew.pa, view, {"description": "Location owner upset", "severity": "fyi"})
    running.deliver()
    shown = json.dumps(post(running, problems_channel).blocks)
    assert "#1 FYI" in shown and "> the neighbours are blocking the truck" in shown
    assert f"/archives/{crew.crew_channel}/p{said.ts.replace('.', '')}|original message" in shown


def test_take_update_resolve_edit_one_message_in_place(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.pa, "craft service table collapsed")
    message = post(running, problems_channel)
    # The card stays up all day: it says when it was reported, not a frozen "open for 0 min".
    card = json.dumps(message.blocks, ensure_ascii=False)
    assert "Open — nobody has it yet" in card and " min" not in card
    running.clock.advance(minutes=30)
    running.slack.click(crew.grip, "problem_take", message=message)
    running.deliver()
    assert "Taken by Gus Grip" in json.dumps(message.blocks)
    assert " min" not in json.dumps(message.blocks)
    assert "Take it" not in json.dumps(message.blocks)
    assert (
        "Gus Grip took your problem" in running.emulator.workspace.dm_messages(crew.pa.id)[-1].text
    )
    running.slack.click(crew.pa, "problem_update", message=message)
    running.slack.submit(
        crew.pa, running.slack.last_view(crew.pa), {"update": "new table on the way"}
    )
    running.deliver()
    assert "new table on the way" in json.dumps(message.blocks)
    running.slack.click(crew.grip, "problem_resolve", message=message)
    running.slack.submit(
        crew.grip, running.slack.last_view(crew.grip), {"resolution": "replaced the table"}
    )
    running.deliver()
    assert post(running, problems_channel) is message  # still one post, edited in place
    assert len(message.history) == 3
    shown = json.dumps(message.blocks)
    assert "Resolved by Gus Grip" in shown and "replaced the table" in shown
    thread = [
        m.text
        for m in running.emulator.workspace.channel_messages(problems_channel, threads=True)
        if m.thread_ts == message.ts
    ]
    assert thread == [
        "Taken by Gus Grip.",
        "Update from Pat PA: new table on the way",
        "Resolved by Gus Grip: replaced the table",
    ]
    assert "replaced the table" in running.emulator.workspace.dm_messages(crew.pa.id)[-1].text


def test_a_resolved_problem_cannot_be_taken(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.pa, "light stand fell")
    message = post(running, problems_channel)
    stale = copy.deepcopy(message)
    running.slack.click(crew.grip, "problem_resolve", message=message)
    running.slack.submit(crew.grip, running.slack.last_view(crew.grip), {"resolution": "ok"})
    running.slack.click(crew.pa, "problem_take", message=stale)
    running.deliver()
    assert "already resolved" in running.emulator.workspace.ephemerals[-1].text


def test_untaken_urgent_escalates_once_per_step_across_restarts(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.grip, "power out on stage", severity="urgent")
    dms = running.emulator.workspace.dm_messages
    before = len(dms(crew.coordinator.id))
    running.clock.advance(minutes=10)
    assert running.slate.scheduler.tick() == 1
    running.deliver()
    restarted = harness.build(running.emulator, running.slate.engine, NOW)
    restarted.clock.set(running.clock.now())
    assert restarted.scheduler.tick() == 0
    assert [m.text for m in dms(crew.coordinator.id)[before:]] == [
        "Nobody has taken #1 Urgent: power out on stage (Open for 10 min — nobody has it yet)."
    ]
    restarted.clock.advance(minutes=10)
    assert restarted.scheduler.tick() == 1
    restarted.outbox.deliver_all()
    again = harness.build(running.emulator, running.slate.engine, NOW)
    again.clock.set(restarted.clock.now())
    assert again.scheduler.tick() == 0
    louder = [
        m.text
        for m in running.emulator.workspace.channel_messages(crew.coordinators_channel)
        if "STILL UNTAKEN" in m.text
    ]
    assert louder == [
        "<!here> STILL UNTAKEN: #1 Urgent: power out on stage — Open for 20 min"
        " — nobody has it yet. Someone take it now."
    ]


def test_taking_it_stops_the_escalation(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.grip, "gen down", severity="attention")
    running.slack.click(crew.pa, "problem_take", message=post(running, problems_channel))
    running.clock.advance(hours=2)
    assert running.slate.scheduler.tick() == 0


def test_crew_cannot_reassign_or_delete(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.pa, "truck blocked")
    message = post(running, problems_channel)
    running.slack.click(crew.grip, "problem_reassign", message=message)
    running.deliver()
    assert "Only coordinators" in running.emulator.workspace.ephemerals[-1].text
    assert running.emulator.calls("views.open")[-1].params["view"]["callback_id"] == (
        "problem_report"
    )  # no reassign modal was opened
    running.slack.click(crew.grip, "problem_delete", message=message)
    running.deliver()
    assert "Only coordinators" in running.emulator.workspace.ephemerals[-1].text
    running.slack.click(crew.coordinator, "problem_reassign", message=message)
    modal = running.slack.last_view(crew.coordinator)
    crafted = running.slack.submit(crew.grip, modal, {"owner": crew.grip.id}).json()
    assert "Only coordinators" in crafted["errors"]["owner"]
    running.slack.submit(crew.coordinator, modal, {"owner": crew.grip.id})
    running.deliver()
    assert "Reassigned to Gus Grip" in json.dumps(message.blocks)
    assert "You now own #1" in running.emulator.workspace.dm_messages(crew.grip.id)[-1].text


def test_a_safety_problem_asks_the_owner_about_work(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.pa, "exposed wiring by the dolly track", severity="safety")
    message = post(running, problems_channel)
    assert "Not confirmed yet" in json.dumps(message.blocks)
    running.slack.click(crew.grip, "problem_take", message=message)
    running.deliver()
    ask = running.emulator.workspace.dm_messages(crew.grip.id)[-1]
    running.slack.click(crew.grip, "problem_work_stopped", message=ask)
    running.deliver()
    assert "Work stopped" in json.dumps(message.blocks)


def test_nothing_a_reporter_types_pings_anyone(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.grip, "<!channel> <@U0000001> @here gen is down http://x.example")
    message = post(running, problems_channel)
    everything = (
        message.text
        + json.dumps(message.blocks)
        + "".join(m.text for m in running.emulator.workspace.messages)
    )
    for ping in ("<!channel>", "<!here>", "<@U0000001>", "<http"):
        assert ping not in everything
    assert "&lt;!channel&gt;" in json.dumps(message.blocks)


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"description": "   "}, "description", "Say what happened"),
        ({"description": "x" * 3001}, "description", "under 3000 characters"),
    ],
)
def test_bad_reports_are_refused(
    running: Running, crew: Crew, problems_channel: str, answers, field, message
) -> None:
    reply = report(running, crew.grip, "", **answers)
    assert message in reply["errors"][field]
    assert running.emulator.workspace.channel_messages(problems_channel) == []


def test_list_mine_first_and_coordinator_filters(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.pa, "walkie batteries low", severity="fyi")
    report(
        running, crew.grip, "c-stand missing", severity="attention", department=_grip_id(running)
    )
    report(running, crew.pa, "fire lane blocked", severity="safety")
    mine = running.slack.command(crew.grip, "/problems").json()["blocks"][1]["text"]["text"]
    lines = mine.splitlines()
    assert "c-stand" in lines[0] and "fire lane" in lines[1] and "walkie" in lines[2]
    refused = running.slack.command(crew.grip, "/problems", "grip").json()
    assert "Only coordinators" in refused["text"]
    filtered = running.slack.command(crew.coordinator, "/problems", "today grip").json()
    assert filtered["text"].startswith("Open problems reported Wed Jun 10 in Grip: 1")


def _problem_surfaces(running: Running, crew: Crew, channel: str) -> dict:
    """A post with every button, the modals a coordinator opened, and a safety owner's DM."""
    report(running, crew.pa, "gen down")
    report(running, crew.pa, "exposed wiring", severity="safety")
    first, safety = running.emulator.workspace.channel_messages(channel)
    running.slack.click(crew.grip, "problem_take", message=safety)
    running.deliver()
    forms = {}
    for button in ("problem_update", "problem_resolve", "problem_reassign"):
        running.slack.click(crew.coordinator, button, message=first)
        forms[button] = running.slack.last_view(crew.coordinator)
    running.slack.command(crew.grip, "/problem", "", channel=channel)
    forms["report"] = running.slack.last_view(crew.grip)
    ask = running.emulator.workspace.dm_messages(crew.grip.id)[-1]
    said = running.emulator.workspace.post_as(crew.pa, crew.crew_channel, "truck blocked")
    return {"post": first, "ask": ask, "said": said, "forms": forms}


@pytest.mark.parametrize("who", ["outsider", "other_crew", "other_coordinator"])
def test_people_off_the_production_are_refused_everywhere(
    running: Running, crew: Crew, problems_channel: str, who: str
) -> None:
    people = matrix.cast(running, crew)
    actor = getattr(people, who)
    seen = _problem_surfaces(running, crew, problems_channel)
    slack, post, forms = running.slack, seen["post"], seen["forms"]
    attempts = [
        lambda: slack.command(actor, "/problem", "gen down", channel=problems_channel),
        lambda: slack.command(actor, "/problems", "", channel=problems_channel),
        lambda: slack.message_shortcut(actor, "report_problem", seen["said"]),
        lambda: slack.submit(actor, forms["report"], {"description": "x", "severity": "fyi"}),
        *(
            (lambda b=b: slack.click(actor, b, message=post))
            for b in (
                "problem_take",
                "problem_update",
                "problem_resolve",
                "problem_reassign",
                "problem_delete",
            )
        ),
        lambda: slack.click(actor, "problem_work_safe", message=seen["ask"]),
        lambda: slack.submit(actor, forms["problem_update"], {"update": "hi"}),
        lambda: slack.submit(actor, forms["problem_resolve"], {"resolution": "done"}),
        lambda: slack.submit(actor, forms["problem_reassign"], {"owner": actor.id}),
    ]
    for attempt in attempts:
        matrix.assert_refused(running, actor, attempt)


ALLOWED = {
    "coordinator": {"take", "update", "resolve", "reassign", "delete", "work"},
    "pa": {"take", "update", "resolve"},
    "crew": {"take", "update", "resolve"},
}


@pytest.mark.parametrize("who", ["coordinator", "pa", "crew"])
def test_the_crew_may_do_what_the_table_says(
    running: Running, crew: Crew, problems_channel: str, who: str
) -> None:
    people = matrix.cast(running, crew)
    actor = getattr(people, who)
    slack = running.slack
    reply = slack.command(actor, "/problem", "", channel=problems_channel)
    assert "crew list" not in reply.text
    slack.submit(actor, slack.last_view(actor), {"description": "mine", "severity": "fyi"})
    running.deliver()
    reporter = people.pa if who != "pa" else people.crew  # someone else's problem
    for action in ("take", "update", "resolve", "reassign", "delete", "work"):
        report(running, reporter, f"trouble {action}", severity="safety")
        post = running.emulator.workspace.channel_messages(problems_channel)[-1]
        if action == "work":  # someone else owns it: only coordinators speak for them
            slack.click(people.other_coordinator, "problem_take", message=post)
            owner = people.pa if who != "pa" else people.crew
            slack.click(owner, "problem_take", message=post)
            running.deliver()
            target = [m for m in running.emulator.workspace.dm_messages(owner.id)][-1]
            act = lambda target=target: slack.click(  # noqa: E731
                actor, "problem_work_safe", message=target
            )
        elif action in ("update", "resolve", "reassign"):
            note = {"update": {"update": "x"}, "resolve": {"resolution": "x"}}
            answers = note.get(action, {"owner": people.crew.id})

            def act(action=action, post=post, answers=answers):
                opened = matrix.views_opened(running)
                response = slack.click(actor, f"problem_{action}", message=post)
                if matrix.views_opened(running) == opened:
                    return response
                return slack.submit(actor, slack.last_view(actor), answers)
        else:
            act = lambda post=post, action=action: slack.click(  # noqa: E731
                actor, f"problem_{action}", message=post
            )
        if action in ALLOWED[who]:
            before = matrix.snapshot(running, actor)
            act()
            running.deliver()
            assert matrix.snapshot(running, actor) != before, action
        else:
            matrix.assert_refused(running, actor, act)


def test_a_long_quote_fits_the_form_and_an_old_form_is_refused(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    said = running.emulator.workspace.post_as(crew.pa, crew.crew_channel, "🎬 rain " * 1000)
    running.slack.message_shortcut(crew.pa, "report_problem", said)
    view = running.slack.last_view(crew.pa)
    assert len(view["private_metadata"]) <= 3000
    old = dict(view, private_metadata=json.dumps({"production_id": crew.production_id}))
    reply = running.slack.submit(crew.pa, old, {"description": "wet", "severity": "fyi"}).json()
    assert "out of date" in reply["errors"]["description"]
    assert running.emulator.workspace.channel_messages(problems_channel) == []
    running.slack.submit(crew.pa, view, {"description": "wet", "severity": "fyi"})
    running.deliver()
    assert "> 🎬 rain 🎬 rain" in json.dumps(
        post(running, problems_channel).blocks, ensure_ascii=False
    )


def test_every_copy_of_a_resolved_safety_problem_says_so(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.grip, "exposed wiring", severity="safety")
    ws = running.emulator.workspace
    alert = ws.dm_messages(crew.coordinator.id)[-1]
    reporter = ws.dm_messages(crew.grip.id)[-1]
    assert "Take it" in json.dumps(alert.blocks)
    running.slack.click(crew.pa, "problem_take", message=alert)  # from the DM copy
    running.deliver()
    asked = ws.dm_messages(crew.pa.id)[-1]
    assert "Work has stopped" in json.dumps(asked.blocks)
    for message in (post(running, problems_channel), alert):
        shown = json.dumps(message.blocks)
        assert "Taken by Pat PA" in shown and "Take it" not in shown
    assert "Taken by Pat PA" in json.dumps(reporter.blocks)
    running.slack.click(crew.pa, "problem_resolve", message=alert)
    running.slack.submit(crew.pa, running.slack.last_view(crew.pa), {"resolution": "taped off"})
    running.deliver()
    for message in (post(running, problems_channel), alert, reporter, asked):
        shown = json.dumps(message.blocks)
        assert "Resolved by Pat PA" in shown, shown
        assert "nobody has it yet" not in shown and '"actions"' not in shown


def test_a_deleted_problem_names_who_deleted_it(
    running: Running, crew: Crew, problems_channel: str
) -> None:
    report(running, crew.grip, "reported twice", severity="urgent")
    message = post(running, problems_channel)
    stale = copy.deepcopy(message)
    running.slack.click(crew.coordinator, "problem_delete", message=message)
    running.deliver()
    alert_free = json.dumps(message.blocks)
    assert "Deleted by Cora Coordinator" in alert_free and '"actions"' not in alert_free
    running.slack.click(crew.grip, "problem_take", message=stale)
    running.deliver()
    assert "was deleted" in running.emulator.workspace.ephemerals[-1].text
