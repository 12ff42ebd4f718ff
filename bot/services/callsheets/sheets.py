"""The /callsheet use-cases: which day to edit, saving it, publishing it, and what to say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.callsheets import callsheet as blocks
from bot.blocks.common import Block, day_title, section
from bot.blocks.escape import escape
from bot.errors import InvalidInput, NotFound
from bot.services.callsheets import day_forms, publishing, shoot_days
from bot.services.core.productions import require_coordinator
from bot.store.models import Production
from bot.store.models_callsheet import ShootDay
from bot.timeparse import TimeParseError, parse_day


@dataclass
class Outcome:
    """What to tell the coordinator."""

    text: str
    blocks: list[Block] | None = None
    held: bool = False  # rule warnings kept it from going out


def production_by_id(session: Session, team_id: str, production_id: int) -> Production:
    """The production a modal was opened for."""
    production = session.get(Production, production_id)
    if production is None or production.team_id != team_id:
        raise NotFound("That production no longer exists.")
    return production


def _date(text: str, production: Production, now: datetime) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_day(text, production.timezone, now)
    except TimeParseError as error:
        raise InvalidInput(str(error)) from error


def day_to_edit(
    session: Session, production: Production, text: str, now: datetime
) -> tuple[date, ShootDay | None]:
    """The date to edit (default: the next shoot day, else tomorrow) and its day if it exists."""
    on = _date(text, production, now)
    if on is None:
        upcoming = shoot_days.next_shoot_day(session, production, now)
        on = upcoming.date if upcoming else shoot_days.today(production, now) + timedelta(days=1)
    return on, shoot_days.day_on(session, production, on)


def save_from_editor(
    session: Session, production: Production, form: day_forms.DayForm, *, actor: str, now: datetime
) -> Outcome:
    """Save the editor; a published day's changes wait for /callsheet publish."""
    day = shoot_days.save_day(session, production, form, actor=actor, now=now)
    title = day_title(day.date)
    if day.revision:
        return Outcome(
            f"Saved {title}. Type `/callsheet publish {day.date:%-m/%-d}` to send "
            f"revision {day.revision + 1} to the people it changes."
        )
    when = shoot_days.publish_time_text(production, day, session)
    return Outcome(
        f"Saved {title}. It goes out automatically at {when}, or now with "
        f"`/callsheet publish {day.date:%-m/%-d}`."
    )


def publish_command(
    session: Session, production: Production, text: str, *, actor: str, now: datetime
) -> Outcome:
    """/callsheet publish [day]."""
    on = _date(text, production, now)
    if on is None:
        day = shoot_days.next_shoot_day(session, production, now)
        if day is None:
            raise InvalidInput("There are no shoot days to publish. Type /callsheet to add one.")
    else:
        day = shoot_days.require_day(session, production, on)
    return _publish(session, production, day, actor=actor, now=now, force=False)


def publish_by_id(
    session: Session, team_id: str, day_id: int, *, actor: str, now: datetime
) -> Outcome:
    """Publish anyway, from the warning's button."""
    day = session.get(ShootDay, day_id)
    if day is None:
        raise NotFound("That shoot day no longer exists.")
    production = production_by_id(session, team_id, day.production_id)
    return _publish(session, production, day, actor=actor, now=now, force=True)


def _publish(
    session: Session,
    production: Production,
    day: ShootDay,
    *,
    actor: str,
    now: datetime,
    force: bool,
) -> Outcome:
    require_coordinator(session, production, actor)
    result = publishing.publish(session, production, day, actor=actor, now=now, force=force)
    title = day_title(day.date)
    if result.unchanged:
        return Outcome(
            f"{title} is already out (revision {day.revision}) and nothing has "
            "changed since: no one was messaged again."
        )
    if not result.published:
        count = len(result.warnings)
        return Outcome(
            f"{title} has {count} warning{'s' if count != 1 else ''}: not sent yet.",
            blocks.warning_blocks(
                f"Before {title} goes out",
                result.warnings,
                blocks.button_value(day.id, day.revision),
            ),
            held=True,
        )
    removed = f", {result.removed} told they're no longer called" if result.removed else ""
    text = (
        f"Published {title}, revision {day.revision}: {result.dms} personal "
        f"DM{'s' if result.dms != 1 else ''}{removed}."
    )
    extra = (
        [
            section(
                ":warning: Published with warnings:\n"
                + "\n".join(f"• {escape(w)}" for w in result.warnings)
            )
        ]
        if result.warnings
        else []
    )
    return Outcome(text, [section(escape(text)), *extra])


def schedule_change(
    session: Session, production: Production, text: str, *, actor: str, now: datetime
) -> Outcome:
    """/schedulechange <day> <what changed>: the revision's DMs go to the people affected
    (who confirm it), and the announcement to the crew channel; nobody is told twice."""
    require_coordinator(session, production, actor)
    first, _, message = text.strip().partition(" ")
    if not first or not message.strip():
        raise InvalidInput(
            "Type the day and what changed, like `/schedulechange fri lunch moves to 1p, wrap 8p`."
        )
    day = shoot_days.require_day(session, production, _date(first, production, now) or date.min)
    outcome = _publish(session, production, day, actor=actor, now=now, force=False)
    if outcome.held:
        return outcome
    assert production.crew_channel_id is not None
    outbox.post_message(
        session,
        production.crew_channel_id,
        now=now,
        text=(f":rotating_light: SCHEDULE CHANGE {day_title(day.date)}: {escape(message.strip())}"),
    )
    return Outcome(f"Announced in the crew channel. {outcome.text}", outcome.blocks)
