"""Notify for logistics: the caterer's orders, and reviewing them when a sheet goes out."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.logistics import catering as blocks
from bot.notify.registry import Subscribers
from bot.services.callsheets.events import DayPublished
from bot.services.logistics import catering
from bot.services.logistics.counts import CateringCount
from bot.services.logistics.events import CateringOrderSent
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay


def _production(session: Session, production_id: int) -> Production:
    production = session.get(Production, production_id)
    assert production is not None
    return production


def day_published(session: Session, event: DayPublished) -> None:
    """A new revision may move a meal or the headcount: plan the order, or revise it."""
    day = session.get(ShootDay, event.day_id)
    if day is not None:
        catering.review(session, _production(session, event.production_id), day, event.at)


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


SUBSCRIBERS: Subscribers = {
    DayPublished: day_published,
    CateringOrderSent: order_sent,
}
