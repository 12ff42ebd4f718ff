"""What every `slate import` and `slate export` shares: the session, all-or-nothing imports
reported by line, and writing to a file or standard output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from bot import notify
from bot.config import Settings
from bot.services.core import productions
from bot.store import teams
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade
from bot.store.models import Production

Reader = Callable[[Session, Production, str], tuple[int, list[Any]]]


def sessions(settings: Settings) -> Any:
    """Sessions on the migrated database, with notifications and team stamping installed."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    return teams.install(notify.install(make_session_factory(engine)))


def import_file(settings: Settings, args: argparse.Namespace, what: str, read: Reader) -> int:
    """Import `args.file` into `args.production` all or nothing, every bad row by its line."""
    text = args.file.read_text(encoding="utf-8-sig")
    with sessions(settings)() as session:
        count, errors = read(session, productions.find_by_name(session, args.production), text)
        for error in errors:
            print(f"{args.file}:{error.line}: {error.reason}", file=sys.stderr)
        if errors:
            print(f"Nothing imported: fix the {len(errors)} rows above.", file=sys.stderr)
            return 2
        session.commit()
    print(f"Imported {what}: {count} rows.")
    return 0


def write_output(args: argparse.Namespace, text: str) -> int:
    """Write an export to `args.output`, or to standard output when none is given."""
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
