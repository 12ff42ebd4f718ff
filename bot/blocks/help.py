"""/slate help and the App Home tab: what each person may do, by role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.blocks.callsheets.calltime import answer_text
from bot.blocks.common import Block, clock, context, day_title, divider, header, option, section
from bot.blocks.escape import escape, truncate
from bot.services.core.home import HomeSummary

EVERYONE = ("coordinator", "pa", "crew", "cast", None)
COORDINATORS = ("coordinator",)


@dataclass(frozen=True)
class CommandHelp:
    """One line of help: a command, what it does, and who may use it."""

    usage: str
    does: str
    roles: tuple[str | None, ...] = EVERYONE


COMMANDS = (
    CommandHelp("/slate help", "what you can do with Slate"),
    CommandHelp("/slate use", "switch production, if you're on more than one"),
    CommandHelp(
        "/slate setup", "create or edit the production: name, time zone, channels", COORDINATORS
    ),
    CommandHelp("/slate setup new", "start another production in this workspace", EVERYONE),
    CommandHelp("/calltime", "your next call; or `/calltime fri`, `@person`, `grip`"),
    CommandHelp(
        "/problem [what happened]",
        "report a problem on set (or use the message shortcut “Report a problem”)",
    ),
    CommandHelp("/problems", "what's open; coordinators: `/problems today grip`"),
    CommandHelp("/expense 42.50 gaffer tape at B&H #g&e", "log an expense (or the form)"),
    CommandHelp("/pettycash", "what's in your petty cash envelope"),
    CommandHelp("/budget", "budget against actuals, with a chart", COORDINATORS),
    CommandHelp("/expense export [from] [to]", "expenses CSV for accounting", COORDINATORS),
    CommandHelp("/tasks", "your open tasks (coordinators: everyone's)"),
    CommandHelp("/assign @pat what by when", "give PAs or a department a task", COORDINATORS),
    CommandHelp("/broadcast", "message channels, departments, roles or a day's crew", COORDINATORS),
    CommandHelp(
        "/schedulechange day what changed", "announce a change and send the revision", COORDINATORS
    ),
    CommandHelp("/gear out <item> [to @person]", "check gear out; `/gear in <item>`, `/gear`"),
    CommandHelp("/wrap [time]", "record wrap; everyone gets their loose ends", COORDINATORS),
    CommandHelp("/documents [add]", "permits, insurance and agreements", COORDINATORS),
    CommandHelp("/payroll", "contractors: days \u00d7 rate, 1099-NEC, W-9", COORDINATORS),
    CommandHelp("/meal start|end [department]", "the meal clock (and the AD)", COORDINATORS),
    CommandHelp("/callsheet [day]", "edit a shoot day's call sheet", COORDINATORS),
    CommandHelp(
        "/callsheet publish [day]", "send the call sheet, or its next revision", COORDINATORS
    ),
)

ROLE_NAMES = {"coordinator": "coordinator", "pa": "PA", "crew": "crew", "cast": "cast"}


def commands_for(role: str | None) -> list[CommandHelp]:
    """The commands a person with `role` may use."""
    return [c for c in COMMANDS if role in c.roles]


def help_blocks(production: str | None, role: str | None) -> list[Block]:
    """The help message for a person (role None: not on any crew list)."""
    if production is None:
        intro = (
            "Slate runs your production's call sheets, expenses and problems in Slack. "
            "You're not on a production's crew list yet — ask your coordinator to add you."
        )
    else:
        intro = f"You're *{ROLE_NAMES.get(role or '', 'crew')}* on *{escape(production)}*."
    lines = "\n".join(f"`{escape(c.usage)}` — {escape(c.does)}" for c in commands_for(role))
    return [section(intro), section(lines), context("Slate · type `/slate help` any time")]


def help_text(production: str | None, role: str | None) -> str:
    """The same help as plain text, for notifications."""
    return "Slate — " + ", ".join(escape(c.usage) for c in commands_for(role))


def home_view(
    production: str | None, role: str | None, summary: HomeSummary | None = None
) -> dict[str, Any]:
    """The App Home tab: next call, days ahead, tallies (coordinators), then help."""
    title = production or "Slate"
    blocks: list[Block] = [header(title)]
    if summary is not None:
        blocks += _summary_blocks(summary)
    return {"type": "home", "blocks": [*blocks, divider(), *help_blocks(production, role)]}


def _summary_blocks(summary: HomeSummary) -> list[Block]:
    tz = summary.production.timezone
    blocks: list[Block] = []
    if summary.next_call is not None:
        blocks.append(section("*Your next call*\n" + escape(answer_text(summary.next_call))))
    if summary.upcoming:
        lines = [
            f"{day_title(on)} — call {clock(call, tz) if call else 'not out yet'}"
            + (f" — {escape(place)}" if place else "")
            for on, call, place in summary.upcoming
        ]
        blocks.append(section("*Coming up*\n" + "\n".join(lines)))
    if summary.tasks:
        lines = "\n".join(f"• {escape(truncate(line, 150))}" for line in summary.tasks)
        blocks.append(section("*Open tasks*\n" + lines))
    for title, lines in (
        ("Your expenses", summary.expenses),
        ("Waiting for approval", summary.approvals),
        ("Budget", summary.budget),
    ):
        if lines:
            shown = "\n".join(f"• {escape(truncate(line, 150))}" for line in lines[:20])
            blocks.append(section(f"*{title}*\n{shown}"))
    if summary.petty_cash:
        blocks.append(section(f"*Petty cash:* {escape(summary.petty_cash)}"))
    if summary.tallies:
        lines = [
            f"{day_title(t.date)}: {t.confirmed}/{t.total} confirmed (revision {t.revision})"
            for t in summary.tallies
        ]
        blocks.append(section("*Confirmations*\n" + "\n".join(lines)))
    return blocks


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
                    "options": [option(name, str(pid)) for pid, name in options[:100]],
                }
            ],
        },
    ]


def chosen(production: str) -> list[Block]:
    """Confirmation that a production is now the person's current one."""
    return [section(f"Now using *{escape(production)}*. Run your command again."), divider()]
