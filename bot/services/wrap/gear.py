"""Gear: check it out and in, see what is out, and warn before a rental is due back."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import events, permissions
from bot.errors import InvalidInput, NotFound
from bot.scheduler import schedule
from bot.services.core import people
from bot.services.core.crew import RowError
from bot.services.core.crew_names import names
from bot.services.core.csvfile import cells
from bot.services.wrap.events import GearReturnDue
from bot.services.wrap.views import GearInfo
from bot.store.models import Production
from bot.store.models_wrap import GearItem, GearLoan

USAGE = "Type `/gear out c-stand 12 to @gus`, `/gear in c-stand 12` or `/gear`."


def _item(session: Session, production: Production, name: str) -> GearItem | None:
    return session.scalar(
        select(GearItem).where(
            GearItem.production_id == production.id,
            func.lower(GearItem.name) == name.strip().lower(),
        )
    )


def find(session: Session, production: Production, typed: str) -> GearItem | None:
    """By asset tag (any case), then exact name, then a partial name that fits only one item."""
    key = " ".join(typed.split()).lower()
    if not key:
        return None
    items = list(session.scalars(select(GearItem).where(GearItem.production_id == production.id)))
    for fits in (
        lambda i: (i.asset_tag or "").strip().lower() == key,
        lambda i: " ".join(i.name.split()).lower() == key,
    ):
        found = [i for i in items if fits(i)]
        if len(found) == 1:
            return found[0]
    partial = [i for i in items if key in i.name.lower()]
    if len(partial) > 1:
        shown = ", ".join(sorted(i.name for i in partial)[:5])
        raise InvalidInput(f"More than one item fits “{typed.strip()}”: {shown}. Say which.")
    return partial[0] if partial else None


def add(
    session: Session,
    production: Production,
    name: str,
    *,
    asset_tag: str | None = None,
    rental_house: str | None = None,
    return_due: date | None = None,
) -> GearItem:
    """Register an item (or update it); a rental gets a warning the day before it is due."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(f"Name the item. {USAGE}")
    item = _item(session, production, name) or GearItem(production_id=production.id, name=name)
    item.asset_tag, item.rental_house = (
        asset_tag or item.asset_tag,
        rental_house or (item.rental_house),
    )
    item.return_due = return_due or item.return_due
    session.add(item)
    session.flush()
    if item.return_due:
        warn_at = datetime.combine(item.return_due - timedelta(days=1), time(17)).replace(
            tzinfo=ZoneInfo(production.timezone)
        )
        schedule(
            session,
            "gear.return_due",
            f"gear:{item.id}:return:{item.return_due}",
            warn_at,
            {"item_id": item.id},
        )
    return item


def check_out(
    session: Session, production: Production, actor: str, text: str, now: datetime
) -> GearInfo:
    """`<item> [to @person]`: the item is now with that person (default: whoever typed)."""
    permissions.require(session, production, actor, "gear.move")
    name, person = people.after_to(session, production, text)
    holder = person.slack_user_id if person and person.slack_user_id else actor
    if permissions.member(session, production, holder) is None:
        raise InvalidInput("That person isn't on the crew list.")
    item = find(session, production, name)
    created = item is None
    if item is None:
        item = add(session, production, name)
    if item.holder and item.holder != holder:
        who = names(session, production).get(item.holder, "someone")
        raise InvalidInput(
            f"{item.name} is out to {who}. Check it in first: `/gear in {item.name}`."
        )
    if item.holder != holder:
        item.holder, item.out_since, item.out_by = holder, now, actor
        session.add(GearLoan(item_id=item.id, holder=holder, out_at=now, by=actor))
    return replace(info(item, names(session, production)), created=created)


def check_in(
    session: Session, production: Production, actor: str, name: str, now: datetime
) -> GearInfo:
    """The item is back."""
    permissions.require(session, production, actor, "gear.move")
    item = find(session, production, name)
    if item is None:
        raise NotFound(f"There's no “{name.strip()}” in the gear list. {USAGE}")
    if item.holder is None:
        raise InvalidInput(f"{item.name} is already in.")
    loan = session.scalar(
        select(GearLoan).where(GearLoan.item_id == item.id, GearLoan.in_at.is_(None))
    )
    if loan is not None:
        loan.in_at = now
    item.holder = item.out_since = item.out_by = None
    return info(item, {})


def out(session: Session, production: Production, holder: str | None = None) -> list[GearItem]:
    """What is checked out (to one person, or to anyone), oldest first."""
    query = select(GearItem).where(
        GearItem.production_id == production.id, GearItem.holder.is_not(None)
    )
    if holder:
        query = query.where(GearItem.holder == holder)
    return list(session.scalars(query.order_by(GearItem.out_since)))


def info(item: GearItem, holders: dict[str, str]) -> GearInfo:
    """The item as view data; `holders` names Slack ids."""
    return GearInfo(
        item.name,
        item.asset_tag,
        item.rental_house,
        item.return_due,
        holders.get(item.holder) if item.holder else None,
        item.out_since,
    )


def listing(session: Session, production: Production, actor: str) -> list[GearInfo]:
    """`/gear`: what is out, to whom, since when, oldest first."""
    permissions.require(session, production, actor, "gear.move")
    holders = names(session, production)
    return [info(item, holders) for item in out(session, production) if item.out_since]


def with_holder(session: Session, item_id: int) -> GearInfo | None:
    """One item with its holder's name (for the return-due warning)."""
    item = session.get(GearItem, item_id)
    production = session.get(Production, item.production_id) if item else None
    if item is None or production is None:
        return None
    return info(item, names(session, production))


def return_due_job(session: Session, payload: dict, now: datetime) -> None:
    """The day before a rental is due back: tell the coordinators if it is still out."""
    item = session.get(GearItem, payload["item_id"])
    if item is not None and item.holder is not None:
        events.record(
            session, GearReturnDue(at=now, production_id=item.production_id, item_id=item.id)
        )


def import_csv(session: Session, production: Production, text: str) -> tuple[int, list[RowError]]:
    """Gear from CSV: name, asset_tag, rental_house, return_due (YYYY-MM-DD); all or nothing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows, errors = [], []
    for raw in reader:
        try:
            values = cells(raw)
            if not values.get("name"):
                raise ValueError("name is empty")
            for key, limit in (("name", 120), ("asset_tag", 60), ("rental_house", 120)):
                if len(values.get(key, "")) > limit:
                    raise ValueError(f"{key} is over {limit} characters")
            due = date.fromisoformat(values["return_due"]) if values.get("return_due") else None
        except ValueError as error:
            errors.append(RowError(reader.line_num, str(error)))
            continue
        rows.append(
            (
                values["name"],
                values.get("asset_tag") or None,
                values.get("rental_house") or None,
                due,
            )
        )
    if errors:
        return 0, errors
    for name, tag, house, due in rows:
        add(session, production, name, asset_tag=tag, rental_house=house, return_due=due)
    return len(rows), []
