"""Problem surfaces at Slack's limits, rendered from plain views with no database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.blocks.limits import check_message, check_view
from bot.blocks.metadata import decode
from bot.blocks.problems import problems as blocks
from bot.services.problems.views import ProblemView

NOW = datetime(2026, 6, 10, 17, 0, tzinfo=UTC)
NASTY = st.text(alphabet=st.sampled_from("a &<>\n🎬@:/"), max_size=3000)


def _problem(**changes) -> ProblemView:
    base = ProblemView(
        id=7,
        number=4,
        severity="safety",
        description="generator is down",
        status="owned",
        created_at=NOW - timedelta(minutes=12),
        reporter_name="Gus Grip",
        owner_name="Pat PA",
        place="Stage 5",
        department="Grip",
        quoted="the neighbours",
        source_link="https://team.slack.com/archives/C1/p1",
        photo_file_id="F123",
        latest_update="spare on the way",
    )
    return replace(base, **changes)


def _message(shown: list) -> None:
    check_message({"text": "x", "blocks": shown})


@settings(max_examples=40, deadline=None)
@given(text=NASTY, status=st.sampled_from(["open", "owned", "resolved", "deleted"]))
def test_any_text_up_to_3000_characters_fits_every_surface(text: str, status: str) -> None:
    problem = _problem(
        description=text or "x",
        quoted=text,
        place=text[:200],
        latest_update=text,
        resolution=text,
        status=status,
        resolved_at=NOW,
        reporter_name=text[:80],
        owner_name=text[:80],
    )
    _message(blocks.problem_blocks(problem, "America/Los_Angeles", NOW))
    _message(blocks.work_state_blocks(problem))
    assert len(blocks.title(problem)) < 200
    for form in (
        blocks.note_modal(blocks.UPDATE_CALLBACK, problem, "What's new?", "update"),
        blocks.reassign_modal(problem),
        blocks.report_modal(1, [(1, text[:100] or "Grip")] * 150, text, text or None, "l"),
    ):
        check_view(form)
    shown = json.dumps(blocks.problem_blocks(problem, "UTC", NOW))
    assert "<@" not in shown and "<!" not in shown


def test_a_3000_character_description_of_ampersands_is_cut_cleanly() -> None:
    problem = _problem(description="&" * 3000, resolution="<" * 3000, status="resolved")
    problem = replace(problem, resolved_at=NOW)
    shown = blocks.problem_blocks(problem, "UTC", NOW)
    _message(shown)
    assert shown[1]["text"]["text"].endswith("&amp;…")


def test_the_report_form_keeps_a_huge_quote_inside_its_metadata() -> None:
    form = blocks.report_modal(3, [], "", "🎬" * 20000, "https://x.slack.com/archives/C1/p1")
    check_view(form)
    meta = decode(blocks.ReportMeta, form["private_metadata"])
    assert meta.production_id == 3 and meta.quoted and meta.quoted.startswith("🎬🎬")


def test_the_list_of_500_open_problems_fits() -> None:
    many = [_problem(id=i, number=i, description="d" * 3000, status="open") for i in range(500)]
    shown = blocks.list_blocks(many, NOW, "Open problems")
    _message(shown)
    assert "…and 460 more" in shown[-1]["text"]["text"]
