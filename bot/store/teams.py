"""What belongs to a team: stamping rows with their workspace, parking and purging them.

Most rows belong to a production, which carries `team_id` (and `enterprise_id` for an
Enterprise Grid org-wide install). Rows not reached through a production carry `team_id`
themselves: outbox rows, scheduled jobs, request receipts, user contexts and Slack
installations. A session learns its team from `set_team` (a request, a job, the CLI); rows it
adds are stamped at flush.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, delete, event, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.store.models import (
    SLACK_BOTS,
    SLACK_INSTALLATIONS,
    OutboxMessage,
    Production,
    RequestReceipt,
    ScheduledJob,
)
from bot.store.schema import Base

TEAM, ENTERPRISE = "slate_team", "slate_enterprise"
PARKED = "parked"  # outbox rows and jobs of an uninstalled team: never sent, never run
_STAMPED = (OutboxMessage, ScheduledJob, RequestReceipt)


def set_team(session: Session, team_id: str | None, enterprise_id: str | None = None) -> None:
    """Rows this session adds belong to `team_id`."""
    session.info[TEAM], session.info[ENTERPRISE] = team_id, enterprise_id


def team_of(session: Session) -> str | None:
    """The team this session works for, if known."""
    return session.info.get(TEAM)


def install(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """Stamp new rows with their session's team (and a new production with its enterprise)."""

    @event.listens_for(factory, "before_flush")
    def _stamp(session: Session, _context: Any, _instances: Any) -> None:
        team = session.info.get(TEAM) or _only_team(session)
        for row in session.new:
            if isinstance(row, _STAMPED) and row.team_id is None:
                row.team_id = team
            elif isinstance(row, Production) and row.enterprise_id is None:
                row.enterprise_id = session.info.get(ENTERPRISE)

    return factory


def _only_team(session: Session) -> str | None:
    # The CLI and some jobs name no team: the team of the one production they work on.
    teams = {p.team_id for p in session.identity_map.values() if isinstance(p, Production)}
    teams |= {p.team_id for p in session.new if isinstance(p, Production)}
    return teams.pop() if len(teams) == 1 else None


def park(session: Session, team_id: str) -> dict[str, int]:
    """Stop all sending and all jobs of `team_id` at once: pending rows are parked."""
    counts = {}
    for model in (OutboxMessage, ScheduledJob):
        result: Any = session.execute(
            update(model)
            .where(model.team_id == team_id, model.status == "pending")
            .values(status=PARKED, claimed_by=None, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        counts[model.__tablename__] = int(result.rowcount or 0)
    return counts


def delete_tokens(session: Session, team_id: str) -> int:
    """Delete the team's installations and bot tokens (in this transaction); how many rows."""
    deleted = 0
    for table in (SLACK_BOTS, SLACK_INSTALLATIONS):
        result: Any = session.execute(delete(table).where(table.c.team_id == team_id))
        deleted += int(result.rowcount or 0)
    return deleted


def unpark_jobs(session: Session, team_id: str) -> int:
    """The team installed Slate again: its jobs run again (parked messages stay unsent)."""
    result: Any = session.execute(
        update(ScheduledJob)
        .where(ScheduledJob.team_id == team_id, ScheduledJob.status == PARKED)
        .values(status="pending")
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def purge(session: Session, team_id: str) -> dict[str, int]:
    """Delete every row of `team_id` in every table; how many rows each table lost."""
    owned: dict[str, ColumnElement[bool] | None] = {}
    removed: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):  # children before their parents
        where = _owned(table, team_id, owned)
        if where is None:
            continue
        result: Any = session.execute(delete(table).where(where))
        if result.rowcount:
            removed[table.name] = int(result.rowcount)
    return removed


def _owned(
    table: Table, team_id: str, memo: dict[str, ColumnElement[bool] | None]
) -> ColumnElement[bool] | None:
    """Which rows of `table` are the team's: its own team_id, or a parent row that is."""
    if table.name in memo:
        return memo[table.name]
    memo[table.name] = None  # a cycle through this table adds nothing
    parts: list[ColumnElement[bool]] = []
    if "team_id" in table.c:
        parts.append(table.c.team_id == team_id)
    for key in table.foreign_keys:
        parent = key.column.table
        if parent is not table and (where := _owned(parent, team_id, memo)) is not None:
            parts.append(key.parent.in_(select(key.column).where(where)))
    memo[table.name] = or_(*parts) if parts else None
    return memo[table.name]
