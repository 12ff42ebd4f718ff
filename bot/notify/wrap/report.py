"""The daily production report: drafted at wrap and on each edit, posted when asked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.wrap import daily_report as blocks
from bot.notify.registry import Subscribers
from bot.services.wrap import daily_report
from bot.services.wrap.events import ReportDrafted, ReportPosted, WrapRecorded
from bot.store.models import Production


def _draft(session: Session, production_id: int, day_id: int, now: datetime) -> None:
    """Post (or refresh in place) the draft in the coordinators' channel, with Edit and Post."""
    production = session.get(Production, production_id)
    if production is None or not production.coordinators_channel_id:
        return
    view = daily_report.view_of(session, day_id)
    if view is None:
        return
    text, shown = blocks.report_text(view), blocks.draft_blocks(view)
    ref = f"dpr:{day_id}"
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=now)
    else:
        outbox.post_message(
            session, production.coordinators_channel_id, text=text, blocks=shown, ref=ref, now=now
        )


def draft_at_wrap(session: Session, event: WrapRecorded) -> None:
    """Wrap drafts the day's report (a corrected wrap refreshes it)."""
    _draft(session, event.production_id, event.day_id, event.at)


def redraft(session: Session, event: ReportDrafted) -> None:
    """Ticks, first shot or notes changed: the draft follows."""
    _draft(session, event.production_id, event.day_id, event.at)


def post(session: Session, event: ReportPosted) -> None:
    """The report goes to the report channel; the draft shows it was posted."""
    view = daily_report.view_of(session, event.day_id)
    if view is None:
        return
    outbox.post_message(
        session,
        event.channel,
        text=blocks.report_text(view),
        blocks=blocks.final_blocks(view),
        now=event.at,
        dedupe_key=f"dpr:{event.day_id}:posted:{event.at.isoformat()}",
    )
    _draft(session, event.production_id, event.day_id, event.at)


SUBSCRIBERS: Subscribers = {
    WrapRecorded: draft_at_wrap,
    ReportDrafted: redraft,
    ReportPosted: post,
}
