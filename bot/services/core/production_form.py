"""The production setup form: what a coordinator fills in, checked, and what it shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import FormInvalid, InvalidInput
from bot.store.models import Production
from bot.timeparse import TimeParseError, parse_on_day

CURRENCIES = ("USD", "CAD", "EUR", "GBP", "AUD", "NZD", "MXN")


@dataclass(frozen=True)
class ProductionForm:
    """What a coordinator fills in to create or edit a production."""

    name: str
    timezone: str
    currency: str = "USD"
    crew_channel_id: str | None = None
    coordinators_channel_id: str | None = None
    problems_channel_id: str | None = None
    # Production settings: when the next day's call sheet goes out, when to nudge.
    publish_time: str | None = None
    nudge_minutes: int | None = None
    # Private channels picked that Slate is not in, as (id, name or ""): read from Slack when
    # the form is saved, because a post there would be refused (not_in_channel). Not stored.
    uninvited: tuple[tuple[str, str], ...] = ()

    def columns(self) -> dict[str, object]:
        """The fields stored as Production columns."""
        return {k: v for k, v in self.__dict__.items() if k not in (*SETTINGS_FIELDS, "uninvited")}

    def settings(self) -> dict[str, object]:
        """The fields stored in Production.settings, under their settings keys."""
        values = {
            "callsheet_publish_time": self.publish_time,
            "nudge_after_minutes": self.nudge_minutes,
        }
        return {k: v for k, v in values.items() if v is not None}


SETTINGS_FIELDS = ("publish_time", "nudge_minutes")


_AFTER_WRAP = re.compile(
    r"^\+?\s*(\d+(?:\.\d+)?)\s*(h|hrs?|hours?|m|mins?|minutes?)\s*(after wrap)?$", re.I
)
LATEST_AFTER_WRAP = 12 * 60  # minutes: later than that is the next morning, not "after wrap"
_CHANNELS = {
    "crew_channel_id": ("crew_channel", "Pick the crew channel: call sheets go there."),
    "coordinators_channel_id": (
        "coordinators_channel",
        "Pick the coordinators' channel: approvals and alerts go there.",
    ),
}
_CHANNEL_FIELDS = {
    **{c: f for c, (f, _) in _CHANNELS.items()},
    "problems_channel_id": "problems_channel",
}


def _publish_time(text: str | None, tz: str) -> str | None:
    """ "6p" -> "18:00"; "2h after wrap" -> "+120" (minutes after the previous day's wrap)."""
    if not text or not text.strip():
        return None
    after = _AFTER_WRAP.match(text.strip())
    if after and (after[3] or text.strip().startswith("+")):
        minutes = float(after[1]) * (60 if after[2].lower().startswith("h") else 1)
        if not 0 <= minutes <= LATEST_AFTER_WRAP:
            raise InvalidInput(
                "Call sheet time: type up to 12h after wrap (like “2h after wrap”), or a time "
                "of day like “6p”.",
                field="publish_time",
            )
        return f"+{round(minutes)}"
    try:
        moment = parse_on_day(text, date(2026, 1, 5), tz)
    except TimeParseError as error:
        raise InvalidInput(f"Call sheet time: {error}", field="publish_time") from error
    return moment.astimezone(ZoneInfo(tz)).strftime("%H:%M")


def validate(form: ProductionForm) -> ProductionForm:
    """Check a production form; raise FormInvalid naming every field to fix, all at once."""
    errors: dict[str, str] = {}
    name = " ".join(form.name.split())
    if not name:
        errors["name"] = "Give the production a name."
    elif len(name) > 120:
        errors["name"] = "Keep the name under 120 characters."
    if not _is_zone(form.timezone):
        errors["timezone"] = (
            f"“{form.timezone}” is not a time zone. Type one like America/Los_Angeles."
        )
    currency = form.currency.strip().upper()
    if currency not in CURRENCIES:
        errors["currency"] = f"Currency must be one of {', '.join(CURRENCIES)}."
    for column, (field, message) in _CHANNELS.items():
        if getattr(form, column) == "":  # the form's field was emptied (None: not asked)
            errors[field] = message
    errors.update(_uninvited(form))
    nudge = form.nudge_minutes
    if nudge is not None and not 5 <= nudge <= 24 * 60:
        errors["nudge_minutes"] = "Nudge after 5 to 1440 minutes."
    publish = None
    try:
        publish = _publish_time(
            form.publish_time, form.timezone if "timezone" not in errors else "UTC"
        )
    except InvalidInput as error:
        errors["publish_time"] = error.message
    if errors:
        raise FormInvalid(errors)
    return ProductionForm(
        name,
        form.timezone,
        currency,
        form.crew_channel_id,
        form.coordinators_channel_id,
        form.problems_channel_id or None,
        publish,
        nudge,
    )


def _uninvited(form: ProductionForm) -> dict[str, str]:
    """A field error for each picked private channel Slate has not been invited to."""
    names = dict(form.uninvited)
    errors = {}
    for column, field in _CHANNEL_FIELDS.items():
        channel = getattr(form, column)
        if channel and channel in names:
            where = f"#{names[channel]}" if names[channel] else "that channel (it is private)"
            errors[field] = f"Invite Slate first: `/invite @Slate` in {where}, then Save again."
    return errors


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return name in available_timezones()


def form_from_answers(
    answers: dict[str, Any], uninvited: tuple[tuple[str, str], ...] = ()
) -> ProductionForm:
    """A ProductionForm from the setup modal's answers (keyed by action_id)."""
    nudge = answers.get("nudge_minutes")
    if nudge not in (None, "") and not str(nudge).strip().lstrip("-").isdigit():
        nudge = -1  # not a whole number: refused on its field with the others
    return ProductionForm(
        name=answers.get("name") or "",
        timezone=answers.get("timezone") or "",
        currency=answers.get("currency") or "USD",
        crew_channel_id=answers.get("crew_channel") or "",
        coordinators_channel_id=answers.get("coordinators_channel") or "",
        problems_channel_id=answers.get("problems_channel"),
        publish_time=answers.get("publish_time"),
        nudge_minutes=int(nudge) if nudge not in (None, "") else None,
        uninvited=uninvited,
    )


@dataclass(frozen=True)
class SetupView:
    """What the setup modal shows: a production's stored settings, or a new one's defaults."""

    production_id: int | None = None
    name: str = ""
    timezone: str = "America/Los_Angeles"
    currency: str = "USD"
    crew_channel_id: str | None = None
    coordinators_channel_id: str | None = None
    problems_channel_id: str | None = None
    publish_time: str = "18:00"  # "HH:MM" the evening before, or "+minutes" after wrap
    nudge_minutes: int = 60


def setup_view(production: Production | None) -> SetupView:
    """The setup modal's content for editing `production` (None: creating one)."""
    if production is None:
        return SetupView()
    settings = production.settings or {}
    return SetupView(
        production.id,
        production.name,
        production.timezone,
        production.currency,
        production.crew_channel_id,
        production.coordinators_channel_id,
        production.problems_channel_id,
        settings.get("callsheet_publish_time", "18:00"),
        int(settings.get("nudge_after_minutes", 60)),
    )
