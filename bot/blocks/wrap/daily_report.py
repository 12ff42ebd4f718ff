"""The daily production report: the draft with its ticks and buttons, the posted copy, files."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from bot.blocks.common import Block, actions, button, clock, context, day_title, header, section
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import BUTTON_VALUE_LIMIT, Meta, encode
from bot.blocks.wrap import report_pdf
from bot.blocks.wrap.loose_ends import describe
from bot.services.core import csvfile
from bot.services.money.amounts import show
from bot.services.wrap.views import ReportView

SCENES, EDIT, POST = "dpr_scenes", "dpr_edit", "dpr_post"
EDIT_CALLBACK = "dpr_edit_modal"
MAX_OPTIONS = 10  # Slack's cap on a checkboxes element
SECTION_TEXT = 3000  # Slack's cap on a section's text: long lines get a section each


@dataclass(frozen=True)
class ReportMeta(Meta):
    """Which shoot day's report: the Edit form's metadata, and the Edit and Post buttons' value."""

    KIND = "dpr"
    day_id: int


def report_text(view: ReportView) -> str:
    """The notification line."""
    return (
        f"Daily production report: {escape(view.production)} Day {view.number}, "
        f"{day_title(view.date)}"
    )


def rows(view: ReportView) -> list[tuple[str, str]]:
    """Label and value for every line of the report (mrkdwn-escaped)."""
    tz, on, currency = view.timezone, view.date, view.currency
    meals = (
        "; ".join(
            f"{escape(m.department or 'crew')} {clock(m.started_at, tz)} to {clock(m.ended_at, tz)}"
            + (
                f" ({m.late_minutes} min late, est. {show(m.penalty, currency)})"
                if m.late_minutes
                else ""
            )
            for m in view.meals
        )
        or "none recorded"
    )
    shot = [s.number for s in view.scenes if s.number in view.scenes_shot]
    problems = "; ".join(
        f"#{p.number} {escape(truncate(p.description, 60))} ({p.status})" for p in view.problems
    )
    return [
        ("Day", f"{view.number} of {view.total}, {day_title(on)}"),
        ("General crew call", clock(view.general_call, tz, on)),
        ("Shooting call", clock(view.shooting_call, tz, on)),
        ("First shot", clock(view.first_shot_at, tz, on)),
        ("Wrap", clock(view.wrap_at, tz, on)),
        ("Confirmed", f"{view.confirmed}/{view.called}"),
        ("Meals", meals),
        ("Scenes shot", ", ".join(escape(s) for s in shot) or "none ticked"),
        ("Scenes scheduled", ", ".join(escape(s.number) for s in view.scenes) or "none"),
        ("Problems", problems or "none"),
        ("Expenses", f"{view.expenses}, {show(view.spent, currency)}"),
        ("Gear still out", "; ".join(describe(item) for item in view.gear_out) or "none"),
        ("Notes", escape(view.notes or "")),
    ]


def _body(view: ReportView) -> list[Block]:
    """The header and the report's lines, each section under Slack's 3,000 characters."""
    blocks: list[Block] = [header(f"DPR — Day {view.number} · {day_title(view.date)}")]
    chunk: list[str] = []
    for label, value in rows(view):
        if not value:
            continue
        line = truncate(f"*{label}:* {value}", SECTION_TEXT)
        if sum(len(x) + 1 for x in chunk) + len(line) > SECTION_TEXT:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(section("\n".join(chunk)))
    return blocks


def draft_blocks(view: ReportView) -> list[Block]:
    """The draft for coordinators: tick scenes, edit, post."""
    value = encode(ReportMeta(view.day_id), BUTTON_VALUE_LIMIT)
    blocks = _body(view)
    options = [
        {
            "text": {"type": "plain_text", "text": truncate(f"{s.number} {s.set_name}", 75)},
            "value": s.number,
        }
        for s in view.scenes[:MAX_OPTIONS]
    ]
    if options:
        element: dict[str, Any] = {"type": "checkboxes", "action_id": SCENES, "options": options}
        chosen = [o for o in options if o["value"] in view.scenes_shot]
        if chosen:
            element["initial_options"] = chosen
        blocks.append(
            {
                "type": "section",
                "block_id": f"scenes-{view.day_id}",
                "text": {"type": "mrkdwn", "text": "*Tick the scenes shot*"},
                "accessory": element,
            }
        )
    posted = view.posted_at
    blocks.append(
        actions(
            "dpr",
            button("Edit", EDIT, value),
            button("Post again" if posted else "Post", POST, value, "primary"),
        )
    )
    if posted:
        blocks.append(context(f"Posted at {clock(posted, view.timezone)}"))
    return blocks


def final_blocks(view: ReportView) -> list[Block]:
    """The posted report."""
    return _body(view)


def edit_modal(view: ReportView) -> dict[str, Any]:
    """First shot and notes."""

    def field(block_id: str, label: str, value: str | None, multiline: bool) -> Block:
        element: dict[str, Any] = {
            "type": "plain_text_input",
            "action_id": block_id,
            "multiline": multiline,
        }
        if value:
            element["initial_value"] = value
        return {
            "type": "input",
            "block_id": block_id,
            "optional": True,
            "label": {"type": "plain_text", "text": label},
            "element": element,
        }

    first = view.first_shot_at
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": encode(ReportMeta(view.day_id)),
        "title": {"type": "plain_text", "text": "Daily report"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            field(
                "first_shot", "First shot", clock(first, view.timezone) if first else None, False
            ),
            field(
                "notes",
                "Notes (safety meeting, accidents, special equipment)",
                view.notes,
                True,
            ),
        ],
    }


def report_file(view: ReportView, pdf: bool) -> bytes:
    """The report as CSV (field,value), or as a PDF."""
    lines = [(label, html.unescape(value)) for label, value in rows(view)]
    if pdf:
        return report_pdf.render(f"{view.production}: daily production report", lines)
    return csvfile.render(("field", "value"), lines).encode()
