"""The coordinators' warnings: meals due and late, rentals due back, documents expiring."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from bot.blocks.common import clock, day_title
from bot.blocks.escape import escape
from bot.blocks.wrap.loose_ends import describe
from bot.services.money.amounts import show
from bot.services.wrap.views import DocumentInfo, GearInfo, MealInfo


def meal_due(due_at: datetime, tz: str) -> str:
    """Thirty minutes before the crew's meal is due."""
    return (
        f":fork_and_knife: The crew's meal is due at {clock(due_at, tz)} (30 min). "
        "Call it with `/meal start`."
    )


def meal_late(due_at: datetime, tz: str) -> str:
    """The meal time passed without a meal."""
    return (
        f":rotating_light: The crew's meal was due at {clock(due_at, tz)}: "
        "meal penalties are running."
    )


def meal_started_late(
    department: str | None,
    late_minutes: int,
    due_at: datetime,
    started_at: datetime,
    penalty: Decimal,
    people: int,
    tz: str,
    currency: str,
) -> str:
    """A meal started late, with its estimated penalty."""
    return (
        f":warning: Meal for {escape(department or 'the crew')} started {late_minutes} min late "
        f"(due {clock(due_at, tz)}, started {clock(started_at, tz)}): estimated penalty "
        f"{show(penalty, currency)} for {people} people."
    )


def meal_reply(meal: MealInfo, typed: str, tz: str, currency: str) -> str:
    """What /meal answers: started, ended or recorded, and the penalty if it was late."""
    group = escape(meal.department or "the crew")
    if meal.ended_at and "-" in typed:
        text = (
            f"Meal recorded for {group}: {clock(meal.started_at, tz)} to "
            f"{clock(meal.ended_at, tz)}."
        )
    elif meal.ended_at:
        text = f"Meal ended for {group} at {clock(meal.ended_at, tz)}."
    else:
        text = f"Meal started for {group} at {clock(meal.started_at, tz)}."
    if meal.late_minutes and not typed.strip().lower().startswith("end"):
        text += (
            f" It was {meal.late_minutes} min late: estimated penalty "
            f"{show(meal.penalty, currency)}."
        )
    return text


def return_due(item: GearInfo) -> str:
    """A rental due back tomorrow is still out."""
    return (
        f":warning: Still out, due back tomorrow: {describe(item)} — "
        f"with {escape(item.holder or 'someone')}."
    )


def label(document: DocumentInfo) -> str:
    """ "Film permit for Rosa's Diner (Jun 1 to Jun 20)"."""
    return (
        f"{document.kind} for {escape(document.covers)} "
        f"({document.valid_from:%b %-d} to {document.expires:%b %-d})"
    )


def document_expiring(document: DocumentInfo, days: int) -> str:
    """7 days and 1 day before a document expires."""
    when = "tomorrow" if days == 1 else f"in {days} days"
    return f":warning: {label(document)} expires {when}."


def day_uncovered(day: date, location: str) -> str:
    """A shoot day at a location with no valid permit or agreement."""
    return (
        f":warning: {day_title(day)} shoots at {escape(location)} with no valid film permit or "
        "location agreement on file for that date."
    )
