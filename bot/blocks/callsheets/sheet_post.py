"""The call sheet in the crew channel: a summary post within Slack's limits, and the rest of
the sheet (scenes, cast, crew, advance, notes) as thread replies beside the PDF."""

from __future__ import annotations

from collections.abc import Iterable

from bot.blocks.common import Block, clock, context, day_title, fields, header, section
from bot.blocks.escape import escape, truncate
from bot.blocks.limits import MAX_MESSAGE_BLOCKS, MAX_SECTION_TEXT
from bot.services.callsheets.sheet import PlaceView, SheetView

LINE_LIMIT = 400  # characters of one typed line in a post (the PDF has the rest)


def sheet_messages(view: SheetView) -> list[list[Block]]:
    """The channel post (the summary) first, then each thread reply's blocks."""
    details = thread_blocks(view)
    return [summary_blocks(view)] + [
        details[i : i + MAX_MESSAGE_BLOCKS] for i in range(0, len(details), MAX_MESSAGE_BLOCKS)
    ]


def summary_blocks(view: SheetView) -> list[Block]:
    """What everyone needs at a glance: times, where, who to call, the day in numbers."""
    t = lambda m: clock(m, view.tz, view.date)  # noqa: E731
    title = (
        f"{view.production} — Day {view.day_number} of {view.total_days} · {day_title(view.date)}"
    )
    pairs = [
        ("General crew call", t(view.general_call)),
        ("Shooting call", t(view.shooting_call)),
        ("Breakfast", t(view.breakfast)),
        ("Lunch", t(view.lunch)),
        ("Est. wrap", t(view.estimated_wrap)),
        ("Sunrise / sunset", f"{t(view.sunrise)} / {t(view.sunset)}"),
    ]
    if view.second_meal:
        pairs.insert(4, ("Second meal", t(view.second_meal)))
    blocks: list[Block] = [header(title), fields(pairs)]
    if view.weather:
        blocks.append(section(f":partly_sunny: {_line(view.weather, 2900)}"))
    blocks += place_blocks(view.location)
    blocks.append(section(_numbers(view)))
    calls = " · ".join(f"{_line(n, 80)} {t(at)}" for n, at in view.department_calls)
    if calls:
        blocks.append(section(truncate(f"*Department calls*\n{calls}", 2900)))
    if view.contacts:
        lines = [f"*{_line(r, 60)}:* {_line(n, 80)} {_line(p, 40)}" for r, n, p in view.contacts]
        blocks.append(section(truncate("\n".join(lines), 2900)))
    if view.safety_notes:
        blocks.append(section(f":warning: *Safety:* {_line(view.safety_notes, 2800)}"))
    blocks.append(
        context(
            f"Revision {view.revision} · The full sheet is in the thread and the PDF · No forced "
            "calls without prior approval of the UPM · Type `/calltime` for your own call"
        )
    )
    return blocks


def _numbers(view: SheetView) -> str:
    parts = [f"*Scenes:* {len(view.scenes)} ({view.total_pages} pages)"]
    if view.cast:
        parts.append(f"*Cast:* {view.cast_count}")
    if view.background_total or view.background_call:
        call = clock(view.background_call, view.tz, view.date)
        parts.append(f"*Background:* {view.background_total} (call {call})")
    if view.crew:
        parts.append(f"*Crew:* {view.crew_count}")
    return " · ".join(parts)


def place_blocks(place: PlaceView | None) -> list[Block]:
    """Where to go: the set, parking, basecamp, the hospital, with maps links."""
    if place is None:
        return [section("*Location:* TBA")]
    lines = [f"*Location:* {_line(place.name, 120)}", _line(place.address, 600)]
    for label, value in (
        ("Parking", place.parking),
        ("Crew parking", place.crew_parking),
        ("Basecamp", place.basecamp),
    ):
        if value:
            lines.append(f"*{label}:* {_line(value, 500)}")
    if place.links:  # built from the address by Slate, quoted: safe to link
        lines.append(" · ".join(f"<{url}|{label} map>" for label, url in place.links))
    blocks = [section(truncate("\n".join(line for line in lines if line), 2900))]
    if place.hospital_name or place.hospital_address:
        hospital = " · ".join(
            _line(x, 300)
            for x in (place.hospital_name, place.hospital_address, place.hospital_phone)
            if x
        )
        blocks.append(section(f":hospital: *Nearest hospital:* {hospital}"))
    return blocks


