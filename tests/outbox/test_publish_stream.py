"""A big crew's publish streams its DMs in chunks, through signed requests: everyone is told
once, the PDF and tally follow, and a chunked job run again tells no one twice."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.callsheets import telling
from bot.store.models import Person, ScheduledJob
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import call_dms, compose, publish
from tests.harness import Running

EXTRA = telling.FIRST + telling.CHUNK + 7  # the first chunk, a whole one, and a part


def _big_crew(running: Running, crew: Crew) -> list[str]:
    users = [running.emulator.workspace.add_user(f"crew{n}") for n in range(EXTRA)]
    with running.db() as db:
        db.add_all(
            Person(production_id=crew.production_id, name=f"Crew {n}", slack_user_id=u.id)
            for n, u in enumerate(users)
        )
        db.commit()
    return [u.id for u in users]


def _files(running: Running, crew: Crew) -> list[dict]:
    ws = running.emulator.workspace
    return [f for m in ws.channel_messages(crew.crew_channel, threads=True) for f in m.files]


def test_every_one_of_a_big_crew_is_told_once_then_the_pdf_and_tally(
    running: Running, crew: Crew
) -> None:
    users = _big_crew(running, crew)
    compose(running, crew)
    done = publish(running, crew)["text"]
    everyone = EXTRA + 3  # and the coordinator, the PA and the grip
    assert done == f"Published Fri Jun 12, revision 1: {everyone} personal DMs."
    ws = running.emulator.workspace
    assert all(len(ws.dm_messages(u)) == 1 for u in users)
    assert len(call_dms(running, crew.pa)) == 1 and len(call_dms(running, crew.grip)) == 1
    assert len(_files(running, crew)) == 1
    office = [m.text for m in ws.channel_messages(crew.coordinators_channel)]
    assert f"Day 1 (Fri Jun 12): 0/{everyone} confirmed" in office
    with running.db() as db:
        (job,) = db.scalars(select(ScheduledJob).where(ScheduledJob.kind == telling.KIND))
        assert job.status == "done" and len(job.payload["told"]) == everyone - telling.FIRST
        # The job run again (as after a crash mid-way): nothing is queued twice.
        telling.tell_job(db, dict(job.payload), running.clock.now())
        db.commit()
    running.deliver()
    assert all(len(ws.dm_messages(u)) == 1 for u in users)
    assert len(_files(running, crew)) == 1


def test_a_revision_of_a_big_crew_tells_only_the_changed(running: Running, crew: Crew) -> None:
    users = _big_crew(running, crew)
    compose(running, crew)
    publish(running, crew)
    compose(running, crew, general_call="7a", departments="Grip -60")
    done = publish(running, crew)["text"]  # the grip's call stays 6:00 AM
    assert done == f"Published Fri Jun 12, revision 2: {EXTRA + 2} personal DMs."
    assert len(call_dms(running, crew.grip)) == 1 and len(call_dms(running, crew.pa)) == 2
    ws = running.emulator.workspace
    assert all(len(ws.dm_messages(u)) == 2 for u in users)
    assert "Superseded by revision 2" in ws.dm_messages(users[-1])[0].text
    assert len(_files(running, crew)) == 2
