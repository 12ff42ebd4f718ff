"""/wrap and /gear."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.blocks.common import clock, day_title, reply
from bot.blocks.escape import escape
from bot.services.core import productions
from bot.services.problems.alerts import names
from bot.services.wrap import gear, wrap


def register(app: App) -> None:
    """Listen for /wrap and /gear."""
    app.command("/wrap")(wrap_command)
    app.command("/gear")(gear_command)


def wrap_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Record wrap (coordinators), or set a reminder for the planned wrap."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    text = command.get("text", "").strip()
    if text.lower().startswith("remind"):
        when = wrap.remind(db, production, user, text[6:], now)
        return ack(**reply(f"I'll remind you at {clock(when, production.timezone)}."))
    done = wrap.record(db, production, user, text, now)
    verb = "Corrected wrap" if done.corrected else "Wrapped"
    ack(
        **reply(
            f"{verb} {day_title(done.day.date)} at "
            f"{clock(done.day.wrap_at, production.timezone)}. "
            + ("" if done.corrected else f"{done.told} people got their loose ends.")
        )
    )


def gear_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """`/gear out <item> [to @person]`, `/gear in <item>`, `/gear` (what is out)."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    verb, _, rest = command.get("text", "").strip().partition(" ")
    who = names(db, production)
    if verb.lower() == "out":
        item = gear.check_out(db, production, user, rest, now)
        return ack(
            **reply(f"{gear.describe(item)} is out to {escape(who.get(item.holder or '', 'you'))}.")
        )
    if verb.lower() == "in":
        item = gear.check_in(db, production, user, rest, now)
        return ack(**reply(f"{gear.describe(item)} is back in."))
    lines = [
        f"• {gear.describe(i)} — {escape(who.get(i.holder or '', 'someone'))}, since "
        f"{clock(i.out_since, production.timezone)} {day_title(i.out_since.date())}"
        for i in gear.out(db, production)
        if i.out_since
    ]
    ack(
        **reply(
            "Gear out: " + str(len(lines)),
            None
            if not lines
            else [
                {
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": "*Gear out*\n" + "\n".join(lines)[:2900]},
                }
            ],
        )
    )