def thread_blocks(view: SheetView) -> list[Block]:
    """The rest of the sheet, section by section, each cut to Slack's section size."""
    t = lambda m: clock(m, view.tz, view.date) if m else "—"  # noqa: E731
    blocks: list[Block] = []
    scenes = [
        f"`{_line(s.number, 20)}` {_line(s.set_name, 200)} — {s.day_night} — {s.pages} pgs"
        + (f" — cast {_line(s.cast, 200)}" if s.cast else "")
        + (f" — {_line(s.location, 100)}" if s.location else "")
        + (f" — BG {s.background}" if s.background else "")
        for s in view.scenes
    ]
    blocks += _sections(f"*Scenes* ({len(view.scenes)}, {view.total_pages} pages)", scenes)
    needs = [
        f"`{_line(s.number, 20)}` {_line(s.requirements)}" for s in view.scenes if s.requirements
    ]
    blocks += _sections("*Special requirements*", needs)
    cast = [
        f"*{_line(c.number, 8)}* {_line(c.character, 80)} — {_line(c.actor, 120)} — {c.status}"
        + (f" — pickup {t(c.pickup)}" if c.pickup else "")
        + (f" — H/MU {t(c.hmu)}" if c.hmu else "")
        + (f" — wardrobe {t(c.wardrobe)}" if c.wardrobe else "")
        + (f" — on set {t(c.on_set)}" if c.on_set else "")
        + (f" — {_line(c.remarks, 200)}" if c.remarks else "")
        for c in view.cast
    ]
    blocks += _sections(f"*Cast* ({view.cast_count} working)", cast)
    for group in view.crew:
        people = [
            f"{_line(p.position, 80)} — {_line(p.name, 120)} — {t(p.call)}"
            + (" (own call)" if p.individual else "")
            + (f" — {_line(p.phone, 40)}" if p.phone else "")
            for p in group.people
        ]
        blocks += _sections(f"*{_line(group.department, 80)}* ({len(people)})", people)
    walkies = " · ".join(f"Ch {_line(c, 10)}: {_line(u, 80)}" for c, u in view.walkies)
    blocks += _sections("*Walkie channels*", [walkies] if walkies else [])
    advance = [
        f"{day_title(a.date)} — Day {a.day_number} — call {clock(a.call, view.tz)} — "
        f"{_line(a.location or 'TBA', 120)}"
        + (f" — sc. {_line(a.scenes, 300)}" if a.scenes else "")
        for a in view.advance
    ]
    blocks += _sections("*Advance schedule*", advance)
    for label, text in (("Notes", view.notes), ("Standard notes", view.standard_notes)):
        if text:
            blocks.append(section(f"*{label}*\n{_line(text, 2800)}"))
    return blocks


def _line(text: str | None, limit: int = LINE_LIMIT) -> str:
    """User text, escaped (no pings, no links) and cut to `limit` characters."""
    return truncate(escape(text or ""), limit)  # cut after escaping: "&amp;" is longer


def _sections(title: str, lines: Iterable[str]) -> list[Block]:
    """A titled list, one section per ~2900 characters."""
    lines = list(lines)
    if not lines:
        return []
    blocks, chunk = [], [title]
    for line in lines:
        if sum(len(x) + 1 for x in chunk) + len(line) > MAX_SECTION_TEXT - 100:
            blocks.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    blocks.append(section("\n".join(chunk)))
    return blocks
