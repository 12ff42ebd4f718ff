"""Notify for logistics: the caterer's orders, and reviewing them when a sheet goes out."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.logistics import catering as blocks
from bot.blocks.logistics import transport as transport_blocks
from bot.blocks.logistics import travel as travel_blocks
from bot.notify.registry import Subscribers
from bot.services.callsheets.events import DayPublished
from bot.services.logistics import catering, itinerary, runs
from bot.services.logistics.counts import CateringCount
from bot.services.logistics.events import (
    CateringOrderSent,
    ItinerarySent,
    PickupChanged,
    PickupStatusChanged,
    RunSheetDue,
    ShuttleChanged,
    TravelReminder,
)
from bot.store.models import Person, Production
from bot.store.models_callsheet import ShootDay
from bot.store.models_logistics import Pickup, TravelItem


def _production(session: Session, production_id: int) -> Production:
    production = session.get(Production, production_id)
    assert production is not None
    return production


def day_published(session: Session, event: DayPublished) -> None:
    """A new revision may move a meal or the headcount: plan the order, or revise it."""
    day = session.get(ShootDay, event.day_id)
    if day is not None:
        production = _production(session, event.production_id)
        catering.review(session, production, day, event.at)
        runs.plan(session, production, day, event.at)


def order_sent(session: Session, event: CateringOrderSent) -> None:
    """DM the caterer (a Slack member); an outside caterer's order goes to the coordinators'
    channel to forward."""
    production = _production(session, event.production_id)
    setup = catering.setup_of(session, production)
    before = CateringCount.from_json(event.previous) if event.previous else None
    forward = None
    target = setup.caterer_user
    if target is None:
        forward = " · ".join(x for x in (setup.caterer_name, setup.caterer_contact) if x)
        forward = forward or "not set yet (/catering caterer @person)"
        target = production.coordinators_channel_id
    if target is None:
        return  # nowhere to send: /catering still shows the count
    text, shown = blocks.order_message(
        CateringCount.from_json(event.order), event.version, before, forward
    )
    outbox.post_message(
        session,
        target,
        text=text,
        blocks=shown,
        now=event.at,
        dedupe_key=f"catering:{event.day_id}:v{event.version}",
    )


def _slack_id(session: Session, person_id: int) -> str | None:
    person = session.get(Person, person_id)
    return person.slack_user_id if person else None


def _run_sheet(session: Session, day_id: int, driver_id: int, revised: bool, at: datetime) -> None:
    day = session.get(ShootDay, day_id)
    user = _slack_id(session, driver_id)
    if day is None or user is None:
        return
    sheet = runs.run_sheet(session, _production(session, day.production_id), day, driver_id)
    ref = f"runsheet:{day.id}:{driver_id}"
    revised = revised and outbox.has_ref(session, ref)  # never "REVISED" before a first
    text, shown = transport_blocks.run_sheet_message(sheet, revised)
    outbox.post_message(session, user, text=text, blocks=shown, ref=ref, now=at)


def run_sheet_due(session: Session, event: RunSheetDue) -> None:
    """The driver's run sheet, by DM."""
    _run_sheet(session, event.day_id, event.driver_id, False, event.at)


def pickup_changed(session: Session, event: PickupChanged) -> None:
    """Exactly the rider and the driver (and a driver taken off it) hear of a changed pickup."""
    pickup = session.get(Pickup, event.pickup_id)
    day = session.get(ShootDay, pickup.shoot_day_id) if pickup else None
    if pickup is None or day is None:
        return
    production = _production(session, day.production_id)
    runs.plan(session, production, day, event.at)  # the day's first pickup: its run sheets
    sheet = runs.run_sheet(session, production, day)
    rider = _slack_id(session, pickup.rider_id)
    if rider is not None:
        text, shown = transport_blocks.rider_message(runs.stop(session, pickup), sheet)
        outbox.post_message(session, rider, text=text, blocks=shown, now=event.at)
    if not runs.sheets_went(session, day):
        return  # the evening's run sheet will carry it: no revision before the first
    for driver_id in (pickup.driver_id, event.old_driver_id):
        if driver_id is not None:
            _run_sheet(session, day.id, driver_id, True, event.at)


def shuttle_changed(session: Session, event: ShuttleChanged) -> None:
    """A shuttle set: the evening's run sheets are planned; once they went, the driver's again."""
    day = session.get(ShootDay, event.day_id)
    if day is None:
        return
    runs.plan(session, _production(session, day.production_id), day, event.at)
    if runs.sheets_went(session, day):
        _run_sheet(session, day.id, event.driver_id, True, event.at)


def pickup_status(session: Session, event: PickupStatusChanged) -> None:
    """One live message in the coordinators' channel, edited in place."""
    production = _production(session, event.production_id)
    day = session.get(ShootDay, event.day_id)
    if day is None or production.coordinators_channel_id is None:
        return
    text, shown = transport_blocks.board(runs.run_sheet(session, production, day))
    ref = f"pickups:{day.id}"
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=event.at)
    else:
        channel = production.coordinators_channel_id
        outbox.post_message(session, channel, text=text, blocks=shown, ref=ref, now=event.at)


def itinerary_sent(session: Session, event: ItinerarySent) -> None:
    """The traveller's itinerary, by DM."""
    person = session.get(Person, event.person_id)
    if person is None or person.slack_user_id is None:
        return
    trip = itinerary.of(session, _production(session, event.production_id), person)
    text, shown = travel_blocks.itinerary_message(trip)
    outbox.post_message(session, person.slack_user_id, text=text, blocks=shown, now=event.at)


def travel_reminder(session: Session, event: TravelReminder) -> None:
    """A departure a day or 3 hours away, by DM (once: the job runs once)."""
    item = session.get(TravelItem, event.item_id)
    user = _slack_id(session, item.person_id) if item else None
    if item is None or user is None:
        return
    production = _production(session, event.production_id)
    text, shown = travel_blocks.reminder(itinerary.leg(item), production.timezone, event.which)
    key = f"travel:{item.id}:{event.which}"
    outbox.post_message(session, user, text=text, blocks=shown, now=event.at, dedupe_key=key)


SUBSCRIBERS: Subscribers = {
    DayPublished: day_published,
    CateringOrderSent: order_sent,
    ShuttleChanged: shuttle_changed,
    RunSheetDue: run_sheet_due,
    PickupChanged: pickup_changed,
    PickupStatusChanged: pickup_status,
    ItinerarySent: itinerary_sent,
    TravelReminder: travel_reminder,
}
