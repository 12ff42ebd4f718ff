"""Catering: the coordinator's count, the caterer's order and revisions, the dietary form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.blocks.common import Block, actions, button, clock, context, day_title, header, section
from bot.blocks.common import input_block as field
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import Meta, encode
from bot.services.logistics.counts import CateringCount

DIET_CALLBACK = "diet_save"
DIET_OPEN = "diet_open"
DIET_LABELS = {
    "none": "No restrictions",
    "vegetarian": "Vegetarian",
    "vegan": "Vegan",
    "pescatarian": "Pescatarian",
}
MAX_ALLERGIES = 40  # named lines; the rest are counted


@dataclass(frozen=True)
class DietMeta(Meta):
    """The dietary form: which production it saves to."""

    KIND = "diet"
    production_id: int


def _meal_lines(c: CateringCount) -> list[str]:
    return [
        f"• *{m.meal}* — {m.count} — "
        + (clock(m.at, c.tz, c.date) if m.at else "all day")
        + (" (walking, before call)" if m.meal == "Breakfast" else "")
        for m in c.meals
    ]


def _diet_lines(c: CateringCount) -> list[str]:
    lines = [f"{n} {kind}" for kind, n in c.diets] or ["no special diets"]
    text = "Dietary: " + ", ".join(lines)
    named = [f"• {escape(truncate(n, 80))}: {escape(truncate(a, 200))}" for n, a in c.allergies]
    if len(named) > MAX_ALLERGIES:
        named = [*named[:MAX_ALLERGIES], f"• and {len(named) - MAX_ALLERGIES} more"]
    return [text, *(["*Allergies*", *named] if named else [])]


def count_blocks(c: CateringCount, title: str) -> list[Block]:
    """The count: headcount by kind, meals with times, dietary counts, allergies by name."""
    who = f"{c.crew} crew · {c.cast} cast · {c.background} background · {c.visitors} visitors"
    return [
        header(truncate(title, 150)),
        section(f"*{c.total} people* ({who})\n" + "\n".join(_meal_lines(c))),
        section("\n".join(_diet_lines(c))),
        context(f"{escape(c.production)} · from call sheet revision {c.revision}"),
    ]


def count_reply(c: CateringCount) -> tuple[str, list[Block]]:
    """/catering [day]."""
    text = f"Catering {day_title(c.date)}: {c.total} people"
    return text, count_blocks(c, text)


def _changes(c: CateringCount, before: CateringCount) -> list[str]:
    lines = []
    if c.total != before.total:
        lines.append(f"Headcount {before.total} → {c.total}")
    old = {m.meal: m.at for m in before.meals}
    for meal in c.meals:
        if meal.meal in old and old[meal.meal] != meal.at and meal.at:
            was = clock(old[meal.meal], c.tz, c.date) if old[meal.meal] else "—"
            lines.append(f"{meal.meal} {was} → {clock(meal.at, c.tz, c.date)}")
        elif meal.meal not in old:
            lines.append(f"{meal.meal} added")
    lines += [f"{m} dropped" for m in old if m not in {x.meal for x in c.meals}]
    if c.allergies != before.allergies:
        lines.append("Allergies changed")
    return lines


def order_message(
    c: CateringCount, version: int, before: CateringCount | None, forward_to: str | None
) -> tuple[str, list[Block]]:
    """The caterer's order (version 1) or a revision, saying what changed."""
    kind = "Catering order" if version == 1 else f"REVISED catering order (v{version})"
    text = f"{kind}: {escape(c.production)}, {day_title(c.date)} — {c.total} people"
    blocks = count_blocks(c, f"{kind} — {day_title(c.date)}")
    if before is not None:
        blocks.insert(1, section("*Changed:* " + "; ".join(_changes(c, before) or ["details"])))
    if forward_to:
        blocks.insert(1, context(f"For the caterer, {escape(forward_to)}: please forward it."))
    return text, blocks


def diet_button() -> Block:
    """The App Home button that opens the form."""
    return actions("diet", button("Update my dietary needs", DIET_OPEN))


def diet_modal(production_id: int, diet: str, gluten_free: bool, allergies: str) -> dict[str, Any]:
    """Diet, gluten-free and allergies, filled with what the person said before."""
    options = [
        {"text": {"type": "plain_text", "text": label}, "value": key}
        for key, label in DIET_LABELS.items()
    ]
    chosen = next(o for o in options if o["value"] == diet)
    gluten = {"text": {"type": "plain_text", "text": "Gluten-free"}, "value": "yes"}
    checks: dict[str, Any] = {"type": "checkboxes", "options": [gluten]}
    if gluten_free:
        checks["initial_options"] = [gluten]
    allergy: dict[str, Any] = {"type": "plain_text_input", "max_length": 300}
    if allergies:
        allergy["initial_value"] = allergies
    return {
        "type": "modal",
        "callback_id": DIET_CALLBACK,
        "private_metadata": encode(DietMeta(production_id)),
        "title": {"type": "plain_text", "text": "Dietary needs"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            field(
                "diet",
                "Diet",
                {"type": "static_select", "options": options, "initial_option": chosen},
            ),
            field("gluten_free", "Gluten", checks, True),
            field("allergies", "Allergies (the caterer sees your name)", allergy, True),
        ],
    }


def setup_text(user: str | None, name: str | None, send_at: str, threshold: int) -> str:
    """What /catering caterer|send|threshold saved."""
    who = f"<@{user}>" if user else escape(name) if name else "nobody yet"
    return (
        f"Caterer: {who}. The order goes at {send_at} the evening before; a revision when "
        f"the headcount changes by more than {threshold}, a meal moves or allergies change."
    )
