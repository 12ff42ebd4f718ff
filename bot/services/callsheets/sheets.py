"""The /callsheet use-cases: which day to edit, saving it, publishing it, and what happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput, NotFound
from bot.services.callsheets import (
    day_forms,
    drafts,
    locations,
    nightly,
    publish_queue,
    publishing,
    sheet_settings,
    shoot_days,
)
from bot.services.callsheets import schedule_change as changing
from bot.services.callsheets.dates import day_title
from bot.services.callsheets.publish_queue import Published as Published
from bot.services.callsheets.publish_queue import Queued
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.timeparse import parse_day


@dataclass(frozen=True)
class Saved:
    """A day saved from the editor: when it goes out, or which revision is next."""

    date: date
    revision: int
    publishes_at: str | None  # "6:00 PM on Thu" while it has never gone out
    # Other published days whose shared location changed under them: their crew were told
    # something else until each is published again.
    stale: tuple[date, ...] = ()


@dataclass(frozen=True)
class ChangeForm:
    """/schedulechange with no changes typed: the day's current values, for the form."""

    day_id: int
    draft: drafts.DayDraft


def production_by_id(session: Session, team_id: str, production_id: int) -> Production:
    """The production a modal was opened for."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise NotFound("That production no longer exists.")
    return production


def _date(text: str, production: Production, now: datetime) -> date | None:
    if not text.strip():
        return None
    return parse_day(text, production.timezone, now)


def day_to_edit(
    session: Session, production: Production, text: str, now: datetime, *, actor: str
) -> drafts.DayDraft:
    """The editor's contents for the day meant (default: the next shoot day, else tomorrow)."""
    permissions.require(session, production, actor, "callsheet.edit")
    on = _date(text, production, now)
    if on is None:
        upcoming = shoot_days.next_shoot_day(session, production, now)
        on = upcoming.date if upcoming else shoot_days.today(production, now) + timedelta(days=1)
    day = shoot_days.day_on(session, production, on)
    shared = 0
    if day is not None and day.location is not None:
        shared = locations.other_days_at(session, day.location, day) + 1
    return drafts.draft(
        production, on, day, shared, sheet_settings.editor_lines(session, production)
    )


def save_from_editor(
    session: Session, production: Production, form: day_forms.DayForm, *, actor: str, now: datetime
) -> Saved:
    """Save the editor; a published day's changes wait for /callsheet publish."""
    day = shoot_days.save_day(session, production, form, actor=actor, now=now)
    when = None if day.revision else nightly.publish_time_text(production, day, session)
    stale = locations.stale_days(session, day.location, day) if day.location else []
    return Saved(day.date, day.revision, when, tuple(d.date for d in stale))


def publish_command(
    session: Session, production: Production, text: str, *, actor: str, now: datetime
) -> Queued:
    """/callsheet publish [day]."""
    permissions.require(session, production, actor, "callsheet.publish")
    on = _date(text, production, now)
    if on is None:
        day = shoot_days.next_shoot_day(session, production, now)
        if day is None:
            raise InvalidInput("There are no shoot days to publish. Type /callsheet to add one.")
    else:
        day = shoot_days.require_day(session, production, on)
    return publish_queue.queue(session, production, day, actor=actor, now=now)


def publish_by_id(
    session: Session, team_id: str, day_id: int, *, actor: str, now: datetime, ref: str = ""
) -> Queued:
    """Publish anyway, from the warning's button (the production is the stored day's); `ref`:
    the progress message the button was in, which goes on telling how it went."""
    day = session.get(ShootDay, day_id)
    if day is None:
        raise NotFound("That shoot day no longer exists.")
    production = production_by_id(session, team_id, day.production_id)
    permissions.require(session, production, actor, "callsheet.publish")
    return publish_queue.queue(session, production, day, actor=actor, now=now, force=True, ref=ref)


def schedule_change(
    session: Session, production: Production, text: str, *, actor: str, now: datetime
) -> Queued | ChangeForm:
    """/schedulechange <day> <changes>: change the day itself, publish the revision (the people
    affected are DM'd) and announce the real changes; with no changes, the form to edit."""
    permissions.require(session, production, actor, "schedule.change")
    first, _, changes = text.strip().partition(" ")
    if not first:
        raise InvalidInput(changing.WHAT_TO_TYPE)
    try:
        on = _date(first, production, now) or date.min
    except InvalidInput as error:
        raise InvalidInput(f"{error} {changing.WHAT_TO_TYPE}") from error
    day = shoot_days.require_day(session, production, on)
    if not changes.strip():
        return ChangeForm(day.id, drafts.draft(production, day.date, day))
    return change_and_publish(session, production, day, changes, actor=actor, now=now)


def change_from_form(
    session: Session,
    production: Production,
    day_id: int,
    answers: dict[str, str | None],
    *,
    actor: str,
    now: datetime,
) -> Queued:
    """The schedule-change form, sent: the same changes as the one-liner (checked again); a
    department call taken off the form goes."""
    permissions.require(session, production, actor, "schedule.change")
    day = session.get(ShootDay, day_id)
    if day is None or day.production_id != production.id:
        raise NotFound("That shoot day no longer exists.")
    text = changing.form_text(answers, (day.department_offsets or {}).keys())
    return change_and_publish(session, production, day, text, actor=actor, now=now)


def change_and_publish(
    session: Session, production: Production, day: ShootDay, text: str, *, actor: str, now: datetime
) -> Queued:
    """Apply the changes (all or none) and queue the revision, which announces them."""
    publishing.check_ready(production, day)
    changed = changing.apply(session, production, day, text).changes
    if not changed:
        title = day_title(day.date)
        raise InvalidInput(f"{title} already says that: nothing changed. {changing.WHAT_TO_TYPE}")
    return publish_queue.queue(session, production, day, actor=actor, now=now, changes=changed)
