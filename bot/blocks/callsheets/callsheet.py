"""Call sheet surfaces: the channel post, personal DMs, the tally and the warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from bot.blocks.callsheets.notices import change_line
from bot.blocks.common import (
    Block,
    actions,
    button,
    clock,
    context,
    day_title,
    divider,
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


@dataclass(frozen=True)
class ConfirmMeta(Meta):
    """A Confirm button: whose call, on which day, at which revision."""

    KIND: ClassVar[str] = "callsheet_confirm"
    day_id: int
    revision: int
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


def sheet_blocks(view: SheetView) -> list[Block]:
    """The whole call sheet for the crew channel, phone-first (split by thread_chunks)."""
    t = lambda m: clock(m, view.tz, view.date)  # noqa: E731
    blocks: list[Block] = [
        header(_title(view)),
        fields(
            [
                ("General crew call", t(view.general_call)),
                ("Shooting call", t(view.shooting_call)),
                ("Breakfast", t(view.breakfast)),
                ("Lunch", t(view.lunch)),
                ("Est. wrap", t(view.estimated_wrap)),
                ("Sunrise / sunset", f"{t(view.sunrise)} / {t(view.sunset)}"),
            ]
        ),
    ]
    if view.weather:
        blocks.append(section(f":partly_sunny: {escape(view.weather)}"))
    blocks += _location_blocks(view)
    blocks.append(divider())
    blocks += _scene_blocks(view)
    if view.department_calls:
        lines = [f"{escape(name)} {t(at)}" for name, at in view.department_calls]
        blocks.append(section("*Department calls*\n" + " · ".join(lines)))
    if view.advance:
        lines = [
            f"{day_title(a.date)} — Day {a.day_number} — call "
            f"{clock(a.call, view.tz)} — {escape(a.location or 'TBA')}"
            for a in view.advance
        ]
        blocks.append(section("*Advance schedule*\n" + "\n".join(lines)))
    if view.notes:
        blocks.append(section(f"*Notes*\n{escape(view.notes)}"))
    blocks.append(
        context(
            f"Revision {view.revision} · No forced calls without prior approval "
            "of the UPM · Type `/calltime` for your own call"
        )
    )
    return blocks


def _location_blocks(view: SheetView) -> list[Block]:
    if view.location is None:
        return [section("*Location:* TBA")]
    return _place_blocks(view.location)


def _place_blocks(place: PlaceView) -> list[Block]:
    lines = [f"*Location:* {escape(place.name)}", escape(place.address or "")]
    if place.parking:
        lines.append(f"*Parking:* {escape(place.parking)}")
    if place.basecamp:
        lines.append(f"*Basecamp:* {escape(place.basecamp)}")
    blocks = [section("\n".join(line for line in lines if line))]
    if place.hospital_name or place.hospital_address:
        hospital = " · ".join(
            escape(x)
            for x in (place.hospital_name, place.hospital_address, place.hospital_phone)
            if x
        )
        blocks.append(section(f":hospital: *Nearest hospital:* {hospital}"))
    return blocks


def _scene_blocks(view: SheetView) -> list[Block]:
    if not view.scenes:
        return [section("*Scenes:* TBA")]
    lines = [
        f"`{escape(s.number)}` {escape(s.set_name)} — {s.day_night} — {s.pages} pgs"
        + (f" — cast: {escape(s.cast)}" if s.cast else "")
        for s in view.scenes
    ]
    blocks, chunk = [], [f"*Scenes* ({len(view.scenes)}, {view.total_pages} pages)"]
    for line in lines:  # sections hold 3000 characters: start a new one before that
        if sum(len(x) + 1 for x in chunk) + len(line) > 2900:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    blocks.append(section("\n".join(chunk)))
    return blocks


def thread_chunks(blocks: list[Block]) -> list[list[Block]]:
    """Split a long sheet: the first 50 blocks in the post, the rest as thread replies."""
    return [blocks[i : i + MAX_BLOCKS] for i in range(0, len(blocks), MAX_BLOCKS)]


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
) -> list[Block]:
    """A person's own day by DM, with a Confirm button until they confirm."""
    blocks: list[Block] = [
        header(("REVISED: " if changes else "") + f"Your call · {day_title(day.date)}")
    ]
    if changes:
        lines = (change_line(c, day.tz, day.date) for c in changes)
        blocks.append(section("\n".join(f"• {line}" for line in lines)))
    blocks += day_blocks(day)
    if confirmed_at is not None:
        blocks.append(context(f":white_check_mark: Confirmed at {clock(confirmed_at, day.tz)}"))
    elif confirm is not None:
        value = encode(confirm, BUTTON_VALUE_LIMIT)
        blocks.append(actions("confirm", button("Confirm", CONFIRM, value, "primary")))
    blocks.append(
        context(f"{escape(day.production)} · Day {day.day_number} · revision {day.revision}")
    )
    return blocks


def day_blocks(day: PersonDay) -> list[Block]:
    """One person's day: their times, where, the hospital, their scenes, notes and weather."""
    t = lambda m: clock(m, day.tz, day.date)  # noqa: E731
    pairs = [("Your call", f"*{t(day.call_at)}*"), ("Shooting call", t(day.shooting_call))]
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
    blocks = [fields(pairs), *_place_blocks(place)]
    if day.weather:
        blocks.append(section(f":partly_sunny: {escape(day.weather)}"))
    if day.scenes:
        label = "Your scenes" if day.role == "cast" else "Scenes"
        blocks.append(section(f"*{label}:* {escape(truncate(', '.join(day.scenes), 2900))}"))
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
