"""The playground's demo production: a crew of thirty, a week of shoot days, a budget."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.services.callsheets import day_forms, publishing, shoot_days
from bot.services.core import crew, productions
from bot.services.money import budget
from bot.services.money.pettycash import move
from bot.services.wrap import documents, gear
from slack_emulator import SlackEmulator

TEAM = "T0SLATE"
TZ = "America/Los_Angeles"
# name, department, position, role
CREW = [
    ("Cora Coordinator", "Production", "Production coordinator", "coordinator"),
    ("Pat PA", "Production", "Set PA", "pa"),
    ("Sam Runner", "Production", "Office PA", "pa"),
    ("Uma Upm", "Production", "UPM", "coordinator"),
    ("Dana Director", "Production", "1st AD", "crew"),
    ("Gus Grip", "Grip", "Key grip", "crew"),
    ("Bea Best", "Grip", "Best boy grip", "crew"),
    ("Dolly Dan", "Grip", "Dolly grip", "crew"),
    ("Gia Gaffer", "Electric", "Gaffer", "crew"),
    ("Eli Electric", "Electric", "Best boy electric", "crew"),
    ("Lou Lamp", "Electric", "Electrician", "crew"),
    ("Dee Pee", "Camera", "Director of photography", "crew"),
    ("Ace Focus", "Camera", "1st AC", "crew"),
    ("Tess Slate", "Camera", "2nd AC", "crew"),
    ("Opie Operator", "Camera", "Camera operator", "crew"),
    ("Art Vandelay", "Art", "Production designer", "crew"),
    ("Prue Props", "Art", "Props master", "crew"),
    ("Hal Hair", "Hair & Make-up", "Key hair", "crew"),
    ("Mia Makeup", "Hair & Make-up", "Key make-up", "crew"),
    ("Wren Wardrobe", "Wardrobe", "Costume supervisor", "crew"),
    ("Stitch Taylor", "Wardrobe", "Set costumer", "crew"),
    ("Max Mixer", "Sound", "Sound mixer", "crew"),
    ("Bo Boom", "Sound", "Boom operator", "crew"),
    ("Lena Locations", "Locations", "Location manager", "crew"),
    ("Cam Catering", "Catering", "Chef", "crew"),
    ("Tia Transport", "Transport", "Transport captain", "crew"),
    ("Ana Actor", "Cast", "Lead (1)", "cast"),
    ("Ben Bright", "Cast", "Supporting (2)", "cast"),
    ("Cal Cast", "Cast", "Day player (3)", "cast"),
    ("Nia Nurse", "Production", "Set medic", "crew"),
]
OFFSETS = {
    "Camera": -30,
    "Grip": -30,
    "Electric": -30,
    "Hair & Make-up": -90,
    "Wardrobe": -60,
    "Catering": -120,
    "Transport": -60,
}
CHANNELS = ("nightowl-crew", "nightowl-office", "nightowl-problems")


def seed_workspace(emulator: SlackEmulator) -> dict[str, str]:
    """The same users and channels on every start (ids follow creation order)."""
    ws = emulator.workspace
    ids = {}
    for name, _, position, _ in CREW:
        email = name.lower().replace(" ", ".") + "@nightowl.film"
        ids[name] = ws.add_user(name.split()[0].lower(), email, real_name=name, title=position).id
    for channel in CHANNELS:
        ids[channel] = ws.add_channel(channel, list(ids.values())).id
    return ids


def seed_production(session: Session, ids: dict[str, str], now: datetime) -> None:
    """Night Owl: crew, departments, five shoot days (the first published), a budget."""
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
        session,
        production,
        "code,name,amount\n"
        + "".join(
            f"{c},{n},{a}\n"
            for c, n, a in (
                ("camera", "Camera", 40000),
                ("g&e", "Grip & Electric", 25000),
                ("art", "Art", 15000),
                ("craft", "Craft service", 4000),
                ("locations", "Locations", 20000),
                ("transport", "Transport", 8000),
            )
        ),
    )
    session.flush()
    first = now.astimezone(ZoneInfo(TZ)).date() + timedelta(days=1)
    places = [
        ("Rosa's Diner", "123 Main St, Los Angeles"),
        ("Stage 5", "5555 Melrose Ave"),
        ("Echo Park Lake", "751 Echo Park Ave"),
        ("Rosa's Diner", ""),
        ("Stage 5", ""),
    ]
    for n, (place, address) in enumerate(places):
        shoot_days.save_day(
            session,
            production,
            day_forms.DayForm(
                first + timedelta(days=n),
                ("6:30a", "7a", "5p", "6a", "8a")[n],
                day_forms.LocationForm(
                    place,
                    address or None,
                    "Lot B",
                    None,
                    "Good Samaritan",
                    "1225 Wilshire Blvd",
                    "213-555-0100",
                    "34.0522",
                    "-118.2437",
                ),
                shooting_call=("8a", "8:30a", "7p", "7:30a", "9:30a")[n],
                estimated_wrap=("7p", "7:30p", "5a", "6:30p", "8p")[n],
                lunch=("12:30p", "1p", "11p", "12p", "2p")[n],
                weather="Clear, high 78",
                scenes=day_forms.parse_scenes(
                    f"{10 + 2 * n} | INT. DINER | D | 1 4/8 | Ana, Ben\n"
                    f"{11 + 2 * n} | EXT. STREET | N | 3/8 | Cal"
                ),
            ),
            actor=None,
            now=now,
        )
    day = shoot_days.day_on(session, production, first)
    assert day is not None
    publishing.publish(session, production, day, actor=None, now=now, force=True)
    move(session, production, ids["Cora Coordinator"], "float", ids["Pat PA"], "200", now)
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
            return_due=first + timedelta(days=6),
        )
    documents.add(
        session,
        production,
        None,
        "film_permit",
        "Rosa's Diner",
        first,
        first + timedelta(days=10),
        now,
    )
    documents.add(
        session,
        production,
        None,
        "insurance",
        "Hollywood Rentals",
        first - timedelta(days=30),
        first + timedelta(days=3),
        now,
    )
