"""/schedulechange meets the publish job, through signed requests: what the crew channel is
told, which progress message says so, and what a publish cut short leaves behind."""

from __future__ import annotations

from sqlalchemy import select

from bot.store.claims import claim_due
from bot.store.models import ScheduledJob
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, days, progress, publish, run_publish
from tests.handlers.test_schedulechange import announcements
from tests.harness import Running


def command(running: Running, crew: Crew, name: str, text: str) -> str:
    """A coordinator's command from the office channel; its immediate answer."""
    reply = running.slack.command(crew.coordinator, name, text, channel=crew.coordinators_channel)
    return reply.json()["text"] if reply.content else ""


def test_two_changes_before_the_job_runs_are_both_announced_once(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    publish(running, crew)
    first = command(running, crew, "/schedulechange", "fri lunch 12p")
    second = command(running, crew, "/schedulechange", "fri wrap 8p")
    assert first.startswith("Publishing") and "Lunch 12:30 PM → 12:00 PM" in first
    assert second.startswith("Publishing") and "Est. wrap 7:00 PM → 8:00 PM" in second
    done = run_publish(running, crew.coordinator)["text"]
    assert done.startswith("Announced in the crew channel. Published Fri Jun 12, revision 2"), done
    (announced,) = announcements(running, crew)
    assert "Lunch 12:30 PM → 12:00 PM" in announced and "Est. wrap 7:00 PM → 8:00 PM" in announced
    assert len(call_dms(running, crew.pa)) == 2  # one revision, one DM
    assert "already out" in publish(running, crew)["text"]
    assert len(announcements(running, crew)) == 1


def test_a_held_change_sent_another_way_is_still_announced(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    command(running, crew, "/schedulechange", "fri lunch 2p")  # 7.5 h after call: held
    assert run_publish(running, crew.coordinator)["text"].endswith("not sent yet.")
    held_again = publish(running, crew)  # /callsheet publish: a new progress message, held
    assert held_again["text"].endswith("not sent yet.")
    assert announcements(running, crew) == []
    running.slack.click(
        crew.coordinator, "callsheet_publish_anyway", message=progress(running, crew.coordinator)
    )
    done = run_publish(running, crew.coordinator)["text"]
    assert done.startswith("Announced in the crew channel. Published Fri Jun 12, revision 2")
    assert announcements(running, crew) == [
        ":rotating_light: SCHEDULE CHANGE Fri Jun 12: Lunch 12:30 PM → 2:00 PM"
    ]


def test_publish_anyway_goes_on_in_the_message_it_was_clicked_in(
    running: Running, crew: Crew
) -> None:
    compose(running, crew, lunch="2p")  # 7.5 h after call: held
    assert publish(running, crew)["text"].endswith("not sent yet.")
    held = progress(running, crew.coordinator)
    running.slack.click(crew.coordinator, "callsheet_publish_anyway", message=held)
    done = run_publish(running, crew.coordinator)
    dms = running.emulator.workspace.dm_messages(crew.coordinator.id)
    progress_messages = [m for m in dms if any("Publishing" in h["text"] for h in m.history)]
    assert len(progress_messages) == 1 and progress_messages[0].ts == held.ts
    assert done["text"].startswith("Published Fri Jun 12, revision 1")


def test_a_publish_cut_short_by_a_restart_says_so_and_how_to_retry(
    running: Running, crew: Crew
) -> None:
    compose(running, crew)
    assert command(running, crew, "/callsheet", "publish fri").startswith("Publishing")
    running.deliver()
    with running.db() as db:  # a process took the job, then died with it
        now = running.clock.now()
        claim_due(db, ScheduledJob, worker_id="gone", now=now, lease_seconds=300, limit=10)
    running.clock.advance(seconds=301)  # its lease runs out: the job is found again
    text = run_publish(running, crew.coordinator)["text"]
    assert text == (
        ":warning: Not published: Slate stopped while publishing it (a restart or a crash). "
        "Nothing was sent. Type `/callsheet publish 2026-06-12` to try again."
    )
    assert call_dms(running, crew.pa) == [] and days(running)[0].revision == 0
    with running.db() as db:
        jobs = db.scalars(select(ScheduledJob).where(ScheduledJob.kind == "callsheet.publish"))
        assert [j.status for j in jobs] == ["done"]  # not tried again behind their back
    assert publish(running, crew, "2026-06-12")["text"].startswith("Published Fri Jun 12")
    assert len(call_dms(running, crew.pa)) == 1


def test_the_form_clears_a_department_call_left_empty(running: Running, crew: Crew) -> None:
    compose(running, crew)  # Grip -30
    publish(running, crew)
    command(running, crew, "/schedulechange", "fri")
    form = running.slack.last_view(crew.coordinator)
    values = {b["block_id"]: b["element"].get("initial_value") for b in form["blocks"][1:]}
    answers = {k: v for k, v in values.items() if v} | {"departments": ""}
    running.slack.submit(crew.coordinator, form, answers)
    done = run_publish(running, crew.coordinator)["text"]
    assert done.startswith("Announced in the crew channel. Published Fri Jun 12, revision 2")
    assert "Grip" not in (days(running)[0].department_offsets or {})
    (announced,) = announcements(running, crew)
    assert "Grip call 6:00 AM → 6:30 AM" in announced
    assert "Your call: 6:00 AM → 6:30 AM" in call_dms(running, crew.grip)[-1].text
    assert len(call_dms(running, crew.pa)) == 1  # the PA's day did not change


def test_a_department_call_typed_as_none_goes(running: Running, crew: Crew) -> None:
    compose(running, crew)
    publish(running, crew)
    assert "Grip call 6:00 AM → 6:30 AM" in command(
        running, crew, "/schedulechange", "fri grip none"
    )
    run_publish(running, crew.coordinator)
    assert "Grip" not in (days(running)[0].department_offsets or {})
