"""Call sheet surfaces: the channel post, personal DMs, the tally and the warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from bot.blocks.callsheets.notices import change_line
from bot.blocks.callsheets.sheet_post import place_blocks
from bot.blocks.callsheets.sheet_post import sheet_messages as sheet_messages
from bot.blocks.common import (
    Block,
    actions,
    button,
    clock,
    context,
    day_title,
    fields,
    header,
    section,
)
from bot.blocks.escape import escape, truncate
from bot.blocks.metadata import BUTTON_VALUE_LIMIT, Meta, decode, encode
from bot.services.callsheets.person_day import Change, PersonDay
from bot.services.callsheets.sheet import PlaceView, SheetView

MAX_BLOCKS = 50
CONFIRM = "callsheet_confirm"
PUBLISH_ANYWAY = "callsheet_publish_anyway"
COPY = "callsheet_copy"


@dataclass(frozen=True)
class ConfirmMeta(Meta):
    """A Confirm button: whose call, on which day, at which revision."""

    KIND: ClassVar[str] = "callsheet_confirm"
    day_id: int
    revision: int
    person_id: int


@dataclass(frozen=True)
class CopyMeta(Meta):
    """The full-sheet PDF button of a call DM: whose copy, of which day."""

    KIND: ClassVar[str] = "callsheet_copy"
    day_id: int
    person_id: int


@dataclass(frozen=True)
class PublishAnywayMeta(Meta):
    """Publish anyway: the day whose warnings the coordinator read."""

    KIND: ClassVar[str] = "callsheet_publish_anyway"
    day_id: int
    revision: int
    ref: str = ""  # the progress message it is in: Publish anyway goes on editing it


_UNTYPED = re.compile(r"(\d+):(\d+)")


def read_confirm(value: str) -> ConfirmMeta:
    """A Confirm button's value; one sent before values were typed names no person (0)."""
    untyped = _UNTYPED.fullmatch(value)
    if untyped:  # DMs sent before this release are still on phones, waiting for a tap
        return ConfirmMeta(int(untyped[1]), int(untyped[2]), 0)
    return decode(ConfirmMeta, value)


def _title(view: SheetView) -> str:
    return (
        f"{view.production} — Day {view.day_number} of {view.total_days} · {day_title(view.date)}"
    )


def sheet_text(view: SheetView) -> str:
    """Notification text of the channel post."""
    return (
        f"Call sheet: {escape(view.production)} Day {view.day_number}, "
        f"{day_title(view.date)} — crew call {clock(view.general_call, view.tz)}"
    )


def personal_blocks(
    day: PersonDay,
    *,
    changes: tuple[Change, ...] | None,
    confirm: ConfirmMeta | None,
    confirmed_at: datetime | None = None,
    copy: CopyMeta | None = None,
) -> list[Block]:
    """A person's own day by DM, with a Confirm button until they confirm; then the full sheet
    as a PDF with their page first (`copy`)."""
    blocks: list[Block] = [
        header(("REVISED: " if changes else "") + f"Your call · {day_title(day.date)}")
    ]
    if changes:
        lines = (change_line(c, day.tz, day.date) for c in changes)
        blocks.append(section("\n".join(f"• {line}" for line in lines)))
    blocks += day_blocks(day)
    buttons = []
    if confirmed_at is not None:
        blocks.append(context(f":white_check_mark: Confirmed at {clock(confirmed_at, day.tz)}"))
    elif confirm is not None:
        value = encode(confirm, BUTTON_VALUE_LIMIT)
        buttons.append(button("Confirm", CONFIRM, value, "primary"))
    if copy is not None:
        value = encode(copy, BUTTON_VALUE_LIMIT)
        buttons.append(button("Full call sheet (PDF)", COPY, value))
    if buttons:
        blocks.append(actions("confirm", *buttons))
    blocks.append(
        context(f"{escape(day.production)} · Day {day.day_number} · revision {day.revision}")
    )
    return blocks


