"""Problem surfaces: the post edited in place, the report and follow-up modals, the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.blocks.clip import clip, cut
from bot.blocks.common import Block, actions, button, clock, context, fields, header, section
from bot.blocks.common import input_block as _input
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.services.problems.views import ProblemView

SEVERITY = {
    "fyi": ("FYI", ":information_source:"),
    "attention": ("Needs attention", ":large_yellow_circle:"),
    "urgent": ("Urgent", ":red_circle:"),
    "safety": ("Safety — stop work", ":rotating_light:"),
}
TAKE, UPDATE, RESOLVE = "problem_take", "problem_update", "problem_resolve"
REASSIGN, DELETE = "problem_reassign", "problem_delete"
WORK_STOPPED, WORK_SAFE = "problem_work_stopped", "problem_work_safe"
REPORT_CALLBACK, UPDATE_CALLBACK = "problem_report", "problem_update_modal"
RESOLVE_CALLBACK, REASSIGN_CALLBACK = "problem_resolve_modal", "problem_reassign_modal"
QUOTE_LIMIT = 2500


@dataclass(frozen=True)
class ReportMeta(Meta):
    """The report form: which production, and the message a shortcut quoted."""

    KIND = "problem_report"
    production_id: int
    quoted: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class ProblemMeta(Meta):
    """The update, resolve and reassign forms: which problem."""

    KIND = "problem"
    problem_id: int


def report_meta(production_id: int, quoted: str | None, link: str | None) -> str:
    """The report form's metadata; a long quote is cut until it fits Slack's limit."""
    quoted = quoted[:QUOTE_LIMIT] if quoted else quoted
    while True:
        try:
            return encode(ReportMeta(production_id, quoted, link))
        except ValueError:  # non-ASCII text grows when JSON-escaped
            assert quoted, "a report form's metadata without a quote always fits"
            quoted = quoted[: len(quoted) * 2 // 3]


def _minutes(since: datetime, now: datetime) -> str:
    minutes = int((now - since).total_seconds() // 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h {minutes % 60} min"


def status_line(problem: ProblemView, now: datetime, lasting: bool = False) -> str:
    """Where the problem stands, in a few words. `lasting`: for a message that stays up
    (the card, the copies) — no "open for 10 min", which would stay 10 min all day; they
    say when it was reported."""
    owner = escape(problem.owner_name or "someone")
    closer = escape(problem.closed_by_name or problem.owner_name or "someone")
    age = "" if lasting else f" for {_minutes(problem.created_at, now)}"
    if problem.status == "open":
        return f"Open{age} — nobody has it yet"
    if problem.status == "owned":
        how = "Reassigned to" if problem.reassigned else "Taken by"
        return f"{how} {owner}" + (
            "" if lasting else f" — open {_minutes(problem.created_at, now)}"
        )
    if problem.status == "resolved" and problem.resolved_at:
        return f"Resolved by {closer} after {_minutes(problem.created_at, problem.resolved_at)}"
    return f"Deleted by {escape(problem.closed_by_name or 'a coordinator')}"


def title(problem: ProblemView) -> str:
    """ "#4 Urgent: generator is down" for notifications."""
    label, _ = SEVERITY[problem.severity]
    return f"#{problem.number} {label}: {clip(problem.description, 120)}"


def problem_blocks(problem: ProblemView, tz: str, now: datetime) -> list[Block]:
    """The post in the problems channel."""
    label, emoji = SEVERITY[problem.severity]
    blocks: list[Block] = [
        header(f"#{problem.number} {label}"),
        section(f"{emoji} {clip(problem.description, 2900)}"),
    ]
    if problem.quoted:
        link = f" (<{problem.source_link}|original message>)" if problem.source_link else ""
        quote = cut("> " + escape(problem.quoted).replace("\n", "\n> "), 2600)
        blocks.append(section(quote + link))
    reporter = clip(problem.reporter_name or "someone", 200)
    pairs = [
        ("Status", status_line(problem, now, lasting=True)),
        ("Reported by", f"{reporter} at {clock(problem.created_at, tz)}"),
    ]
    if problem.place:
        pairs.append(("Where", clip(problem.place, 1900)))
    if problem.department:
        pairs.append(("Department", clip(problem.department, 1900)))
    if problem.severity == "safety":
        state = {"stopped": "Work stopped", "safe": "Confirmed safe"}.get(
            problem.work_state or "", "Not confirmed yet"
        )
        pairs.append(("Work", state))
    blocks.append(fields(pairs))
    if problem.photo_file_id:
        blocks.append(context(f":camera: Photo attached (file {escape(problem.photo_file_id)})"))
    if problem.latest_update and problem.status != "resolved":
        blocks.append(context(f"Latest: {clip(problem.latest_update, 2900)}"))
    if problem.resolution and problem.status == "resolved":
        blocks.append(section(f":white_check_mark: *Resolution:* {clip(problem.resolution, 2900)}"))
    if problem.is_open:
        value = str(problem.id)
        buttons = [
            button("Add update", UPDATE, value),
            button("Resolve", RESOLVE, value),
            button("Reassign", REASSIGN, value),
            button("Delete", DELETE, value),
        ]
        if problem.status == "open":
            buttons.insert(0, button("Take it", TAKE, value, "primary"))
        blocks.append(actions("problem", *buttons))
    return blocks


def work_state_blocks(
    problem: ProblemView, now: datetime | None = None, still_owner: bool = True
) -> list[Block]:
    """Ask the owner of a safety problem to confirm the state of work, while it is theirs."""
    value = str(problem.id)
    state = {"stopped": "Work stopped", "safe": "Confirmed safe"}.get(problem.work_state or "")
    if not problem.is_open or not still_owner:
        said = f" {state}." if state else ""
        where = status_line(problem, now or problem.created_at, lasting=True)
        return [section(f":rotating_light: *{title(problem)}*\n{where}.{said}")]
    blocks = [
        section(
            f":rotating_light: You own *{title(problem)}*. Has work stopped, or is it "
            "safe to continue?"
        )
    ]
    said = f" · You said: {state}" if state else ""
    blocks.append(context(status_line(problem, now or problem.created_at, lasting=True) + said))
    blocks.append(
        actions(
            "work",
            button("Work has stopped", WORK_STOPPED, value, "danger"),
            button("It's safe", WORK_SAFE, value, "primary"),
        )
    )
    return blocks


def reporter_blocks(problem: ProblemView, now: datetime) -> list[Block]:
    """The reporter's copy: what they reported and where it stands now."""
    return [
        section(f"Reported *{title(problem)}*"),
        context(status_line(problem, now, lasting=True)),
    ]


