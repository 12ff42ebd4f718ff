"""Start paperwork through signed requests: the checklist DM, uploads by DM and by form,
verification turning a person green, privacy at every entry point, reminders once."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.services.money import payroll
from bot.store.models import Person, Production
from bot.store.models_onboarding import EmergencyContact, OnboardingFile, PersonProfile
from slack_emulator import User
from tests import harness
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose
from tests.harness import Running

W9 = b"%PDF-1.4 Gus Grip W-9 signed"
LA = ZoneInfo("America/Los_Angeles")


def start(running: Running, crew: Crew, text: str) -> dict:
    reply = running.slack.command(crew.coordinator, "/onboarding", f"start {text}").json()
    running.deliver()
    return reply


def checklist_dm(running: Running, user: User):
    found = [
        m
        for m in running.emulator.workspace.dm_messages(user.id)
        if m.text.startswith("Your start paperwork")
    ]
    assert len(found) == 1, "one checklist DM, edited in place"
    return found[0]


def fetch(running: Running) -> None:
    """The scheduler fetches uploaded files; the outbox sends what follows."""
    running.deliver()
    running.slate.scheduler.tick()
    running.deliver()


def send_document(running: Running, user: User, text: str, name: str, content: bytes) -> None:
    file = running.emulator.workspace.add_file(name, content)
    running.slack.dm_app(user, text, files=[file])
    fetch(running)


def upload_in_form(running: Running, user: User, label: str, name: str, content: bytes) -> None:
    running.slack.click(user, "onboarding_fill", message=_line(running, user, label))
    file = running.emulator.workspace.add_file(name, content)
    running.slack.submit(user, running.slack.last_view(user), {"file": [file]})
    fetch(running)


def fill(running: Running, user: User, label: str, answers: dict) -> dict:
    running.slack.click(user, "onboarding_fill", message=_line(running, user, label))
    response = running.slack.submit(user, running.slack.last_view(user), answers)
    running.deliver()
    return response.json() if response.content else {}


def _line(running: Running, user: User, label: str):
    """The checklist DM, narrowed to the one line (its button) named `label`."""
    dm = checklist_dm(running, user)
    block = next(b for b in dm.blocks if label in json.dumps(b) and "accessory" in b)
    return type(dm)(dm.channel, dm.ts, dm.text, [block], dm.user)


def verify_latest(
    running: Running, crew: Crew, who: User | None = None, action: str = "onboarding_verify"
) -> None:
    note = [
        m
        for m in running.emulator.workspace.dm_messages(crew.coordinator.id)
        if action in json.dumps(m.blocks)
    ][-1]
    running.slack.click(who or crew.coordinator, action, message=note)
    running.deliver()


def test_a_w9_upload_and_verification_turn_a_contractor_green(running: Running, crew: Crew) -> None:
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        payroll.import_csv(db, production, "name,day_rate,w9\nGus Grip,650,no\n")
        db.commit()
    reply = start(running, crew, f"<@{crew.grip.id}> fri")
    assert "Started Gus Grip's start paperwork (contractor, 5 items)" in reply["text"]
    dm = checklist_dm(running, crew.grip)
    shown = json.dumps(dm.blocks)
    assert ":red_circle:" in shown and "W-9" in shown and "W-4" not in shown
    assert "before your first day, Fri Jun 12" in shown
    send_document(running, crew.grip, "here's my W-9", "w9-gus.pdf", W9)
    assert any(m.text.startswith("Got your W-9") for m in _dms(running, crew.grip))
    with running.db() as db:
        (stored,) = db.scalars(select(OnboardingFile)).all()
        assert stored.sha256 == hashlib.sha256(W9).hexdigest()
        assert stored.content == W9 and stored.uploaded_by == crew.grip.id
    assert "waiting for a coordinator" in json.dumps(checklist_dm(running, crew.grip).blocks)
    paid = running.slack.command(crew.coordinator, "/payroll", "").json()
    assert "W-9 not verified" in json.dumps(paid["blocks"])
    verify_latest(running, crew)
    assert "W-9 verified" in json.dumps(
        running.slack.command(crew.coordinator, "/payroll", "").json()["blocks"]
    )
    with running.db() as db:  # the wrap DM's loose ends no longer ask for it
        gus = db.scalar(select(Person).where(Person.slack_user_id == crew.grip.id))
        assert "W-9" not in payroll.missing_paperwork(db, gus)
    upload_in_form(running, crew.grip, "Deal memo", "deal memo.pdf", b"%PDF deal")
    upload_in_form(running, crew.grip, "NDA", "nda.pdf", b"%PDF nda")
    for _ in range(2):
        verify_latest(running, crew)
    fill(running, crew.grip, "Emergency contact", {"name": "Gina", "phone": "+1 310 555 0142"})
    assert ":red_circle:" in json.dumps(checklist_dm(running, crew.grip).blocks)
    fill(running, crew.grip, "Dietary needs", {"diet": "vegan", "gluten_free": ["gluten_free"]})
    assert ":large_green_circle:" in json.dumps(checklist_dm(running, crew.grip).blocks)
    listing = running.slack.command(crew.coordinator, "/onboarding", "").json()
    assert "1 onboarded, 0 not yet" in listing["text"]
    with running.db() as db:
        profile = db.scalar(select(PersonProfile))
        assert (profile.diet, profile.gluten_free, profile.allergies) == ("vegan", True, None)
    # Files go to DMs only: nothing was ever posted or uploaded to a channel.
    assert running.emulator.calls("files.completeUploadExternal") == []
    channels = (crew.crew_channel, crew.coordinators_channel)
    assert not any(running.emulator.workspace.channel_messages(c) for c in channels)
    # A coordinator may look at a document again: it comes to their DM, and nowhere else.
    verify_latest(running, crew, action="onboarding_file")
    (copy,) = [m for m in _dms(running, crew.coordinator) if m.files]
    assert copy.files[0]["name"] == "nda.pdf" and "SHA-256" in copy.text
    assert not any(running.emulator.workspace.channel_messages(c) for c in channels)


def test_a_file_in_the_dm_that_names_no_document_is_still_a_receipt(
    running: Running, crew: Crew
) -> None:
    start(running, crew, f"<@{crew.grip.id}> contractor")
    running.slack.command(crew.grip, "/expense", "80 sandbags at Home Depot")
    send_document(running, crew.grip, "", "IMG_2041.jpg", b"jpeg")
    assert any(
        m.text.startswith("Receipt attached")
        for m in running.emulator.workspace.dm_messages(crew.grip.id)
    )
    with running.db() as db:
        assert db.scalars(select(OnboardingFile)).all() == []


def test_crew_cannot_reach_another_persons_documents_or_emergency_contact(
    running: Running, crew: Crew
) -> None:
    start(running, crew, f"<@{crew.grip.id}> contractor")
    fill(running, crew.grip, "Emergency contact", {"name": "Gina", "phone": "310 555 0142"})
    send_document(running, crew.grip, "W-9", "w9.pdf", W9)
    slack, pa = running.slack, crew.pa
    # Command: another person's checklist, and everyone's.
    for text in (f"<@{crew.grip.id}>", "Gus Grip"):
        asked = slack.command(pa, "/onboarding", text).json()
        assert "Only coordinators" in asked["text"] and "555" not in json.dumps(asked)
    assert "no start paperwork" in slack.command(pa, "/onboarding", "").json()["text"]
    # Buttons: Gus's Fill in, and the coordinators' Verify.
    opened = len(running.emulator.calls("views.open"))
    slack.click(pa, "onboarding_fill", message=_line(running, crew.grip, "W-9"))
    verify_latest(running, crew, who=pa)
    verify_latest(running, crew, who=pa, action="onboarding_file")
    assert len(running.emulator.calls("views.open")) == opened
    assert running.emulator.calls("files.completeUploadExternal") == []
    # The form: Gus's dietary form, submitted by the PA.
    slack.click(crew.grip, "onboarding_fill", message=_line(running, crew.grip, "Dietary"))
    crafted = slack.submit(pa, slack.last_view(crew.grip), {"diet": "vegan"})
    assert "Only coordinators" in json.dumps(crafted.json())
    running.deliver()
    refusals = [m.text for m in running.emulator.workspace.dm_messages(pa.id)]
    assert sum("Only coordinators" in t for t in refusals) == 3
    # The DM: a W-9 the PA sends is not filed on Gus's checklist (Pat has none).
    send_document(running, pa, "Gus's W-9", "w9.pdf", b"forged")
    with running.db() as db:
        assert [f.uploaded_by for f in db.scalars(select(OnboardingFile))] == [crew.grip.id]
        assert db.scalar(select(EmergencyContact.name)) == "Gina"
        assert db.scalars(select(PersonProfile)).all() == []
    # App Home: the PA sees nothing of Gus's; the coordinator sees him red.
    slack.open_home(pa)
    slack.open_home(crew.coordinator)
    running.deliver()
    homes = running.emulator.workspace.home
    assert "Gus" not in json.dumps(homes[pa.id]) and "Gina" not in json.dumps(homes[pa.id])
    coordinator_home = json.dumps(homes[crew.coordinator.id])
    assert ":red_circle: Gus Grip: Deal memo (signed), W-9" in coordinator_home
    assert "Gina" not in coordinator_home
    # The coordinator does see it, on Gus's own checklist.
    seen = slack.command(crew.coordinator, "/onboarding", f"<@{crew.grip.id}>").json()
    assert "Gina" in json.dumps(seen) and "Verify" in json.dumps(seen)


def test_reminders_go_once_across_a_restart(running: Running, crew: Crew) -> None:
    start(running, crew, f"<@{crew.grip.id}> contractor mon")  # Mon Jun 15, call 7:00 LA
    scheduler = running.slate.scheduler

    def reminders() -> list[str]:
        said = running.emulator.workspace.dm_messages(crew.grip.id)
        return [m.text for m in said if m.text.startswith("Reminder: your start paperwork")]

    running.clock.advance(hours=23)
    assert scheduler.tick() == 0
    running.clock.advance(hours=2)
    assert scheduler.tick() == 1
    running.deliver()
    assert len(reminders()) == 1 and "W-9" in reminders()[0]
    restarted = harness.build(running.emulator, running.slate.engine, running.clock.now())
    assert restarted.scheduler.tick() == 0
    restarted.clock.advance(days=2, hours=12)  # Sat Jun 13, 7:00 LA: 2 days before
    assert restarted.scheduler.tick() == 1
    again = harness.build(running.emulator, running.slate.engine, restarted.clock.now())
    assert again.scheduler.tick() == 0
    again.outbox.deliver_all()
    assert len(reminders()) == 2 and "before your first day" in reminders()[1]


def test_the_nightly_publish_names_who_is_not_onboarded(running: Running, crew: Crew) -> None:
    compose(running, crew)  # Friday, everyone on the crew list working
    start(running, crew, f"<@{crew.grip.id}> contractor fri")
    running.clock.set(datetime(2026, 6, 11, 18, 0, tzinfo=LA))  # Thursday 18:00: it goes out
    running.slate.scheduler.tick()
    running.deliver()
    warned = [
        m.text
        for m in running.emulator.workspace.dm_messages(crew.coordinator.id)
        if m.text.startswith("Not onboarded")
    ]
    assert len(warned) == 1
    assert warned[0].startswith("Not onboarded, on the Fri Jun 12 call sheet:")
    assert "Gus Grip" in warned[0]
    assert all("Not onboarded" not in m.text for m in _dms(running, crew.grip))


def test_an_open_i9_is_flagged_to_coordinators_once(running: Running, crew: Crew) -> None:
    start(running, crew, f"<@{crew.grip.id}> employee fri")  # I-9 due Wed Jun 17
    running.clock.set(datetime(2026, 6, 17, 16, 59, tzinfo=LA))
    running.slate.scheduler.tick()  # the day-after reminder only
    running.deliver()
    assert not _flags(running, crew)
    running.clock.set(datetime(2026, 6, 17, 17, 0, tzinfo=LA))
    assert running.slate.scheduler.tick() == 1
    running.deliver()
    restarted = harness.build(running.emulator, running.slate.engine, running.clock.now())
    restarted.clock.advance(days=3)
    assert restarted.scheduler.tick() == 0
    assert _flags(running, crew) == [
        "Gus Grip's I-9 is still not verified, 3 business days after their first day."
    ]


def _dms(running: Running, user: User):
    return running.emulator.workspace.dm_messages(user.id)


def _flags(running: Running, crew: Crew) -> list[str]:
    return [m.text for m in _dms(running, crew.coordinator) if "I-9" in m.text]


def test_typed_text_is_quoted_and_never_pings(running: Running, crew: Crew) -> None:
    typed = "packet contractor <!channel> w9"
    reply = running.slack.command(crew.coordinator, "/onboarding", typed).json()
    assert "I don't know “" in reply["text"] and "<!channel>" not in json.dumps(reply)
    assert (
        "Deal memo"
        in running.slack.command(crew.coordinator, "/onboarding", "packet").json()["text"]
    )
