"""The demo production before the shoot: crew, budget, six shoot days, contracts, gear."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.playground_demo import CREW, OFFSETS, TEAM, TZ
from bot.services.callsheets import day_forms, shoot_days
from bot.services.core import crew, productions
from bot.services.money import budget, payroll
from bot.services.wrap import documents, gear
from bot.store.models import Production

BUDGET = (
    ("camera", "Camera", 40000),
    ("g&e", "Grip & Electric", 25000),
    ("art", "Art", 15000),
    ("craft", "Craft service", 4000),
    ("locations", "Locations", 20000),
    ("transport", "Transport", 8000),
)
# name, day rate, W-9 on file (Max has not handed his in: /payroll and his wrap DM say so)
CONTRACTS = (
    ("Gus Grip", 650, "yes"),
    ("Gia Gaffer", 650, "yes"),
    ("Dee Pee", 1200, "yes"),
    ("Max Mixer", 700, "no"),
    ("Lena Locations", 550, "yes"),
)
# place, address, general call, shooting call, estimated wrap, lunch
DAYS = (
    ("Stage 5", "5555 Melrose Ave", "6:30a", "8a", "7p", "12:30p"),
    ("Rosa's Diner", "123 Main St, Los Angeles", "6:30a", "8a", "7p", "12:30p"),
    ("Stage 5", "5555 Melrose Ave", "7a", "8:30a", "7:30p", "1p"),
    ("Echo Park Lake", "751 Echo Park Ave", "5p", "7p", "5a", "11p"),
    ("Rosa's Diner", "123 Main St, Los Angeles", "6a", "7:30a", "6:30p", "12p"),
    ("Stage 5", "5555 Melrose Ave", "8a", "9:30a", "8p", "2p"),
)


def create(session: Session, ids: dict[str, str], first: date, now: datetime) -> Production:
    """Night Owl as a coordinator would set it up: `first` is the first shoot day."""
    production = productions.create_production(
        session,
        TEAM,
        productions.ProductionForm(
            "Night Owl",
            TZ,
            "USD",
            ids["nightowl-crew"],
            ids["nightowl-office"],
            ids["nightowl-problems"],
        ),
        now=now,
    )
    rows = "".join(
        f"{n},{n.lower().replace(' ', '.')}@nightowl.film,555-01{i:02d},{d},{p},{r},{ids[n]}\n"
        for i, (n, d, p, r) in enumerate(CREW)
    )
    crew.import_crew(
        session, production, "name,email,phone,department,position,role,slack_user_id\n" + rows
    )
    for department in production.departments:
        department.call_offset_minutes = OFFSETS.get(department.name, 0)
    budget.import_csv(
        session, production, "code,name,amount\n" + "".join(f"{c},{n},{a}\n" for c, n, a in BUDGET)
    )
    payroll.import_csv(
        session,
        production,
        "name,day_rate,w9,deal_memo,nda,start_paperwork\n"
        + "".join(f"{n},{rate},{w9},yes,yes,yes\n" for n, rate, w9 in CONTRACTS),
    )
    session.flush()
    for n, (place, address, call, shooting, wrap, lunch) in enumerate(DAYS):
        shoot_days.save_day(
            session,
            production,
            day_forms.DayForm(
                first + timedelta(days=n),
                call,
                day_forms.LocationForm(
                    place,
                    address,
                    "Lot B",
                    None,
                    "Good Samaritan",
                    "1225 Wilshire Blvd",
                    "213-555-0100",
                    "34.0522",
                    "-118.2437",
                ),
                shooting_call=shooting,
                estimated_wrap=wrap,
                lunch=lunch,
                weather="Clear, high 78",
                scenes=day_forms.parse_scenes(
                    f"{10 + 2 * n} | INT. DINER | D | 1 4/8 | Ana, Ben\n"
                    f"{11 + 2 * n} | EXT. STREET | N | 3/8 | Cal"
                ),
            ),
            actor=None,
            now=now,
        )
    for name, tag, house in (
        ("Alexa Mini", "CAM-1", "Keslow Camera"),
        ("Dana Dolly", "G-7", "Hollywood Rentals"),
        ("SkyPanel S60", "E-12", "Hollywood Rentals"),
    ):
        gear.add(
            session,
            production,
            name,
            asset_tag=tag,
            rental_house=house,
            return_due=first + timedelta(days=7),
        )
    for kind, what, start, end in (
        ("film_permit", "Stage 5", first, first + timedelta(days=10)),
        ("film_permit", "Rosa's Diner", first, first + timedelta(days=10)),
        ("film_permit", "Echo Park Lake", first, first + timedelta(days=10)),
        ("insurance", "Hollywood Rentals", first - timedelta(days=30), first + timedelta(days=4)),
    ):
        documents.add(session, production, None, kind, what, start, end, now)
    return production
