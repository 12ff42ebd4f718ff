"""`slate production ...` and `slate import crew`: a coordinator's command-line tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select

from bot import cli_files, cli_logistics
from bot.blocks.wrap.daily_report import report_file
from bot.clock import SystemClock
from bot.config import Settings
from bot.services.callsheets import calendar, schedule_import, shoot_days
from bot.services.core import crew, productions
from bot.services.money import budget, expense_reports, payroll
from bot.services.onboarding import status as onboarding
from bot.services.problems import reports as problem_reports
from bot.services.tasks import broadcasts
from bot.services.tasks import reports as task_reports
from bot.services.wrap import daily_report, gear
from bot.store.models import Production


def add_commands(commands: Any) -> None:
    """Add the production and import subcommands to the `slate` parser."""
    production = commands.add_parser("production", help="create and list productions")
    sub = production.add_subparsers(dest="production", required=True)
    create = sub.add_parser("create", help="create a production")
    create.add_argument("--name", required=True)
    create.add_argument("--timezone", required=True, help="e.g. America/Los_Angeles")
    create.add_argument("--currency", default="USD")
    create.add_argument("--team", help="Slack team id (default: asked of Slack with the token)")
    create.add_argument("--crew-channel")
    create.add_argument("--coordinators-channel")
    create.add_argument("--problems-channel")
    create.add_argument("--coordinator", help="Slack user id of the first coordinator")
    create.set_defaults(func=cmd_production_create)
    sub.add_parser("list", help="list productions").set_defaults(func=cmd_production_list)
    imports = commands.add_parser("import", help="import files").add_subparsers(
        dest="kind", required=True
    )
    _importer(imports, "crew", "a crew list CSV (README: CSV formats)", cmd_import_crew, True)
    _importer(imports, "schedule", "shoot days, CSV or YAML (README)", cmd_import_schedule, True)
    _importer(imports, "budget", "budget lines: code,name,amount", cmd_import_rows)
    _importer(
        imports,
        "contracts",
        "contractors: name,day_rate,w9,deal_memo,nda,start_paperwork",
        cmd_import_rows,
    )
    _importer(imports, "gear", "gear: name,asset_tag,rental_house,return_due", cmd_import_rows)
    exports = commands.add_parser("export", help="export files").add_subparsers(
        dest="kind", required=True
    )
    ical_cmd = exports.add_parser("ical", help="a person's calls as an .ics calendar file")
    ical_cmd.add_argument("--production", required=True, help="name or id")
    ical_cmd.add_argument("--person", required=True, help="name as on the crew list")
    ical_cmd.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
    ical_cmd.set_defaults(func=cmd_export_ical)
    dpr_cmd = exports.add_parser("dpr", help="a day's production report, CSV or PDF")
    dpr_cmd.add_argument("--production", required=True, help="name or id")
    dpr_cmd.add_argument("--day", required=True, help="YYYY-MM-DD")
    dpr_cmd.add_argument("--pdf", action="store_true", help="a PDF instead of CSV")
    dpr_cmd.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
    dpr_cmd.set_defaults(func=cmd_export_dpr)
    for kind, what in (
        ("expenses", "every expense, for accounting"),
        ("payroll", "days times rate per contractor, with 1099-NEC and W-9 flags"),
        ("problems", "every problem and its history"),
        ("tasks", "every PA assignment and its history"),
        ("broadcasts", "every broadcast, recipient and acknowledgment"),
        ("onboarding", "start paperwork status per person (never documents or contacts)"),
    ):
        export = exports.add_parser(kind, help=f"{what}, as CSV")
        export.add_argument("--production", required=True, help="name or id")
        export.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
        export.set_defaults(func=cmd_export_csv)
    cli_logistics.add_commands(imports, exports)


def _importer(imports: Any, kind: str, what: str, func: Any, skippable: bool = False) -> None:
    """`slate import KIND FILE --production P [--skip-bad-rows]`."""
    command = imports.add_parser(kind, help=f"import {what}")
    command.add_argument("file", type=Path)
    command.add_argument("--production", required=True, help="name or id")
    if skippable:
        command.add_argument(
            "--skip-bad-rows",
            action="store_true",
            help="import the good rows of a file that has bad ones",
        )
    command.set_defaults(func=func)


_sessions = cli_files.sessions


def _client(settings: Settings) -> WebClient | None:
    if not settings.slack_bot_token:
        return None
    return WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)


def cmd_production_create(settings: Settings, args: argparse.Namespace) -> int:
    """Create a production from the command line."""
    client = _client(settings)
    team = args.team or (client.auth_test()["team_id"] if client else None)
    if not team:
        print("Pass --team T…, or set SLACK_BOT_TOKEN so Slate can ask Slack.", file=sys.stderr)
        return 2
    form = productions.ProductionForm(
        args.name,
        args.timezone,
        args.currency,
        args.crew_channel,
        args.coordinators_channel,
        args.problems_channel,
    )
    with _sessions(settings)() as session:
        production = productions.create_production(
            session,
            team,
            form,
            now=SystemClock().now(),
            creator_id=args.coordinator,
            creator_name="coordinator",
        )
        session.commit()
        print(f"Created production {production.id}: {production.name} ({production.timezone})")
    return 0


def cmd_production_list(settings: Settings, _: argparse.Namespace) -> int:
    """List productions."""
    with _sessions(settings)() as session:
        for p in session.scalars(select(Production).order_by(Production.id)):
            print(f"{p.id}\t{p.name}\t{p.timezone}\t{p.currency}\tteam {p.team_id}")
    return 0


def cmd_import_crew(settings: Settings, args: argparse.Namespace) -> int:
    """Import a crew CSV, reporting every bad row; all or nothing unless --skip-bad-rows."""
    client = _client(settings)

    def lookup(email: str) -> str | None:
        if client is None:
            return None
        try:
            return client.users_lookupByEmail(email=email)["user"]["id"]
        except SlackApiError:
            return None

    def progress(done: int, total: int) -> None:
        print(f"\r  {done}/{total} rows", end="" if done < total else "\n", file=sys.stderr)

    text = args.file.read_text(encoding="utf-8-sig")
    with _sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        report = crew.import_crew(
            session,
            production,
            text,
            lookup=lookup,
            skip_bad_rows=args.skip_bad_rows,
            progress=progress,
        )
        for error in report.errors:
            print(f"{args.file}:{error.line}: {error.reason}", file=sys.stderr)
        if not report.imported:
            print(
                f"Nothing imported: fix the {len(report.errors)} rows above, "
                "or pass --skip-bad-rows to import the others.",
                file=sys.stderr,
            )
            return 2
        session.commit()
    for line in report.unmatched:
        print(f"not found in Slack (they won't get DMs until matched): {line}", file=sys.stderr)
    print(
        f"Imported crew: {report.created} added, {report.updated} updated, "
        f"{len(report.errors)} bad rows skipped."
    )
    return 0


def cmd_import_schedule(settings: Settings, args: argparse.Namespace) -> int:
    """Import a schedule, reporting every bad day by line; all or nothing by default."""
    text = args.file.read_text(encoding="utf-8-sig")
    with _sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        report = schedule_import.import_schedule(
            session,
            production,
            text,
            args.file.name,
            now=SystemClock().now(),
            skip_bad_rows=args.skip_bad_rows,
        )
        for error in report.errors:
            print(f"{args.file}:{error.line}: {error.reason}", file=sys.stderr)
        if not report.imported:
            session.rollback()
            print(
                f"Nothing imported: fix the {len(report.errors)} days above, "
                "or pass --skip-bad-rows to import the others.",
                file=sys.stderr,
            )
            return 2
        session.commit()
    print(
        f"Imported schedule: {report.saved} shoot days saved, "
        f"{len(report.errors)} bad days skipped."
    )
    return 0


def cmd_export_ical(settings: Settings, args: argparse.Namespace) -> int:
    """Write a person's published calls as iCalendar."""
    with _sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        person = shoot_days.find_person(session, production, args.person)
        data = calendar.ical(session, person)
    if args.output:
        args.output.write_bytes(data)
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(data.decode())
    return 0


