"""Catering reads one source per fact: diets from the person's profile (whichever form wrote
it) and background from the published sheet's scenes."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.store.models import Person
from bot.store.models_onboarding import OnboardingItem, PersonProfile
from tests.conftest import Crew
from tests.handlers.callsheet_helpers import compose, publish
from tests.handlers.test_catering import WED_6PM, office, orders, set_diet, shown, thursday
from tests.handlers.test_onboarding import checklist_dm, fill, start
from tests.harness import Running

SCENES = "12 | INT. DINER | D | 1 4/8 | Ana | Rosa's Diner | {}\n14 | EXT. STREET | N | 3/8 |"


def test_a_diet_entered_in_start_paperwork_is_counted_by_catering(
    running: Running, crew: Crew
) -> None:
    start(running, crew, f"<@{crew.grip.id}> thu")
    fill(running, crew.grip, "Dietary needs", {"diet": "vegan", "allergies": "sesame"})
    thursday(running, crew)
    text = shown(office(running, crew, crew.coordinator, "thu"))
    assert "1 vegan" in text and "Gus Grip: sesame" in text
    # App Home's form shows the same facts and changes the same row.
    set_diet(running, crew.grip, {"diet": "vegetarian", "allergies": ""})
    text = shown(office(running, crew, crew.coordinator, "thu"))
    assert "1 vegetarian" in text and "vegan" not in text and "sesame" not in text
    with running.db() as db:
        assert len(db.scalars(select(PersonProfile)).all()) == 1


def test_the_app_home_form_ticks_the_checklists_dietary_line(running: Running, crew: Crew) -> None:
    start(running, crew, f"<@{crew.grip.id}> thu")
    set_diet(running, crew.grip, {"diet": "pescatarian", "gluten_free": ["yes"]})
    running.deliver()
    with running.db() as db:
        gus = db.scalar(select(Person).where(Person.slack_user_id == crew.grip.id))
        line = db.scalar(select(OnboardingItem).where(OnboardingItem.item == "dietary"))
        profile = db.scalar(select(PersonProfile).where(PersonProfile.person_id == gus.id))
        assert line.status == "done" and line.received_by == crew.grip.id
        assert (profile.diet, profile.gluten_free) == ("pescatarian", True)
    dm = json.dumps(checklist_dm(running, crew.grip).blocks)
    assert "Dietary needs" in dm
    # Someone with no start paperwork just saves their needs.
    set_diet(running, crew.pa, {"diet": "vegan"})
    with running.db() as db:
        done = db.scalars(select(OnboardingItem).where(OnboardingItem.status == "done")).all()
        assert [i.received_by for i in done] == [crew.grip.id]
        assert len(db.scalars(select(PersonProfile)).all()) == 2


def test_a_bad_diet_form_keeps_nothing(running: Running, crew: Crew) -> None:
    running.slack.open_home(crew.pa)
    running.deliver()
    home = running.emulator.workspace.home[crew.pa.id]
    running.slack.click(crew.pa, "diet_open", view=home)
    form = running.slack.last_view(crew.pa)
    refused = running.slack.submit(crew.pa, form, {"diet": "vegan", "allergies": "x" * 501})
    assert "under 500 characters" in json.dumps(refused.json())
    with running.db() as db:
        assert db.scalars(select(PersonProfile)).all() == []


def test_background_on_the_published_sheet_is_counted_and_revises_the_order(
    running: Running, crew: Crew
) -> None:
    office(running, crew, crew.coordinator, f"caterer @{crew.outsider.name}")
    thursday(running, crew, scenes=SCENES.format(8))
    reply = office(running, crew, crew.coordinator, "thu")
    assert reply["text"] == "Catering Thu Jun 11: 11 people"  # 3 on the sheet + 8 extras
    assert "3 crew · 0 cast · 8 background · 0 visitors" in shown(reply)
    running.clock.set(WED_6PM)
    running.slate.scheduler.tick()
    running.deliver()
    (order,) = orders(running, crew.outsider)
    assert order.text.endswith("— 11 people")
    compose(running, crew, "thu", scenes=SCENES.format(20))
    publish(running, crew, "thu")
    running.deliver()
    _, revised = orders(running, crew.outsider)
    assert revised.text.startswith("REVISED catering order (v2)")
    assert "Headcount 11 → 23" in shown(revised)
