"""People named in commands, over the wire: mentions, `@name` as typed, plain names, gear tags."""

from __future__ import annotations

import json

from bot.services.core import crew as crew_service
from bot.services.wrap import gear
from bot.store.models import Production
from bot.store.models_tasks import Task
from tests.conftest import Crew
from tests.harness import Running


def add_crew(running: Running, crew: Crew, *people: tuple[str, str]) -> dict[str, str]:
    """More people on Night Owl's crew list: (name, handle) -> their Slack ids by handle."""
    ws = running.emulator.workspace
    users = {
        handle: ws.add_user(handle, f"{handle}@nightowl.film", real_name=name)
        for name, handle in people
    }
    rows = "".join(
        f"{name},{handle}@nightowl.film,Grip,crew,{users[handle].id}\n" for name, handle in people
    )
    with running.db() as db:
        production = db.get(Production, crew.production_id)
        crew_service.import_crew(
            db, production, "name,email,department,role,slack_user_id\n" + rows
        )
        db.commit()
    return {handle: user.id for handle, user in users.items()}


def say(running: Running, user, command: str, text: str) -> str:
    # As typed: these read Slate's own `@name` reader (Slack escapes only names it knows).
    reply = running.slack.command(user, command, text, escape=False).json()
    running.deliver()
    return reply["text"]


def tasks(running: Running) -> list[tuple[str, str]]:
    with running.db() as db:
        return [(t.assignee, t.what) for t in db.query(Task).order_by(Task.id)]


def test_assign_reads_the_first_person_and_keeps_later_ones_as_text(
    running: Running, crew: Crew
) -> None:
    said = say(running, crew.coordinator, "/assign", "@pat pick up lunch for @gus")
    assert said.startswith("Assigned to 1 person")
    assert tasks(running) == [(crew.pa.id, "pick up lunch for @gus")]
    mention = f"<@{crew.pa.id}|pat> ask <@{crew.grip.id}|gus> for the keys"
    assert say(running, crew.coordinator, "/assign", mention).startswith("Assigned to 1 person")
    assert tasks(running)[-1] == (crew.pa.id, f"ask <@{crew.grip.id}|gus> for the keys")
    both = say(running, crew.coordinator, "/assign", f"@Pat PA <@{crew.grip.id}> load the truck")
    assert both.startswith("Assigned to 2 people")


def test_ambiguous_and_unknown_names_say_what_to_type(running: Running, crew: Crew) -> None:
    add_crew(running, crew, ("Pat Porter", "patp"))
    ambiguous = say(running, crew.coordinator, "/assign", "@pat fetch ice")
    assert "did you mean Pat PA or Pat Porter?" in ambiguous
    assert "nobody called “zed”" in say(running, crew.coordinator, "/assign", "@zed fetch ice")
    assert tasks(running) == []
    assert say(running, crew.coordinator, "/assign", "@pat porter fetch ice").startswith(
        "Assigned to 1 person"
    )


def test_petty_cash_and_calltime_read_people_the_same_way(running: Running, crew: Crew) -> None:
    assert "$200.00 in hand" in say(running, crew.coordinator, "/pettycash", "issue @pat 200")
    assert "$250.00 in hand" in say(running, crew.coordinator, "/pettycash", "issue Pat PA 50")
    assert "nobody called “zed”" in say(running, crew.coordinator, "/pettycash", "issue zed 5")
    assert "nobody called “zed”" in say(running, crew.grip, "/calltime", "@zed")


def test_gear_out_by_tag_or_name_to_a_person(running: Running, crew: Crew) -> None:
    bea = add_crew(running, crew, ("Bea Best", "bea"))["bea"]
    with running.db() as db:
        gear.add(db, db.get(Production, crew.production_id), "Dana Dolly", asset_tag="G-7")
        db.commit()
    assert say(running, crew.grip, "/gear", "out g-7") == "Dana Dolly (tag G-7) is out to Gus Grip."
    assert say(running, crew.grip, "/gear", "in dana") == "Dana Dolly (tag G-7) is back in."
    assert say(running, crew.grip, "/gear", "out c-stand 14 to @bea") == (
        "New to the gear list: c-stand 14 is out to Bea Best."
    )
    assert say(running, crew.grip, "/gear", "in c-stand 14") == "c-stand 14 is back in."
    assert say(running, crew.grip, "/gear", f"out C-Stand 14 to <@{bea}>") == (
        "c-stand 14 is out to Bea Best."
    )
    assert "More than one item" in say(running, crew.grip, "/gear", "out d")
    assert "nobody called “zed”" in say(running, crew.grip, "/gear", "out sandbag to @zed")
    listed = json.dumps(running.slack.command(crew.grip, "/gear", "").json())
    assert "sandbag" not in listed
