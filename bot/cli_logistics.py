"""`slate import travel` and `slate export catering|transport|travel|rentals`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot import cli_files
from bot.clock import SystemClock
from bot.config import Settings
from bot.services.core import productions
from bot.services.logistics import exports, itinerary, travel

EXPORTS = {
    "catering": (exports.catering_csv, "each published day's meals and dietary counts"),
    "transport": (exports.transport_csv, "every pickup, driver and status"),
    "travel": (itinerary.export_csv, "every flight, train, hotel and per diem (import format)"),
    "rentals": (exports.rentals_csv, "every rental PO, committed or actual, with its COI"),
}


def add_commands(imports: Any, exports_: Any) -> None:
    """Add the logistics import and exports to `slate import` and `slate export`."""
    command = imports.add_parser("travel", help="import travel (README: CSV formats)")
    command.add_argument("file", type=Path)
    command.add_argument("--production", required=True, help="name or id")
    command.set_defaults(func=cmd_import_travel)
    for kind, (_, what) in EXPORTS.items():
        export = exports_.add_parser(kind, help=f"{what}, as CSV")
        export.add_argument("--production", required=True, help="name or id")
        export.add_argument("-o", "--output", type=Path, help="file (default: standard output)")
        export.set_defaults(func=cmd_export)


def cmd_import_travel(settings: Settings, args: argparse.Namespace) -> int:
    """Import travel; every bad row reported; all or nothing; itineraries sent."""
    now = SystemClock().now()
    return cli_files.import_file(
        settings, args, "travel", lambda s, p, text: travel.import_csv(s, p, text, now)
    )


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    """Write a logistics CSV."""
    with cli_files.sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        text = EXPORTS[args.kind][0](session, production)
    return cli_files.write_output(args, text)
