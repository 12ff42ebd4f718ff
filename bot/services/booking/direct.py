"""A direct hold: `/hold @person position days first|second`, beside holds from avail answers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.services.booking import avails, holds
from bot.store.models import Production
from bot.store.models_booking import Hold
from bot.timeparse import TimeParseError, parse_day

USAGE = (
    "Type `/hold @person position days first|second`, like `/hold @gus Key Grip 6/14-6/16 first`."
)
_TEXT = re.compile(
    r"^\s*<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>\s+(.+?)\s+(\S+)\s+(first|second)\s*$", re.I
)


@dataclass(frozen=True)
class HoldRequest:
    """What `/hold` asked for."""

    slack_user_id: str
    position: str
    first_day: date
    last_day: date
    rank: int


def read(text: str, tz: str, now: datetime) -> HoldRequest:
    """The person, position, days and rank typed; InvalidInput saying what to type."""
    found = _TEXT.match(text or "")
    if found is None:
        raise InvalidInput(USAGE)
    uid, position, days, rank = found.groups()
    position = " ".join(position.split())
    if len(position) > 80:
        raise InvalidInput("Keep the position under 80 characters.")
    first, last = _days(days, tz, now)
    if last < first:
        raise InvalidInput("The last day is before the first. Type them in order, like 6/14-6/16.")
    if (last - first).days >= avails.MAX_DAYS:
        raise InvalidInput(f"Keep a hold under {avails.MAX_DAYS} days.")
    return HoldRequest(uid, position, first, last, 1 if rank.lower() == "first" else 2)


def _days(text: str, tz: str, now: datetime) -> tuple[date, date]:
    """ "6/14", "6/14-6/16", "fri..mon", "2026-06-14..2026-06-16"."""
    cuts = [text.split("..", 1)] if ".." in text else [[text]]
    cuts += [[text[:i], text[i + 1 :]] for i, c in enumerate(text) if c == "-"]
    for parts in cuts:
        try:
            read_days = [parse_day(p, tz, now) for p in parts if p]
        except TimeParseError:
            continue
        if len(read_days) == len(parts):
            return read_days[0], read_days[-1]
    raise InvalidInput(f"“{text}” is not a day or days. Type `6/14`, `6/14-6/16` or `fri..mon`.")


def place(
    session: Session,
    production: Production,
    actor: str,
    request: HoldRequest,
    name: str,
    now: datetime,
) -> Hold:
    """Place the hold: a first hold is refused when someone else holds the person first."""
    permissions.require(session, production, actor, "hold.place")
    others = holds.overlapping(
        session, production.team_id, request.slack_user_id, request.first_day, request.last_day
    )
    if request.rank == 1 and any(h.production_id != production.id for h in others):
        raise InvalidInput(
            f"Someone else already holds {name} on some of those days. Type `second` to hold "
            "them second; you can then challenge the first hold."
        )
    days = [request.first_day, request.last_day]
    return holds.place(
        session, production, actor, request.slack_user_id, name, request.position, days, now
    )
