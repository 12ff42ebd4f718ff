"""`slate team purge TEAM`: erase everything Slate holds about one workspace."""

from __future__ import annotations

import argparse
from typing import Any

from bot.config import Settings
from bot.store import teams
from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade


def add_commands(commands: Any) -> None:
    """Add `slate team ...` to the command line."""
    team = commands.add_parser("team", help="workspaces").add_subparsers(dest="team", required=True)
    purge = team.add_parser("purge", help="delete every row of a workspace (cannot be undone)")
    purge.add_argument("team_id", metavar="TEAM", help="the workspace's team id, T…")
    purge.set_defaults(func=cmd_team_purge)


def cmd_team_purge(settings: Settings, args: argparse.Namespace) -> int:
    """Delete the team's productions and all under them, its messages, jobs and tokens."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        removed = teams.purge(session, args.team_id)
        session.commit()
    if not removed:
        print(f"Nothing stored for team {args.team_id}.")
        return 0
    print(f"Purged team {args.team_id}:")
    for table, count in sorted(removed.items()):
        print(f"  {table}: {count} row{'s' if count != 1 else ''}")
    return 0
