"""The channel post of the full sheet: a summary within Slack's limits, the rest in the thread,
typed text never pinging, phones only where the switch allows."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.blocks.callsheets.sheet_post import sheet_messages
from bot.blocks.limits import check_message
from bot.services.callsheets.sheet_people import CastLine, CrewGroup, CrewLine
from tests.blocks.callsheets import sheet_views

PINGS = "<!channel> @here <@U123> see https://example.com "


def test_a_large_day_posts_a_summary_and_threads_the_rest_within_limits() -> None:
    view = sheet_views.large()  # 60 scenes, 40 cast, 250 crew
    messages = sheet_messages(view)
    for message in messages:
        check_message({"text": "Call sheet", "blocks": message})
    summary, thread = json.dumps(messages[0]), json.dumps(messages[1:])
    assert len(messages[0]) <= 12  # a summary, not the sheet
    assert "*Scenes:* 60 (58 1/8 pages)" in summary and "*Crew:* 250" in summary
    assert "*Cast:* 32" in summary  # 8 of the 40 are on hold
    assert "Uma Manager" in summary and "query=34.052200%2C-118.243700" in summary
    assert "Crew Person" not in summary
    for group in view.crew:
        for person in group.people:
            assert f"{person.name} " in thread
    assert all(f"*{c.number}* " in thread for c in view.cast)
    assert "Standard notes" in thread and "Advance schedule" in thread


def test_with_phones_off_the_post_shows_no_crew_phone() -> None:
    view = sheet_views.view(crew=60, phones=False)
    shown = json.dumps(sheet_messages(view))
    assert "213-555-00" not in shown  # crew numbers are 213-555-00NN
    with_phones = json.dumps(sheet_messages(sheet_views.view(crew=60)))
    assert "213-555-0059" in with_phones


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=3000))
def test_typed_text_anywhere_on_the_sheet_never_pings_or_breaks_a_limit(typed: str) -> None:
    typed = PINGS + typed
    view = sheet_views.view()
    view = dataclasses.replace(
        view,
        contacts=((typed, typed, typed),),
        safety_notes=typed,
        standard_notes=typed,
        walkies=((typed, typed),),
        scenes=tuple(dataclasses.replace(s, requirements=typed, cast=typed) for s in view.scenes),
        cast=(CastLine(typed[:8], typed, typed, "W", remarks=typed),),
        crew=(CrewGroup(typed, (CrewLine(typed, typed, view.general_call, True, typed),)),),
        location=dataclasses.replace(view.location, address=typed, crew_parking=typed),
    )
    for message in sheet_messages(view):
        check_message({"text": "x", "blocks": message})
        shown = json.dumps(message)
        assert "<!channel>" not in shown and "<@U123>" not in shown
        assert "<https://example.com" not in shown
