"""/slate help and the production picker: what each person may do, by role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.blocks.common import Block, context, divider, option, section
from bot.blocks.escape import escape
from bot.blocks.metadata import Meta, encode

if TYPE_CHECKING:  # only annotations: importing it pulls in most services
    from bot.services.core.home import HelpView

OPTION_VALUE_LIMIT = 150  # Slack's limit on a select option's value


@dataclass(frozen=True)
class PickMeta(Meta):
    """The production picker's option value: which production was picked."""

    KIND = "pick"
    production_id: int


ROLE_NAMES = {"coordinator": "coordinator", "pa": "PA", "crew": "crew", "cast": "cast"}
NOBODY = (
    "Slate runs your production's call sheets, expenses and problems in Slack. "
    "You're not on a production's crew list yet — ask your coordinator to add you."
)


def help_blocks(view: HelpView) -> list[Block]:
    """The help message: exactly the commands the permission table lets this person use."""
    if view.production is None or view.role is None:
        intro = NOBODY
    else:
        intro = f"You're *{ROLE_NAMES.get(view.role, 'crew')}* on *{escape(view.production)}*."
    lines = "\n".join(f"`{escape(usage)}` — {escape(does)}" for usage, does in view.commands)
    return [section(intro), section(lines), context("Slate · type `/slate help` any time")]


def help_text(view: HelpView) -> str:
    """The same help as plain text, for notifications."""
    return "Slate — " + ", ".join(escape(usage) for usage, _ in view.commands)


def production_picker(options: list[tuple[int, str]], message: str) -> list[Block]:
    """Ask which production a person means."""
    return [
        section(escape(message)),
        {
            "type": "actions",
            "block_id": "choose_production",
            "elements": [
                {
                    "type": "static_select",
                    "action_id": "slate_choose_production",
                    "placeholder": {"type": "plain_text", "text": "Production"},
                    "options": [
                        option(name, encode(PickMeta(pid), OPTION_VALUE_LIMIT))
                        for pid, name in options[:100]
                    ],
                }
            ],
        },
    ]


def chosen(production: str) -> list[Block]:
    """Confirmation that a production is now the person's current one."""
    return [section(f"Now using *{escape(production)}*. Run your command again."), divider()]
