"""/problem, the "Report a problem" message shortcut, and /problems."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import permissions
from bot.blocks.common import reply
from bot.blocks.metadata import decode
from bot.blocks.problems import problems as blocks
from bot.handlers.forms import open_modal, read_values
from bot.services.callsheets import sheets as callsheets
from bot.services.core import productions
from bot.services.problems import problems
from bot.services.problems import reports as problem_reports
from bot.services.problems import views as problem_views


def register(app: App) -> None:
    """Listen for reports and the list."""
    app.command("/problem")(problem_command)
    app.shortcut("report_problem")(report_shortcut)
    app.view(blocks.REPORT_CALLBACK)(submit_report)
    app.command("/problems")(problems_command)


def problem_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    """Open the report form, prefilled with what was typed."""
    db = context["db"]
    production = productions.resolve(
        db, command["team_id"], command["channel_id"], command["user_id"]
    )
    permissions.require(db, production, command["user_id"], "problem.report")
    departments = [(d.id, d.name) for d in production.departments]
    open_modal(
        client,
        command["trigger_id"],
        blocks.report_modal(production.id, departments, command.get("text", ""), None, None),
    )
    ack()


def report_shortcut(ack: Ack, body: dict[str, Any], context: Any, client: WebClient) -> None:
    """Report a problem about any message: it is quoted and linked."""
    ack()
    db, message, channel = context["db"], body.get("message", {}), body["channel"]["id"]
    production = productions.resolve(db, body["team"]["id"], channel, body["user"]["id"])
    permissions.require(db, production, body["user"]["id"], "problem.report")
    link = (
        f"https://{body['team'].get('domain', 'app')}.slack.com/archives/{channel}/"
        f"p{message.get('ts', '').replace('.', '')}"
    )
    departments = [(d.id, d.name) for d in production.departments]
    open_modal(
        client,
        body["trigger_id"],
        blocks.report_modal(
            production.id, departments, "", message.get("text") or "(no text)", link
        ),
    )


def submit_report(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """File the problem."""
    answers, meta = read_values(view), decode(blocks.ReportMeta, view["private_metadata"])
    production = callsheets.production_by_id(context["db"], body["team"]["id"], meta.production_id)
    photos = answers.get("photo") or []
    form = problems.ReportForm(
        answers.get("description") or "",
        answers.get("severity") or "",
        answers.get("place"),
        answers.get("department"),
        meta.quoted,
        meta.link,
        photos[0]["id"] if photos else None,
    )
    problems.report(context["db"], production, body["user"]["id"], form, context["clock"].now())
    ack()


def problems_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """List open problems; coordinators may filter by day and department."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    heading, found = problem_reports.open_problems(
        db, production, user, command.get("text", ""), now
    )
    shown = problem_views.views(db, production, found)
    ack(**reply(f"{heading}: {len(found)}", blocks.list_blocks(shown, now, heading)))
