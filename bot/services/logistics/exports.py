"""`slate export catering|transport|rentals` (travel: itinerary.export_csv), as safe CSV."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.services.core import csvfile
from bot.services.logistics import rentals
from bot.services.logistics.counts import count
from bot.services.logistics.runs import run_sheet
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay

CATERING = ("date", "meal", "time", "people", "crew", "cast", "background", "visitors")
CATERING += ("vegetarian", "vegan", "pescatarian", "gluten_free", "allergies")
TRANSPORT = ("date", "pickup_at", "rider", "driver", "vehicle", "address", "status")
TRANSPORT += ("late_minutes",)
RENTALS = ("po", "vendor", "items", "budget_code", "cost", "pickup_on", "return_on")
RENTALS += ("state", "insurance")


def _days(session: Session, production: Production) -> list[ShootDay]:
    return list(
        session.scalars(
            select(ShootDay).where(ShootDay.production_id == production.id).order_by(ShootDay.date)
        )
    )


def catering_csv(session: Session, production: Production) -> str:
    """One row per meal of each published day, with the day's dietary counts."""
    rows = []
    for day in _days(session, production):
        try:
            c = count(session, production, day)
        except InvalidInput:
            continue  # not published: no count yet
        diets = dict(c.diets)
        allergies = "; ".join(f"{name}: {what}" for name, what in c.allergies)
        for meal in c.meals:
            rows.append(
                [
                    c.date.isoformat(),
                    meal.meal,
                    csvfile.local(meal.at, c.tz, "minutes"),
                    meal.count,
                    c.crew,
                    c.cast,
                    c.background,
                    c.visitors,
                    *(diets.get(k, 0) for k in ("vegetarian", "vegan", "pescatarian")),
                    diets.get("gluten-free", 0),
                    allergies,
                ]
            )
    return csvfile.render(CATERING, rows)


def transport_csv(session: Session, production: Production) -> str:
    """Every pickup and shuttle departure of every day, in time order."""
    rows = []
    for day in _days(session, production):
        sheet = run_sheet(session, production, day)
        found = [
            (s.at, s.rider, s.driver, s.vehicle, s.address, s.status, s.late_minutes)
            for s in sheet.stops
        ]
        found += [
            (at, "Shuttle", loop.driver, loop.vehicle, " > ".join(loop.route), "shuttle", None)
            for loop in sheet.shuttles
            for at in loop.departures
        ]
        rows += [
            [
                day.date.isoformat(),
                csvfile.local(at, production.timezone, "minutes"),
                *(rider, driver, vehicle or "", address, status),
                late if late is not None else "",
            ]
            for at, rider, driver, vehicle, address, status, late in sorted(found, key=_first)
        ]
    return csvfile.render(TRANSPORT, rows)


def _first(row: tuple) -> datetime:
    return row[0]


def rentals_csv(session: Session, production: Production) -> str:
    """Every PO: committed or actual (invoiced), and its insurance flag."""
    rows = rentals.views(session, production)
    return csvfile.render(
        RENTALS,
        (
            [
                f"PO-{r.number}",
                r.vendor,
                r.items,
                r.line,
                r.cost,
                r.pickup_on.isoformat(),
                r.return_on.isoformat(),
                "actual" if r.invoiced else "committed",
                r.coi_flag or "ok",
            ]
            for r in rows
        ),
    )
