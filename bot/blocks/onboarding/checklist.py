"""The checklist DM, the coordinators' views and the forms of start paperwork."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.blocks.common import (
    Block,
    actions,
    button,
    context,
    input_block,
    option,
    plain,
    section,
)
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.services.onboarding.status import ChecklistView, ItemView

FILL, VERIFY, GET_FILE = "onboarding_fill", "onboarding_verify", "onboarding_file"
FORM_CALLBACK = "onboarding_form"
MAX_LIST = 40  # people per /onboarding answer; the CSV export has everyone
ICON = {
    "open": ":white_circle:",
    "fetching": ":hourglass_flowing_sand: fetching your file",
    "received": ":large_yellow_circle: received, waiting for a coordinator to verify",
    "verified": ":white_check_mark: verified",
    "done": ":white_check_mark:",
}
DIET_LABELS = {
    "none": "No restrictions",
    "vegetarian": "Vegetarian",
    "vegan": "Vegan",
    "pescatarian": "Pescatarian",
}


@dataclass(frozen=True)
class ItemMeta(Meta):
    """A checklist form: which line."""

    KIND = "onboarding_item"
    item_id: int


def light(view: ChecklistView) -> str:
    """Red or green."""
    return ":large_green_circle:" if view.green else ":red_circle:"


def _line(item: ItemView) -> str:
    detail = f"\n{escape(truncate(item.detail, 300))}" if item.detail else ""
    return f"{ICON[item.status]} *{item.label}*{detail}"


def _with_button(text: str, element: dict[str, Any] | None) -> Block:
    block = section(text)
    if element is not None:
        block["accessory"] = element
    return block


def person_blocks(view: ChecklistView) -> list[Block]:
    """The person's own checklist: Fill in / Upload on each open line."""
    day = f" before your first day, {view.first_day:%a %b %-d}" if view.first_day else ""
    blocks = [section(f"{light(view)} *Your start paperwork*{day}")]
    for item in view.items:
        wanted = item.status in ("open", "received") if item.is_file else item.status == "open"
        name = ("Upload" if item.is_file else "Fill in") if wanted else None
        if item.is_file and item.status == "received":
            name = "Replace"
        blocks.append(_with_button(_line(item), button(name, FILL, str(item.id)) if name else None))
    blocks += _private(view)
    blocks.append(
        context(
            "Send a document here in our DM with its name in the message (like “W-9”), or use "
            "Upload. Files stay with Slate and the coordinators; they are never posted."
        )
    )
    return blocks


def coordinator_blocks(view: ChecklistView) -> list[Block]:
    """A person's checklist for a coordinator: Verify on each received document."""
    kind = f"{view.kind}, first day {view.first_day:%a %b %-d}" if view.first_day else view.kind
    blocks = [section(f"{light(view)} *{escape(view.person)}* ({kind})")]
    for item in view.items:
        blocks.append(_with_button(_line(item), _coordinator_button(item)))
    return blocks + _private(view)


def _coordinator_button(item: ItemView) -> dict[str, Any] | None:
    """Verify a received document; a verified one can be sent to you to look at again."""
    if not item.is_file or item.status not in ("received", "verified"):
        return None
    if item.status == "received":
        return button("Verify", VERIFY, str(item.id), "primary")
    return button("Send me the file", GET_FILE, str(item.id))


def _private(view: ChecklistView) -> list[Block]:
    lines = []
    if view.emergency:
        lines.append(f"*Emergency contact:* {escape(truncate(view.emergency, 300))}")
    if view.profile:
        lines.append(f"*Diet and sizes:* {escape(truncate(view.profile, 600))}")
    return [section("\n".join(lines))] if lines else []


def status_list(views: list[ChecklistView]) -> tuple[str, list[Block]]:
    """Coordinators' /onboarding: everyone red or green, and what each is missing."""
    red = sum(1 for v in views if not v.green)
    lines = [
        f"{light(v)} {escape(truncate(v.person, 80))}"
        + (f" — {escape(', '.join(v.open_labels))}" if not v.green else "")
        for v in views[:MAX_LIST]
    ]
    if len(views) > MAX_LIST:
        lines.append(f"…and {len(views) - MAX_LIST} more: `slate export onboarding`.")
    text = f"Start paperwork: {len(views) - red} onboarded, {red} not yet"
    body = "\n".join(lines) or "Nobody's paperwork is started: `/onboarding start @person`."
    return text, [section(f"*{text}*\n{truncate(body, 2800)}"), _usage()]


def _usage() -> Block:
    return context(
        "`/onboarding @person` for one checklist (with Verify) · "
        "`/onboarding start @person [employee|contractor|cast] [first day]` · "
        "`/onboarding packet` to see or change what each kind of worker hands in"
    )


def packets_text(packets: dict[str, tuple[str, ...]], labels: dict[str, str]) -> str:
    """Every kind's packet, one line each."""
    lines = [
        f"*{kind}:* " + ", ".join(f"{labels[i]} (`{i}`)" for i in items)
        for kind, items in packets.items()
    ]
    return "\n".join(lines) + "\nChange one: `/onboarding packet contractor deal_memo w9 nda`."


def received_blocks(person: str, item: ItemView) -> list[Block]:
    """To each coordinator: a document came in, with Verify until someone verifies it."""
    text = f"*{escape(person)}* sent their {item.label}.\n{escape(item.detail)}"
    shown = [section(text)]
    buttons = [button("Send me the file", GET_FILE, str(item.id))]
    if item.status == "received":
        buttons.insert(0, button("Verify", VERIFY, str(item.id), "primary"))
    return [*shown, actions(f"onbitem{item.id}", *buttons)]


def _text(block_id: str, label: str, optional: bool = False, hint: str | None = None) -> Block:
    return input_block(block_id, label, {"type": "plain_text_input"}, optional, hint)


def form_modal(item: ItemView) -> dict[str, Any]:
    """The form for one line: a file, the emergency contact, dietary needs or sizes."""
    body = {
        "emergency": [
            _text("name", "Who should we call?"),
            _text("phone", "Their phone"),
            _text("relation", "Who they are to you", True, "Like “sister” or “partner”."),
        ],
        "dietary": [
            input_block(
                "diet",
                "Diet",
                {
                    "type": "static_select",
                    "options": [option(label, key) for key, label in DIET_LABELS.items()],
                    "initial_option": option(DIET_LABELS["none"], "none"),
                },
            ),
            input_block(
                "gluten_free",
                "Gluten",
                {"type": "checkboxes", "options": [option("Gluten-free", "gluten_free")]},
                True,
            ),
            _text("allergies", "Allergies", True, "Catering sees these; say how serious."),
        ],
        "sizes": [_text("sizes", "Your sizes", hint="Like “shirt M, pants 32x32, shoe 10”.")],
    }.get(item.key) or [
        input_block("file", f"Your {item.label}", {"type": "file_input", "max_files": 1})
    ]
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "private_metadata": encode(ItemMeta(item.id)),
        "title": plain(truncate(item.label, 24), 24),
        "submit": plain("Send", 24),
        "blocks": body,
    }
