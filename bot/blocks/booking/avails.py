"""Avail surfaces: the /avail form, the candidate's DM, the Partly form, the coordinator's tally."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bot.blocks.common import Block, actions, button, context, input_block, option, plain, section
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.services.booking.clash import span
from bot.services.booking.views import AnswerView, CheckView

ASK_CALLBACK, PARTLY_CALLBACK = "avail_ask", "avail_partly"
AVAILABLE, PARTLY, NOT = "avail_yes", "avail_partly", "avail_no"
HOLD = "avail_hold"
SAID = {
    "waiting": "⏳ waiting",
    "available": "✅ available",
    "partly": "◐ partly",
    "not": "✖ not available",
}


@dataclass(frozen=True)
class AskMeta(Meta):
    """The /avail form: which production."""

    KIND = "avail_ask"
    production_id: int


@dataclass(frozen=True)
class AnswerMeta(Meta):
    """The Partly form: which answer row."""

    KIND = "avail_partly"
    answer_id: int


def _modal(callback: str, meta: str, title: str, submit: str, blocks: list[Block]) -> dict:
    return {
        "type": "modal",
        "callback_id": callback,
        "private_metadata": meta,
        "title": plain(title, 24),
        "submit": plain(submit, 24),
        "blocks": blocks,
    }


def _text(block_id: str, label: str, multiline: bool = False, optional: bool = False) -> Block:
    element = {"type": "plain_text_input", "multiline": multiline}
    return input_block(block_id, label, element, optional)


def ask_modal(production_id: int, candidates: list[tuple[int, str]]) -> dict[str, Any]:
    """/avail: position, days and candidates (Slack members, imported ones, people to call)."""
    listed = [option(truncate(label, 75), str(cid)) for cid, label in candidates[:100]]
    picker = {"type": "multi_static_select", "options": listed}
    imported = [input_block("candidates", "From your candidates list", picker, True)]
    blocks = [
        _text("position", "Position"),
        input_block("first_day", "First day", {"type": "datepicker"}),
        input_block("last_day", "Last day", {"type": "datepicker"}, optional=True),
        input_block("members", "Candidates in Slack", {"type": "multi_users_select"}, True),
        input_block(
            "others",
            "People not in Slack (one a line: Name, email, phone)",
            {"type": "plain_text_input", "multiline": True},
            optional=True,
            hint="They can't be messaged: Slate lists them for you to call.",
        ),
        *(imported if listed else []),
    ]
    return _modal(ASK_CALLBACK, encode(AskMeta(production_id)), "Avail check", "Ask", blocks)


def question_text(check: CheckView) -> str:
    """The notification text of the candidate's DM."""
    return f"{check.production}: are you free {check.dates} as {check.position}?"


def question_blocks(check: CheckView, row: AnswerView) -> list[Block]:
    """The candidate's DM: the days, and their answer buttons (kept so they can change it)."""
    shown = [section(escape(question_text(check)))]
    if row.answer != "waiting":
        days = f" ({', '.join(span(d, d) for d in row.days)})" if row.days else ""
        shown.append(context(f"You said: {SAID[row.answer]}{days}"))
    value = str(row.id)
    shown.append(
        actions(
            "avail_answer",
            button("Available", AVAILABLE, value, "primary"),
            button("Partly…", PARTLY, value),
            button("Not available", NOT, value),
        )
    )
    return shown


def partly_modal(check: CheckView, answer_id: int) -> dict[str, Any]:
    """Which days, and a note."""
    days = [option(f"{d:%a} {span(d, d)}", d.isoformat()) for d in _days(check)][:100]
    kind = "checkboxes" if len(days) <= 10 else "multi_static_select"  # Slack: 10 checkboxes
    blocks = [
        section(escape(question_text(check))),
        input_block("days", "The days you are free", {"type": kind, "options": days}),
        _text("note", "Note (other holds, times)", multiline=True, optional=True),
    ]
    return _modal(PARTLY_CALLBACK, encode(AnswerMeta(answer_id)), "Partly free", "Send", blocks)


def _days(check: CheckView) -> list[date]:
    count = (check.last_day - check.first_day).days + 1
    return [check.first_day + timedelta(days=n) for n in range(count)]


def tally_text(check: CheckView) -> str:
    """ "Avail Key Grip Jun 14-16: 3/5 answered"."""
    asked = [a for a in check.answers if a.slack_user_id]
    done = sum(1 for a in asked if a.answer != "waiting")
    return f"Avail {check.position} {check.dates}: {done}/{len(asked)} answered"


def tally_blocks(check: CheckView) -> list[Block]:
    """The coordinator's tally, edited in place; Hold next to each available answer."""
    shown: list[Block] = [section(f"*{escape(tally_text(check))}*")]
    for row in [a for a in check.answers if a.slack_user_id][:40]:
        days = f" ({', '.join(span(d, d) for d in row.days)})" if row.days else ""
        note = f" — _{escape(truncate(row.note, 200))}_" if row.note else ""
        line = section(f"*{escape(row.name)}*: {SAID[row.answer]}{days}{note}")
        if row.held:
            line["text"]["text"] += " · held"
        elif row.answer in ("available", "partly"):
            line["accessory"] = button("Hold", HOLD, str(row.id))
        shown.append(line)
    calls = [a for a in check.answers if not a.slack_user_id]
    if calls:
        lines = [
            f"• {escape(a.name)} — {escape(a.email)}{' — ' + escape(a.phone) if a.phone else ''}"
            for a in calls[:30]
        ]
        shown.append(section("*Call these (not in Slack):*\n" + "\n".join(lines)))
    return shown
