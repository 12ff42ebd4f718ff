"""Avails, holds and bookings through signed requests against the emulator."""

from __future__ import annotations

import json

from bot import cli
from bot.services.booking import files
from bot.services.core import crew_names
from bot.store.models import Production
from slack_emulator import User
from tests import harness
from tests.conftest import NOW, Crew
from tests.handlers import permission_matrix as matrix
from tests.handlers.callsheet_helpers import call_dms, compose, publish
from tests.harness import Running


def dms(running: Running, user: User, start: str = "") -> list:
    """The user's DMs from Slate whose text starts so."""
    return [m for m in running.emulator.workspace.dm_messages(user.id) if m.text.startswith(start)]


def ask(running: Running, boss: User, members: list[User], others: str = "") -> None:
    """/avail, filled in and sent, and delivered."""
    running.slack.command(boss, "/avail")
    form = {
        "position": "Key Grip",
        "first_day": "2026-06-14",
        "last_day": "2026-06-16",
        "members": [m.id for m in members],
        "others": others,
    }
    reply = running.slack.submit(boss, running.slack.last_view(boss), form)
    assert reply.status_code == 200 and not reply.content, reply.text
    running.deliver()


def tally(running: Running, boss: User):
    return dms(running, boss, "Avail Key Grip")[-1]


def question(running: Running, user: User):
    return dms(running, user, "Night Owl: are you free")[-1]


def book(running: Running, boss: User, person: User, **extra: str):
    """/book, filled in and sent."""
    running.slack.command(boss, "/book", extra.pop("kind", ""))
    form = {
        "person": person.id,
        "position": "Key Grip",
        "department": "Grip",
        "first_day": "2026-06-11",
        "last_day": "2026-06-12",
        "rate": "650",
        "rate_unit": "day",
        "kit_rental": "75",
        "overtime": "1.5x after 10, 2x after 12",
        **extra,
    }
    reply = running.slack.submit(boss, running.slack.last_view(boss), form)
    running.deliver()
    return reply


def test_an_avail_check_to_five_people_with_mixed_answers(running: Running, crew: Crew) -> None:
    ws = running.emulator.workspace
    extra = [ws.add_user(n, f"{n}@free.film", real_name=n.title()) for n in ("ana", "ben", "cy")]
    five = [crew.grip, crew.outsider, *extra]
    ask(running, crew.coordinator, five, "Dee Day, dee@example.com, 555-0100\n")
    assert tally(running, crew.coordinator).text == "Avail Key Grip Jun 14-16: 0/5 answered"
    shown = json.dumps(tally(running, crew.coordinator).blocks)
    assert "Call these (not in Slack)" in shown and "Dee Day" in shown and "555-0100" in shown
    assert "Jun 14-16" in question(running, crew.outsider).text  # not on any crew list: asked
    running.slack.click(crew.grip, "avail_yes", message=question(running, crew.grip))
    running.slack.click(crew.outsider, "avail_no", message=question(running, crew.outsider))
    running.slack.click(extra[0], "avail_partly", message=question(running, extra[0]))
    partly = running.slack.last_view(extra[0])
    running.slack.submit(extra[0], partly, {"days": ["2026-06-15"], "note": "on a job the 14th"})
    running.slack.click(extra[1], "avail_yes", message=question(running, extra[1]))
    running.deliver()
    board = tally(running, crew.coordinator)
    assert board.text == "Avail Key Grip Jun 14-16: 4/5 answered"
    shown = json.dumps(board.blocks, ensure_ascii=False)
    assert "*Gus Grip*: ✅ available" in shown and "*Olive Outsider*: ✖ not available" in shown
    assert "◐ partly (Jun 15) — _on a job the 14th_" in shown and "*Cy*: ⏳ waiting" in shown
    holds = [b for b in board.blocks if b.get("accessory", {}).get("action_id") == "avail_hold"]
    assert len(holds) == 3  # available and partly, not the others
    # One nudge to the silent, once, across a restart.
    running.clock.advance(hours=12)
    assert running.slate.scheduler.tick() == 1
    restarted = harness.build(running.emulator, running.slate.engine, NOW)
    restarted.clock.set(running.clock.now())
    assert restarted.scheduler.tick() == 0
    running.deliver()
    assert len(dms(running, extra[2], "Reminder")) == 1
    assert dms(running, crew.grip, "Reminder") == []


