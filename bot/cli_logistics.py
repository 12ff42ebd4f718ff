"""`slate import travel` and `slate export catering|transport|travel|rentals`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bot import notify
from bot.clock import SystemClock
from bot.config import Settings
from bot.services.core import productions
from bot.services.logistics import exports, itinerary, travel
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade

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


def _sessions(settings: Settings) -> Any:
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return notify.install(make_session_factory(engine))


def cmd_import_travel(settings: Settings, args: argparse.Namespace) -> int:
    """Import travel; every bad row reported; all or nothing; itineraries sent."""
    text = args.file.read_text(encoding="utf-8-sig")
    with _sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        count, errors = travel.import_csv(session, production, text, SystemClock().now())
        for error in errors:
            print(f"{args.file}:{error.line}: {error.reason}", file=sys.stderr)
        if errors:
            print(f"Nothing imported: fix the {len(errors)} rows above.", file=sys.stderr)
            return 2
        session.commit()
    print(f"Imported travel: {count} rows.")
    return 0


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    """Write a logistics CSV."""
    with _sessions(settings)() as session:
        production = productions.find_by_name(session, args.production)
        text = EXPORTS[args.kind][0](session, production)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
