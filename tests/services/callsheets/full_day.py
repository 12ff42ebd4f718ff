"""A production with a full call sheet from the README's schedule format: shared by the
sheet, PDF, post and per-person tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.callsheets import schedule_import
from bot.services.core import crew, productions
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from tests.conftest import NOW

CREW = """name,email,phone,department,position,role
Ana Actor,ana@x.film,213-555-0001,,,cast
Bo Bit,bo@x.film,213-555-0002,,,cast
Dana DP,dana@x.film,213-555-0011,Camera,Director of Photography,crew
Cam Assistant,cam@x.film,213-555-0012,Camera,1st AC,crew
Gil Gaffer,gil@x.film,213-555-0021,Electric,Gaffer,crew
Gus Grip,gus@x.film,213-555-0031,Grip,Key Grip,crew
"""

SCHEDULE = """
sheet:
  company: Owl Pictures LLC
  phones: none
  heads: [Dana DP, Gil Gaffer]
  key_contacts:
    - {role: Producer, name: Pia Producer, phone: 213-555-0100}
    - {role: UPM, name: Uma Manager, phone: 213-555-0101}
    - {role: 1st AD, name: Al First, phone: 213-555-0102}
  walkies: {1: Production, 2: Open, 3: Electric, 4: Grip}
  standard_notes: No visitors on set without the UPM's approval.
cast:
  - {number: 1, actor: Ana Actor, character: ROSA}
  - {number: 2, actor: Bo Bit, character: WAITER}
locations:
  - name: Rosa's Diner
    address: 123 Main St, Los Angeles
    parking: Lot B behind the diner
    crew_parking: 400 Spring St lot, shuttle every 10 min
    basecamp: Church lot on 3rd
    hospital: Good Samaritan
    hospital_address: 1225 Wilshire Blvd, Los Angeles
    hospital_phone: 213-555-0199
    latitude: 34.0522
    longitude: -118.2437
days:
  - date: 2026-06-12
    location: Rosa's Diner
    call: 6:30a
    shooting_call: 8a
    wrap: 7p
    breakfast: 6a
    lunch: 12:30p
    second_meal: 6:30p
    background_call: 7a
    weather: Clear, high 78
    safety: Stunt fall in sc. 14 - stunt coordinator on set; heat - water breaks hourly.
    notes: Night exteriors after lunch
    departments: {Camera: -30, Grip: -30}
    scenes:
      - {number: 12, set: INT. DINER, dn: D, pages: 1 4/8, cast: [1, 2], location: Rosa's Diner,
         background: 8, needs: {props: coffee pot, vehicles: none}}
      - {number: 14, set: EXT. STREET, dn: N, pages: 3/8, cast: [1], background: 4,
         needs: {stunts: fall from kerb}}
    calls:
      - {person: Ana Actor, call: 6a, pickup: 5a, hmu: 5:15a, wardrobe: 5:45a, on_set: 7:30a,
         remarks: Fitting at lunch}
      - {person: Gus Grip, call: 5:30a}
  - date: 2026-06-13
    location: Rosa's Diner
    call: 7a
    scenes:
      - {number: 20, set: INT. KITCHEN, dn: D, pages: 2, cast: [2]}
  - date: 2026-06-14
    location: Rosa's Diner
    call: 7a
    scenes:
      - {number: 21, set: INT. KITCHEN, dn: D, pages: 1, cast: [1]}
"""

FRIDAY = date(2026, 6, 12)


def production_with_schedule(session: Session, phones: str = "none") -> Production:
    """Night Owl with the crew above and the schedule imported (the phones switch as given)."""
    production = productions.create_production(
        session, "T1", productions.ProductionForm("Night Owl", "America/Los_Angeles"), now=NOW
    )
    crew.import_crew(session, production, CREW)
    text = SCHEDULE.replace("phones: none", f"phones: {phones}")
    report = schedule_import.import_schedule(session, production, text, "days.yaml", now=NOW)
    assert report.errors == [] and report.saved == 3
    return production


def day(session: Session, production: Production, on: date = FRIDAY) -> ShootDay:
    """The stored day on `on`."""
    found = session.scalar(
        select(ShootDay).where(ShootDay.production_id == production.id, ShootDay.date == on)
    )
    assert found is not None
    return found