def test_someone_else_cannot_answer_and_crew_cannot_ask(running: Running, crew: Crew) -> None:
    ask(running, crew.coordinator, [crew.grip])
    running.slack.click(crew.pa, "avail_yes", message=question(running, crew.grip))
    running.deliver()
    assert "wasn't sent to you" in dms(running, crew.pa)[-1].text
    assert tally(running, crew.coordinator).text.endswith("0/1 answered")
    reply = running.slack.command(crew.grip, "/avail").json()
    assert "Only coordinators" in reply["text"]


def test_bad_avail_forms_store_nothing(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/avail")
    view = running.slack.last_view(crew.coordinator)
    bad = {"position": "", "first_day": "2026-06-14", "last_day": "2026-06-10", "others": "Dee"}
    errors = running.slack.submit(crew.coordinator, view, bad).json()["errors"]
    assert set(errors) == {"position", "last_day", "others"}
    assert "Name, email" in errors["others"]
    running.deliver()
    assert dms(running, crew.coordinator, "Avail") == []


def test_challenged_first_hold_is_released_at_the_deadline_once(
    running: Running, crew: Crew
) -> None:
    people = matrix.cast(running, crew)
    lark_boss = people.other_coordinator
    ask(running, crew.coordinator, [crew.grip])
    running.slack.click(crew.grip, "avail_yes", message=question(running, crew.grip))
    running.deliver()
    running.slack.click(crew.coordinator, "avail_hold", message=tally(running, crew.coordinator))
    running.deliver()
    assert dms(running, crew.grip, "Night Owl has put a first hold on you")
    # Day Lark asks too, and holds Gus second.
    ask(running, lark_boss, [crew.grip])
    lark_question = dms(running, crew.grip, "Day Lark: are you free")[-1]
    running.slack.click(crew.grip, "avail_yes", message=lark_question)
    running.deliver()
    lark_tally = dms(running, lark_boss, "Avail Key Grip")[-1]
    running.slack.click(lark_boss, "avail_hold", message=lark_tally)
    running.deliver()
    note = dms(running, lark_boss, "Held Gus Grip")[-1]
    assert note.text == "Held Gus Grip: second hold"
    running.slack.click(lark_boss, "hold_challenge", message=note)
    running.deliver()
    challenge = dms(running, crew.coordinator, "Day Lark challenged")[-1]
    assert "Confirm or release by 10:00 AM Thu Jun 11" in challenge.text
    assert "Release" in json.dumps(challenge.blocks)
    # Nothing before the deadline; at it, one release, told to both sides, across a restart.
    running.clock.advance(hours=12)
    assert running.slate.scheduler.tick() == 2  # each avail check's nudge: nobody is silent
    running.clock.advance(hours=11, minutes=59)
    assert running.slate.scheduler.tick() == 0
    running.clock.advance(minutes=1)
    assert running.slate.scheduler.tick() == 1
    restarted = harness.build(running.emulator, running.slate.engine, NOW)
    restarted.clock.set(running.clock.now())
    assert restarted.scheduler.tick() == 0
    running.deliver()
    released = "Night Owl's hold on Gus Grip (Jun 14-16) was released: the challenge deadline"
    assert len(dms(running, crew.coordinator, released)) == 1
    assert len(dms(running, crew.grip, released)) == 1
    assert dms(running, lark_boss, "You're now first hold on Gus Grip")
    assert note.text == "Held Gus Grip: first hold" and "Challenge" not in json.dumps(note.blocks)
    assert "Release" not in json.dumps(challenge.blocks)  # the buttons went with the hold
    holds = running.slack.command(crew.grip, "/holds").json()
    assert "Day Lark: Key Grip, Jun 14-16 (first hold)" in json.dumps(holds["blocks"])
    assert "Night Owl" not in json.dumps(holds["blocks"])


def test_a_booking_joins_the_crew_list_and_tomorrows_call_sheet(
    running: Running, crew: Crew
) -> None:
    ana = running.emulator.workspace.add_user("ana", "ana@free.film", real_name="Ana Best")
    book(running, crew.coordinator, ana)
    confirmation = dms(running, ana, "You're booked on Night Owl")[-1]
    shown = json.dumps(confirmation.blocks)
    assert "$650.00 per day" in shown and "$75.00 per day" in shown and "1.5x after 10" in shown
    # Start paperwork begins with the booking: the checklist DM is there too, Grip = employee.
    checklist = json.dumps([m.blocks for m in dms(running, ana)])
    assert "Your start paperwork" in checklist and "I-9" in checklist
    assert compose(running, crew, "thu").status_code == 200
    publish(running, crew, "thu")
    calls = call_dms(running, ana)
    assert calls and "6:00 AM" in json.dumps(calls[-1].blocks)  # Grip: general call -30
    everyone = running.slack.command(crew.coordinator, "/calltime", "grip thu").json()
    assert "Ana Best" in json.dumps(everyone)


def test_a_double_booking_is_refused_saying_where(running: Running, crew: Crew) -> None:
    people = matrix.cast(running, crew)
    ana = running.emulator.workspace.add_user("ana", "ana@free.film", real_name="Ana Best")
    assert book(running, crew.coordinator, ana).status_code == 200
    lark = book(
        running, people.other_coordinator, ana, first_day="2026-06-12", last_day="2026-06-13"
    )
    error = lark.json()["errors"]["first_day"]
    assert error.startswith("Ana Best is already booked on Night Owl (Key Grip, Jun 11-12)")
    assert dms(running, ana, "You're booked on Day Lark") == []
    # The day after is free: booked, and a released booking frees its days.
    day_after = {"first_day": "2026-06-13", "last_day": "2026-06-13"}
    assert not book(running, people.other_coordinator, ana, **day_after).content
    running.slack.command(crew.coordinator, "/bookings")
    listing = running.emulator.workspace.ephemerals[-1]
    running.slack.click(crew.coordinator, "booking_release", message=listing)
    running.deliver()
    assert dms(running, ana, "Night Owl has released your booking")
    assert not book(running, people.other_coordinator, ana, first_day="2026-06-11").content


def test_crew_asking_for_another_persons_rate_is_refused_everywhere(
    running: Running, crew: Crew, monkeypatch, capsys
) -> None:
    ana = running.emulator.workspace.add_user("ana", "ana@free.film", real_name="Ana Best")
    book(running, crew.coordinator, ana, rate="$1,234.50")
    confirmation = dms(running, ana, "You're booked")[-1]
    # Command: crew see only their own; naming someone else is refused.
    asked = running.slack.command(crew.grip, "/bookings", f"<@{ana.id}>", escape=False).json()
    assert "Only coordinators and the person themselves" in asked["text"]
    own = json.dumps(running.slack.command(crew.grip, "/bookings").json())
    assert "1,234.50" not in own
    boss = json.dumps(running.slack.command(crew.coordinator, "/bookings").json())
    assert "$1,234.50 per day" in boss
    # Button: the Show my deal button of Ana's DM, clicked by Gus.
    running.slack.click(crew.grip, "booking_rate", message=confirmation)
    running.deliver()
    assert "Only coordinators" in dms(running, crew.grip)[-1].text
    running.slack.click(ana, "booking_rate", message=confirmation)
    running.deliver()
    assert "$1,234.50 per day" in dms(running, ana)[-1].text
    # Modal: the booking form, opened by the coordinator, sent by Gus.
    running.slack.command(crew.coordinator, "/book")
    view = running.slack.last_view(crew.coordinator)
    forged = running.slack.submit(crew.grip, view, {"person": crew.grip.id, "rate": "1"})
    assert "Only coordinators" in json.dumps(forged.json())
    assert "Only coordinators" in running.slack.command(crew.grip, "/book").json()["text"]
    # App Home: Ana sees her own deal; Gus sees no one's.
    for user in (ana, crew.grip):
        running.slack.open_home(user)
    running.deliver()
    home = running.emulator.workspace.home
    assert "$1,234.50 per day" in json.dumps(home[ana.id])
    assert "1,234.50" not in json.dumps(home[crew.grip.id])
    # CLI export, acting as Gus: refused; as the coordinator: the rate.
    url = running.slate.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    args = ["export", "bookings", "--production", "Night Owl", "--as"]
    assert cli.main([*args, crew.grip.id]) == 2
    assert "Only coordinators" in capsys.readouterr().err
    assert cli.main([*args, crew.coordinator.id]) == 0
    assert ",1234.50,day,75.00," in capsys.readouterr().out


def test_cast_booking_sends_times_and_never_messages_the_agent(
    running: Running, crew: Crew
) -> None:
    ana = running.emulator.workspace.add_user("ana", "ana@free.film", real_name="Ana Best")
    reply = book(
        running,
        crew.coordinator,
        ana,
        kind="cast",
        position="Lead",
        character="Rosa",
        cast_status="SW",
        fitting="thu 2pm",
        rehearsal="fri 10am",
        agent_name="Al Agent",
        agent_email="al@agency.com",
        agent_phone="555-0101",
    )
    assert not reply.content, reply.text
    shown = json.dumps(dms(running, ana, "You're booked")[-1].blocks, ensure_ascii=False)
    assert "Rosa · SW (start work)" in shown
    assert "Thu Jun 11, 2:00 PM" in shown and "Fri Jun 12, 10:00 AM" in shown
    sent = json.dumps([c.params for c in running.emulator.calls()])
    assert "al@agency.com" not in sent and "Al Agent" not in sent
    with running.db() as db:
        assert "Ana Best" in crew_names.names(db, db.get(Production, crew.production_id)).values()


def test_imported_candidates_are_asked_or_listed_to_call(running: Running, crew: Crew) -> None:
    ana = running.emulator.workspace.add_user("ana", "ana@free.film", real_name="Ana Best")
    with running.db() as db:
        text = (
            "name,email,phone,slack_user_id,position\n"
            f"Ana Best,ana@free.film,,{ana.id},Key Grip\n"
            "Dee Day,dee@example.com,555-0100,,Best Boy\n"
        )
        assert files.import_candidates(db, db.get(Production, crew.production_id), text)[0] == 2
        db.commit()
    running.slack.command(crew.coordinator, "/avail")
    view = running.slack.last_view(crew.coordinator)
    ids = [
        o["value"]
        for b in view["blocks"]
        if b["block_id"] == "candidates"
        for o in b["element"]["options"]
    ]
    form = {"position": "Key Grip", "first_day": "2026-06-14", "candidates": ids}
    assert not running.slack.submit(crew.coordinator, view, form).content
    running.deliver()
    assert question(running, ana).text == "Night Owl: are you free Jun 14 as Key Grip?"
    board = json.dumps(tally(running, crew.coordinator).blocks)
    assert "*Ana Best*: ⏳ waiting" in json.loads(board)[1]["text"]["text"]
    listed = json.dumps(tally(running, crew.coordinator).blocks, ensure_ascii=False)
    assert "• Dee Day — dee@\u2060example.com — 555-0100" in listed  # an email never links


def test_confirming_a_challenged_hold_books_and_frees_the_others(
    running: Running, crew: Crew
) -> None:
    people = matrix.cast(running, crew)
    for boss in (crew.coordinator, people.other_coordinator):  # Night Owl first, Day Lark second
        ask(running, boss, [crew.grip])
        asked = [m for m in dms(running, crew.grip) if "are you free" in m.text][-1]
        running.slack.click(crew.grip, "avail_yes", message=asked)
        running.deliver()
        running.slack.click(boss, "avail_hold", message=tally(running, boss))
        running.deliver()
    offered = dms(running, crew.grip, "Night Owl has put a first hold")[-1]
    running.slack.click(crew.grip, "hold_offered", message=offered)  # the person challenges
    running.deliver()
    challenge = dms(running, crew.coordinator, "Gus Grip (offered a booking) challenged")[-1]
    running.slack.click(crew.grip, "hold_confirm", message=challenge)  # not his to confirm
    running.slack.click(crew.coordinator, "hold_confirm", message=challenge)
    form = running.slack.last_view(crew.coordinator)
    assert form["callback_id"] == "booking_book"
    reply = running.slack.submit(crew.coordinator, form, {"rate": "3,250", "rate_unit": "week"})
    assert not reply.content, reply.text
    running.deliver()
    booked = dms(running, crew.grip, "You're booked on Night Owl: Key Grip, Jun 14-16")[-1]
    assert "$3,250.00 per week" in json.dumps(booked.blocks)
    taken = "Day Lark's hold on Gus Grip (Jun 14-16) was released: they are booked elsewhere"
    assert dms(running, people.other_coordinator, taken)
    # Gus's hold DMs were edited in place: no button left on either.
    assert [m.text for m in dms(running, crew.grip, "Night Owl's hold on you")] == [
        "Night Owl's hold on you (Key Grip, Jun 14-16) became a booking."
    ]
    assert dms(running, crew.grip, "Day Lark's hold on you (Key Grip, Jun 14-16) was released")
    assert "Release" not in json.dumps(challenge.blocks)
    assert running.slate.scheduler.tick() == 0  # the deadline went with the hold
    running.clock.advance(hours=25)
    running.slate.scheduler.tick()
    running.deliver()
    told = [m.text for m in dms(running, crew.coordinator, "Night Owl's hold on Gus Grip")]
    assert told == ["Night Owl's hold on Gus Grip (Jun 14-16) became a booking."]


def test_slate_import_candidates_names_bad_lines(
    running: Running, crew: Crew, monkeypatch, capsys, tmp_path
) -> None:
    monkeypatch.setenv("DATABASE_URL", running.slate.engine.url.render_as_string(False))
    path = tmp_path / "candidates.csv"
    path.write_text("name,email,position\nAna Best,ana@free.film,Key Grip\n,bo@x.film,Grip\n")
    args = ["import", "candidates", str(path), "--production", "Night Owl"]
    assert cli.main(args) == 2
    assert f"{path}:3: name is empty" in capsys.readouterr().err
    path.write_text("name,email,position\nAna Best,ana@free.film,Key Grip\n")
    assert cli.main(args) == 0
    assert "Imported candidates: 1 rows." in capsys.readouterr().out


def test_partly_over_a_long_check_offers_every_day(running: Running, crew: Crew) -> None:
    running.slack.command(crew.coordinator, "/avail")
    form = {"position": "Gaffer", "first_day": "2026-06-14", "last_day": "2026-07-13"}
    form["members"] = [crew.grip.id]
    running.slack.submit(crew.coordinator, running.slack.last_view(crew.coordinator), form)
    running.deliver()
    asked = dms(running, crew.grip, "Night Owl: are you free")[-1]
    running.slack.click(crew.grip, "avail_partly", message=asked)
    partly = running.slack.last_view(crew.grip)
    days = next(b for b in partly["blocks"] if b.get("block_id") == "days")["element"]
    assert days["type"] == "multi_static_select" and len(days["options"]) == 30
    running.slack.submit(crew.grip, partly, {"days": ["2026-07-13"]})
    running.deliver()
    shown = json.dumps(dms(running, crew.coordinator, "Avail Gaffer")[-1].blocks)
    assert "partly (Jul 13)" in shown