def report_modal(
    production_id: int,
    departments: list[tuple[int, str]],
    text: str,
    quoted: str | None,
    link: str | None,
) -> dict[str, Any]:
    """The report form; `quoted` and `link` come from a message shortcut."""
    description: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": True,
        "max_length": 3000,
    }
    if text:
        description["initial_value"] = text[:3000]
    options = [
        {"text": {"type": "plain_text", "text": label}, "value": value}
        for value, label in (
            ("fyi", "FYI"),
            ("attention", "Needs attention"),
            ("urgent", "Urgent"),
            ("safety", "Safety — stop work"),
        )
    ]
    blocks: list[Block] = []
    if quoted:
        blocks.append(section(cut("> " + escape(quoted).replace("\n", "\n> "), 2900)))
    blocks += [
        _input("description", "What happened?", description),
        _input(
            "severity",
            "How serious?",
            {"type": "static_select", "options": options, "initial_option": options[1]},
        ),
        _input("place", "Where? (location or set)", {"type": "plain_text_input"}, True),
    ]
    if departments:
        blocks.append(
            _input(
                "department",
                "Department",
                {
                    "type": "static_select",
                    "options": [
                        {
                            "text": {"type": "plain_text", "text": truncate(name, 75)},
                            "value": str(did),
                        }
                        for did, name in departments[:100]
                    ],
                },
                True,
            )
        )
    blocks.append(
        _input(
            "photo",
            "Photo",
            {"type": "file_input", "filetypes": ["jpg", "jpeg", "png", "heic"], "max_files": 1},
            True,
        )
    )
    return {
        "type": "modal",
        "callback_id": REPORT_CALLBACK,
        "title": {"type": "plain_text", "text": "Report a problem"},
        "submit": {"type": "plain_text", "text": "Report"},
        "private_metadata": report_meta(production_id, quoted, link),
        "blocks": blocks,
    }


def note_modal(callback_id: str, problem: ProblemView, label: str, block_id: str) -> dict[str, Any]:
    """Ask for an update or a resolution note."""
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": f"Problem #{problem.number}"},
        "submit": {"type": "plain_text", "text": "Save"},
        "private_metadata": encode(ProblemMeta(problem.id)),
        "blocks": [
            section(clip(problem.description, 2900)),
            _input(
                block_id, label, {"type": "plain_text_input", "multiline": True, "max_length": 3000}
            ),
        ],
    }


def reassign_modal(problem: ProblemView) -> dict[str, Any]:
    """Pick a new owner (coordinators)."""
    return {
        "type": "modal",
        "callback_id": REASSIGN_CALLBACK,
        "title": {"type": "plain_text", "text": f"Problem #{problem.number}"},
        "submit": {"type": "plain_text", "text": "Reassign"},
        "private_metadata": encode(ProblemMeta(problem.id)),
        "blocks": [_input("owner", "New owner", {"type": "users_select"})],
    }


def list_blocks(problems: list[ProblemView], now: datetime, heading: str) -> list[Block]:
    """/problems: one line each, most pressing first."""
    if not problems:
        return [section(f"{escape(heading)}: nothing open. :tada:")]
    lines = []
    for problem in problems[:40]:
        _, emoji = SEVERITY[problem.severity]
        lines.append(f"{emoji} {title(problem)} — {status_line(problem, now)}")
    more = f"\n…and {len(problems) - 40} more" if len(problems) > 40 else ""
    return [section(f"*{escape(heading)}*"), section(cut("\n".join(lines), 2900) + more)]
