"""The full call sheet, published from a schedule file in the README's format: the channel post
(summary, thread, PDF), a crew member's DM led by their own call with their PDF copy, and the
phones switch keeping crew phones out of crew copies."""

from __future__ import annotations

import json
import subprocess
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.services.callsheets import schedule_import
from bot.store.models import Person, Production
from tests.conftest import NOW, Crew
from tests.handlers.callsheet_helpers import call_dms, publish
from tests.harness import Running

SCHEDULE = """
sheet:
  company: Owl Pictures LLC
  phones: {phones}
  heads: [Gus Grip]
  key_contacts:
    - {{role: UPM, name: Uma Manager, phone: 213-555-0101}}
  walkies: {{1: Production, 4: Grip}}
  standard_notes: No visitors on set without the UPM's approval.
locations:
  - name: Rosa's Diner
    address: 123 Main St, Los Angeles
    crew_parking: 400 Spring St lot
    hospital: Good Samaritan
    hospital_address: 1225 Wilshire Blvd
    hospital_phone: 213-555-0199
days:
  - date: 2026-06-12
    location: Rosa's Diner
    call: 6:30a
    lunch: 12:30p
    second_meal: 6p
    wrap: 8p
    background_call: 7a
    safety: Heat - water breaks hourly
    departments: {{Grip: -30}}
    scenes:
      - {{number: 12, set: INT. DINER, dn: D, pages: 1 4/8, background: 8,
         needs: {{props: coffee pot}}}}
    calls:
      - {{person: Gus Grip, call: 5:45a, remarks: Bring the dolly track}}
"""
PHONES = {"Pat PA": "213-555-0042", "Gus Grip": "213-555-0077"}


def _import(running: Running, crew: Crew, phones: str, address: str = "123 Main St") -> None:
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        for person in db.scalars(select(Person).where(Person.name.in_(PHONES))):
            person.phone = PHONES[person.name]
        text = SCHEDULE.format(phones=phones).replace("123 Main St", address)
        report = schedule_import.import_schedule(db, production, text, "days.yaml", now=NOW)
        assert report.errors == []
        db.commit()


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "copy.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def test_a_published_day_shows_every_section_and_the_dm_leads_with_ones_own_call(
    running: Running, crew: Crew, tmp_path
) -> None:
    ws = running.emulator.workspace
    _import(running, crew, "none")
    assert "Published Fri Jun 12" in publish(running, crew)["text"]
    post, *thread = ws.channel_messages(crew.crew_channel, threads=True)
    summary = json.dumps(post.blocks)
    for expected in ("Uma Manager", "Second meal", "400 Spring St lot", "Good Samaritan"):
        assert expected in summary, expected
    assert "*Scenes:* 1 (1 4/8 pages)" in summary and "*Background:* 8" in summary
    assert "google.com/maps/search/?api=1&query=123+Main+St%2C+Los+Angeles" in summary
    replies = json.dumps([m.blocks for m in thread])
    assert "Gus Grip" in replies and "props: coffee pot" in replies and "Ch 4: Grip" in replies
    (channel_pdf,) = [f for m in thread for f in m.files]
    channel_text = _pdf_text(ws.files[channel_pdf["id"]]["content"], tmp_path)
    assert "Owl Pictures LLC" in channel_text and "Gus Grip" in channel_text
    # Phones off: no crew phone anywhere the crew reads.
    for phone in PHONES.values():
        assert phone not in summary + replies + channel_text

    (dm,) = call_dms(running, crew.grip)
    assert dm.blocks[0]["text"]["text"].startswith("Your call")
    assert "5:45 AM" in json.dumps(dm.blocks[1])  # his own call leads, before the sheet
    running.slack.click(crew.grip, "callsheet_copy", message=dm)
    running.slack.click(crew.grip, "callsheet_copy", message=dm)  # a double tap: one file
    running.deliver()
    files = [f for m in ws.dm_messages(crew.grip.id) for f in m.files]
    assert len(files) == 1
    pages = _pdf_text(ws.files[files[0]["id"]]["content"], tmp_path).split("\f")
    assert "Gus Grip - Fri Jun 12" in pages[0] and "your page" in pages[0]
    assert "5:45 AM" in pages[0]
    assert "CALL SHEET - Day 1 of 1" in pages[1]
    assert PHONES["Pat PA"] not in "".join(pages)


@pytest.mark.parametrize(("switch", "shown"), [("heads", {"Gus Grip"}), ("all", set(PHONES))])
def test_the_phones_switch_shows_only_the_phones_it_allows(
    running: Running, crew: Crew, switch: str, shown: set
) -> None:
    ws = running.emulator.workspace
    _import(running, crew, switch)
    publish(running, crew)
    seen = json.dumps([m.blocks for m in ws.channel_messages(crew.crew_channel, threads=True)])
    assert {name for name, phone in PHONES.items() if phone in seen} == shown


def test_someone_else_cannot_take_a_persons_copy(running: Running, crew: Crew) -> None:
    _import(running, crew, "none")
    publish(running, crew)
    (dm,) = call_dms(running, crew.grip)
    reply = running.slack.click(crew.pa, "callsheet_copy", message=dm)
    running.deliver()
    assert not [f for m in running.emulator.workspace.dm_messages(crew.pa.id) for f in m.files]
    ws = running.emulator.workspace
    said = [e.text for e in ws.ephemerals] + [m.text for m in ws.dm_messages(crew.pa.id)]
    assert any("someone else's call sheet" in text for text in said), [*said, reply.text]


def test_a_persons_pdf_is_the_sheet_as_published_not_as_being_edited(
    running: Running, crew: Crew, tmp_path
) -> None:
    ws = running.emulator.workspace
    _import(running, crew, "none")
    publish(running, crew)
    _import(running, crew, "none", address="987 Other Ave")  # edited, not yet published
    (dm,) = call_dms(running, crew.grip)
    running.slack.click(crew.grip, "callsheet_copy", message=dm)
    running.deliver()
    (pdf,) = [f for m in ws.dm_messages(crew.grip.id) for f in m.files]
    text = _pdf_text(ws.files[pdf["id"]]["content"], tmp_path)
    assert "123 Main St" in text and "987 Other Ave" not in text
    # Published, the revision's PDF carries the new address and when it was published.
    running.clock.advance(hours=1)
    publish(running, crew)
    at = running.clock.now().astimezone(ZoneInfo("America/Los_Angeles"))
    files = [f for m in ws.channel_messages(crew.crew_channel, threads=True) for f in m.files]
    revised = _pdf_text(ws.files[files[-1]["id"]]["content"], tmp_path)
    assert "revision 2" in revised and "987 Other Ave" in revised
    assert f"revision 2 ({at:%-I:%M %p} {at:%a %b %-d})" in " ".join(revised.split())