CSV_EXPORTS = {
    "payroll": lambda session, prod: payroll.export_csv(session, prod, SystemClock().now()),
    "onboarding": onboarding.export_csv,
    "expenses": expense_reports.export_csv,
    "problems": problem_reports.export_csv,
    "tasks": task_reports.export_csv,
    "broadcasts": broadcasts.export_csv,
}


def cmd_export_csv(settings: Settings, args: argparse.Namespace) -> int:
    """Write problems, tasks or broadcasts of a production as CSV (README: exports)."""
    with _sessions(settings)() as session:
        text = CSV_EXPORTS[args.kind](session, productions.find_by_name(session, args.production))
    return cli_files.write_output(args, text)


ROW_IMPORTS = {
    "budget": budget.import_csv,
    "contracts": payroll.import_csv,
    "gear": gear.import_csv,
}


def cmd_import_rows(settings: Settings, args: argparse.Namespace) -> int:
    """Import budget lines, contracts or gear; every bad row reported; all or nothing."""
    return cli_files.import_file(settings, args, args.kind, ROW_IMPORTS[args.kind])


def cmd_export_dpr(settings: Settings, args: argparse.Namespace) -> int:
    """Write a day's production report as CSV or PDF."""
    with _sessions(settings)() as session:
        view = daily_report.on_day(
            session, productions.find_by_name(session, args.production), args.day
        )
        data = report_file(view, args.pdf)
        session.commit()
    if args.output:
        args.output.write_bytes(data)
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0
