"""`slate import candidates` and `slate export bookings`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot import cli_files
from bot.config import Settings
from bot.services.booking import files
from bot.services.core import productions


def _subcommands(parser: argparse.ArgumentParser) -> Any:
    """The sub-command table of `slate import` or `slate export`."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def add_commands(commands: Any) -> None:
    """Add the booking import and export to the `slate` parser (after cli_admin's)."""
    imports = _subcommands(commands.choices["import"])
    command = imports.add_parser("candidates", help="candidates: name,email,phone,... (README)")
    command.add_argument("file", type=Path)
    command.add_argument("--production", required=True, help="name or id")
    command.set_defaults(func=cmd_import_candidates)
    exports = _subcommands(commands.choices["export"])
    export = exports.add_parser("bookings", help="every booking with its deal, as CSV")
    export.add_argument("--production", required=True, help="name or id")
    export.add_argument("--as", dest="as_user", help="act as this Slack user id (a coordinator)")
    export.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
    export.set_defaults(func=cmd_export_bookings)


def cmd_import_candidates(settings: Settings, args: argparse.Namespace) -> int:
    """Import candidates; every bad row reported by line; all or nothing."""
    return cli_files.import_file(settings, args, "candidates", files.import_candidates)


def cmd_export_bookings(settings: Settings, args: argparse.Namespace) -> int:
    """Write the bookings CSV (no live formulas)."""
    with cli_files.sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        text = files.export_bookings(session, production, args.as_user)
    return cli_files.write_output(args, text)
