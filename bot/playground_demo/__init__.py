"""The playground's demo production: a crew of thirty, a week of shoot days, a budget.

The workspace (people, channels) is here; the story of the shoot so far is in `story`.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.clock import MovableClock
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


def load_offset(path: Path) -> float | None:
    """The saved clock offset in seconds, if the playground ran before."""
    try:
        return float(json.loads(path.read_text())["offset_seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_offset(path: Path, clock: MovableClock) -> None:
    """Keep the clock's offset, so a restart carries on from where time was."""
    path.write_text(json.dumps({"offset_seconds": clock.offset.total_seconds()}))
