"""/catering through signed requests: counts from the published sheet, the caterer's order the
evening before, and a revision when a schedule change moves lunch."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from bot.services.logistics import exports
from bot.store.models import Production
from slack_emulator import Message, User
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish, run_publish
from tests.harness import Running

WED_6PM = datetime(2026, 6, 11, 1, 0, tzinfo=UTC)  # Wed Jun 10, 6:00 PM in Los Angeles


def office(running: Running, crew: Crew, user: User, text: str) -> dict:
    """/catering <text> typed in the production's coordinators' channel."""
    reply = running.slack.command(user, "/catering", text, channel=crew.coordinators_channel)
    return reply.json() if reply.content else {}


def set_diet(running: Running, user: User, answers: dict) -> None:
    """App Home → "Update my dietary needs" → fill the form → Save."""
    running.slack.open_home(user)
    running.deliver()
    home = running.emulator.workspace.home[user.id]
    assert running.slack.click(user, "diet_open", view=home).status_code == 200
    form = running.slack.last_view(user)
    assert running.slack.submit(user, form, answers).status_code == 200


def orders(running: Running, caterer: User) -> list[Message]:
    """The catering orders in the caterer's DMs."""
    return [
        m
        for m in running.emulator.workspace.dm_messages(caterer.id)
        if "catering order" in m.text.lower()
    ]


def shown(message: Message | dict) -> str:
    """A message's text and blocks, as one string to search."""
    if isinstance(message, dict):
        return message["text"] + json.dumps(message.get("blocks"), ensure_ascii=False)
    return message.text + json.dumps(message.blocks, ensure_ascii=False)


def thursday(running: Running, crew: Crew, **answers: str) -> None:
    """Tomorrow's (Thu Jun 11) sheet, composed and published."""
    compose(running, crew, "thu", **answers)
    assert "Published" in publish(running, crew, "thu")["text"]


def test_tomorrows_count_is_the_published_sheet_plus_visitors_with_diets(
    running: Running, crew: Crew
) -> None:
    thursday(running, crew)
    set_diet(running, crew.pa, {"diet": "vegan", "gluten_free": ["yes"], "allergies": "peanuts"})
    set_diet(running, crew.grip, {"diet": "vegetarian", "allergies": "<!channel> shellfish"})
    added = office(running, crew, crew.coordinator, "add thu 4 agency clients vegetarian")
    assert added["text"] == "Catering Thu Jun 11: 7 people"
    reply = office(running, crew, crew.coordinator, "")
    text = shown(reply)
    assert reply["text"] == "Catering Thu Jun 11: 7 people"  # 3 on the sheet + 4 visitors
    assert "3 crew · 0 cast · 0 background · 4 visitors" in text
    assert "5 vegetarian, 1 vegan, 1 gluten-free" in text
    assert "Pat PA: peanuts" in text
    assert "<!channel>" not in text and "&lt;!channel&gt; shellfish" in text
    assert "*Lunch* — 7 — 12:30 PM" in text
    # Taking the visitors off again: back to the sheet alone.
    assert office(running, crew, crew.coordinator, "add thu 0 agency clients")["text"].endswith(
        ": 3 people"
    )


def test_the_caterer_gets_the_order_once_then_a_revision_when_lunch_moves(
    running: Running, crew: Crew
) -> None:
    caterer = crew.outsider
    answer = office(running, crew, crew.coordinator, f"caterer @{caterer.name}")
    assert f"<@{caterer.id}>" in answer["text"]
    thursday(running, crew)
    running.slate.scheduler.tick()
    running.deliver()
    assert orders(running, caterer) == []  # not before the evening before
    running.clock.set(WED_6PM)
    running.slate.scheduler.tick()
    running.deliver()
    running.slate.scheduler.tick()  # a restart's or a second tick: the order is not repeated
    running.deliver()
    (order,) = orders(running, caterer)
    assert order.text == "Catering order: Night Owl, Thu Jun 11 — 3 people"
    assert "12:30 PM" in shown(order)
    reply = running.slack.command(
        crew.coordinator, "/schedulechange", "thu lunch noon", channel=crew.coordinators_channel
    ).json()
    assert reply["text"].startswith("Publishing")
    run_publish(running, crew.coordinator)
    running.deliver()
    _, revised = orders(running, caterer)
    assert revised.text.startswith("REVISED catering order (v2)")
    assert "Lunch 12:30 PM → 12:00 PM" in shown(revised)


def test_a_small_change_is_no_revision_and_people_outside_cannot_read(
    running: Running, crew: Crew
) -> None:
    office(running, crew, crew.coordinator, f"caterer @{crew.outsider.name}")
    office(running, crew, crew.coordinator, "threshold 2")
    thursday(running, crew)
    running.clock.set(WED_6PM)
    running.slate.scheduler.tick()
    running.deliver()
    office(running, crew, crew.coordinator, "add thu 2 drivers")  # 3 → 5: within 2
    running.deliver()
    assert len(orders(running, crew.outsider)) == 1
    office(running, crew, crew.coordinator, "add thu 3 drivers")  # 3 → 6: more than 2
    running.deliver()
    assert orders(running, crew.outsider)[-1].text.startswith("REVISED catering order (v2)")
    refused = office(running, crew, crew.grip, "thu")
    assert "Only coordinators" in refused["text"]


def test_bad_input_says_what_to_type_and_keeps_nothing(running: Running, crew: Crew) -> None:
    compose(running, crew, "thu")  # saved, not published
    unpublished = office(running, crew, crew.coordinator, "add thu 4 clients")
    assert "isn't published yet" in unpublished["text"]
    assert "Type `/catering" in office(running, crew, crew.coordinator, "add lots")["text"]
    assert "not a time" in office(running, crew, crew.coordinator, "send teatime")["text"]
    publish(running, crew, "thu")
    assert office(running, crew, crew.coordinator, "thu")["text"].endswith(": 3 people")


def test_the_catering_export_has_each_meal_with_the_diets(running: Running, crew: Crew) -> None:
    thursday(running, crew)
    set_diet(running, crew.pa, {"diet": "vegan", "allergies": "=1+1"})
    with running.db() as db:
        text = exports.catering_csv(db, db.get(Production, crew.production_id))
    header, _, lunch, *_ = text.splitlines()
    assert header == ",".join(exports.CATERING)
    assert (
        lunch == "2026-06-11,Lunch,2026-06-11T12:30-07:00,3,3,0,0,0,0,1,0,0,Pat PA: =1+1"
    )  # starts with a name: no formula
