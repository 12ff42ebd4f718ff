"""The daily production report: the draft with its ticks and buttons, and the posted copy."""

from __future__ import annotations

from typing import Any

from bot.blocks.common import Block, actions, button, clock, context, day_title, header, section
from bot.blocks.escape import escape, truncate
from bot.services.money.amounts import show

SCENES, EDIT, POST = "dpr_scenes", "dpr_edit", "dpr_post"
EDIT_CALLBACK = "dpr_edit_modal"


def report_text(view: Any) -> str:
    """The notification line."""
    return (
        f"Daily production report: {escape(view.production.name)} Day {view.number}, "
        f"{day_title(view.day.date)}"
    )


def rows(view: Any) -> list[tuple[str, str]]:
    """Label and value for every line of the report."""
    tz, day, report = view.production.timezone, view.day, view.report
    meals = (
        "; ".join(
            f"{escape(m.department or 'crew')} {clock(m.started_at, tz)} to {clock(m.ended_at, tz)}"
            + (
                f" ({m.late_minutes} min late, est. {show(m.penalty, view.production.currency)})"
                if m.late_minutes
                else ""
            )
            for m in view.meals
        )
        or "none recorded"
    )
    shot = [s.number for s in day.scenes if s.number in report.scenes_shot]
    return [
        ("Day", f"{view.number} of {view.total}, {day_title(day.date)}"),
        ("General crew call", clock(day.general_call, tz, day.date)),
        ("Shooting call", clock(day.shooting_call, tz, day.date)),
        ("First shot", clock(report.first_shot_at, tz, day.date)),
        ("Wrap", clock(day.wrap_at, tz, day.date)),
        ("Confirmed", f"{view.confirmed}/{view.called}"),
        ("Meals", meals),
        ("Scenes shot", ", ".join(escape(s) for s in shot) or "none ticked"),
        ("Scenes scheduled", ", ".join(escape(s.number) for s in day.scenes) or "none"),
        (
            "Problems",
            "; ".join(
                f"#{p.number} {escape(truncate(p.description, 60))} ({p.status})"
                for p in view.problems
            )
            or "none",
        ),
        ("Expenses", f"{view.expenses}, {show(view.spent, view.production.currency)}"),
        ("Gear still out", "; ".join(view.gear_out) or "none"),
        ("Notes", escape(report.notes or "")),
    ]


def _body(view: Any) -> list[Block]:
    lines = [f"*{label}:* {value}" for label, value in rows(view) if value]
    return [
        header(f"DPR — Day {view.number} · {day_title(view.day.date)}"),
        section("\n".join(lines)[:2900]),
    ]


def draft_blocks(view: Any) -> list[Block]:
    """The draft for coordinators: tick scenes, edit, post."""
    value = str(view.day.id)
    blocks = _body(view)
    options = [
        {
            "text": {"type": "plain_text", "text": truncate(f"{s.number} {s.set_name}", 75)},
            "value": s.number,
        }
        for s in view.day.scenes[:10]
    ]
    if options:
        element: dict[str, Any] = {"type": "checkboxes", "action_id": SCENES, "options": options}
        chosen = [o for o in options if o["value"] in view.report.scenes_shot]
        if chosen:
            element["initial_options"] = chosen
        blocks.append(
            {
                "type": "section",
                "block_id": f"scenes-{value}",
                "text": {"type": "mrkdwn", "text": "*Tick the scenes shot*"},
                "accessory": element,
            }
        )
    posted = view.report.posted_at
    blocks.append(
        actions(
            "dpr",
            button("Edit", EDIT, value),
            button("Post again" if posted else "Post", POST, value, "primary"),
        )
    )
    if posted:
        blocks.append(context(f"Posted at {clock(posted, view.production.timezone)}"))
    return blocks


def final_blocks(view: Any) -> list[Block]:
    """The posted report."""
    return _body(view)


def edit_modal(view: Any) -> dict[str, Any]:
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

    tz = view.production.timezone
    first = view.report.first_shot_at
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": str(view.day.id),
        "title": {"type": "plain_text", "text": "Daily report"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            field("first_shot", "First shot", clock(first, tz) if first else None, False),
            field(
                "notes",
                "Notes (safety meeting, accidents, special equipment)",
                view.report.notes,
                True,
            ),
        ],
    }