def day_blocks(day: PersonDay, call_label: str = "Your call") -> list[Block]:
    """One person's day: their times, where, the hospital, their scenes, notes and weather
    (`call_label`: "Call" where it may be read by someone else, as /calltime @person is)."""
    t = lambda m: clock(m, day.tz, day.date)  # noqa: E731
    pairs = [(call_label, f"*{t(day.call_at)}*"), ("Shooting call", t(day.shooting_call))]
    for label, moment in (
        ("Pickup", day.pickup_at),
        ("Hair & make-up", day.hmu_at),
        ("Breakfast", day.breakfast),
        ("Lunch", day.lunch),
        ("Est. wrap", day.estimated_wrap),
    ):
        if moment is not None:
            pairs.append((label, t(moment)))
    place = PlaceView(
        day.location or "TBA",
        day.address,
        day.parking,
        day.basecamp,
        day.hospital_name,
        day.hospital_address,
        day.hospital_phone,
    )
    blocks = [fields(pairs), *place_blocks(place)]
    if day.weather:
        blocks.append(section(f":partly_sunny: {escape(day.weather)}"))
    if day.scenes:
        label = "Your scenes" if day.role == "cast" else "Scenes"
        blocks.append(section(f"*{label}:* {escape(truncate(', '.join(day.scenes), 2900))}"))
    if day.remarks:  # their own: fittings, rehearsals, what the coordinator typed
        blocks.append(section(f"*Your remarks:* {escape(truncate(day.remarks, 2900))}"))
    if day.notes:
        blocks.append(section(f"*Notes*\n{escape(truncate(day.notes, 2900))}"))
    return blocks


def personal_text(day: PersonDay, changes: tuple[Change, ...] | None) -> str:
    """Notification text of a personal DM."""
    if changes:
        lines = "; ".join(change_line(c, day.tz, day.date) for c in changes)
        return f"REVISED {day_title(day.date)}: {lines}"
    when = clock(day.call_at, day.tz, day.date)
    return f"Your call {day_title(day.date)}: {when} — please confirm"


def tally_blocks(
    view: SheetView, confirmed: int, pending: list[tuple[str, str | None, bool]]
) -> tuple[str, list[Block]]:
    """The coordinators' live tally: "32/40 confirmed" and who has not."""
    total = confirmed + len(pending)
    text = f"Day {view.day_number} ({day_title(view.date)}): {confirmed}/{total} confirmed"
    blocks = [section(f"*{escape(text)}* · revision {view.revision}")]
    if pending:
        lines = [
            f"• {escape(name)}"
            + (f" — {escape(phone)}" if phone else "")
            + ("" if on_slack else " _(not on Slack: call them)_")
            for name, phone, on_slack in pending[:60]
        ]
        more = f"\n…and {len(pending) - 60} more" if len(pending) > 60 else ""
        blocks.append(section("*Not confirmed yet*\n" + "\n".join(lines) + more))
    else:
        blocks.append(context(":tada: Everyone has confirmed."))
    return text, blocks


def warning_blocks(
    title: str, warnings: tuple[str, ...], publish: PublishAnywayMeta | None
) -> list[Block]:
    """Rule warnings before publishing, with Publish anyway for the coordinator."""
    blocks = [
        section(
            f":warning: *{escape(title)}*\n" + "\n".join(f"• {escape(w)}" for w in warnings[:40])
        )
    ]
    if publish is not None:
        value = encode(publish, BUTTON_VALUE_LIMIT)
        blocks.append(actions("publish", button("Publish anyway", PUBLISH_ANYWAY, value, "danger")))
    return blocks


def nudge_text(on: date, tz: str, call_at: datetime) -> str:
    """A reminder to confirm."""
    return (
        f"Reminder: please confirm your call for {day_title(on)} — "
        f"{clock(call_at, tz, on)}. Tap Confirm on the message above."
    )
