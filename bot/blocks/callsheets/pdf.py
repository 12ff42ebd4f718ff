"""The call sheet as a PDF: every section, as many pages as it takes, for printing and for the
crew channel; from a DM, with the person's own page first."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.blocks.callsheets.pdf_parts import grid, heading, latin, links, para, table
from bot.blocks.common import clock, day_title
from bot.services.callsheets.person_day import PersonDay
from bot.services.callsheets.sheet import SheetView, maps_url

if TYPE_CHECKING:
    from fpdf import FPDF

# A fixed creation date: the same sheet renders to the same bytes (and the golden image).
_CREATED = datetime(2026, 1, 1)
FOOTER = "No forced calls without prior approval of the UPM."


def render(view: SheetView, person: PersonDay | None = None) -> bytes:
    """A PDF of the call sheet (`person`: their own page first)."""
    from fpdf import FPDF

    class _Sheet(FPDF):
        def footer(self) -> None:
            self.set_y(-10)
            self.set_font("Helvetica", "I", 7)
            text = f"{view.production} - {day_title(view.date)} - revision {view.revision}"
            self.cell(0, 4, latin(f"{text} - {FOOTER}"))
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = _Sheet(format="letter")
    pdf.set_creation_date(_CREATED)
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(auto=True, margin=14)
    if person is not None:
        pdf.add_page()
        _person_page(pdf, view, person)
    pdf.add_page()
    _header(pdf, view)
    _times(pdf, view)
    _places(pdf, view)
    _scenes(pdf, view)
    _cast(pdf, view)
    _background(pdf, view)
    _crew(pdf, view)
    _rest(pdf, view)
    return bytes(pdf.output())


def _t(view: SheetView, moment: datetime | None) -> str:
    return clock(moment, view.tz, view.date).replace("—", "-")


def _header(pdf: FPDF, view: SheetView) -> None:
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 9, latin(view.production), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    revised = ""
    if view.revised_at is not None:
        local = view.revised_at.astimezone(ZoneInfo(view.tz))
        revised = f" ({clock(local, view.tz)} {local:%a %b %-d})"
    line = (
        f"{view.company + ' - ' if view.company else ''}CALL SHEET - Day {view.day_number} of "
        f"{view.total_days} - {day_title(view.date)} {view.date.year} - revision "
        f"{view.revision}{revised}"
    )
    pdf.cell(0, 6, latin(line), new_x="LMARGIN", new_y="NEXT")
    if view.contacts:
        pdf.set_font("Helvetica", "", 8)
        text = "   ".join(f"{role}: {name} {phone}".strip() for role, name, phone in view.contacts)
        pdf.multi_cell(0, 4, latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _times(pdf: FPDF, view: SheetView) -> None:
    t = lambda m: _t(view, m)  # noqa: E731
    pairs = [
        ("General crew call", t(view.general_call)),
        ("Shooting call", t(view.shooting_call)),
        ("Est. wrap", t(view.estimated_wrap)),
        ("Sunrise / sunset", f"{t(view.sunrise)} / {t(view.sunset)}"),
        ("Breakfast", t(view.breakfast)),
        ("Lunch", t(view.lunch)),
        ("Second meal", t(view.second_meal)),
        ("Weather", view.weather or "-"),
    ]
    pdf.set_draw_color(0, 0, 0)
    grid(pdf, pairs)


def _places(pdf: FPDF, view: SheetView) -> None:
    place = view.location
    if place is None:
        para(pdf, "Location", "TBA")
        return
    hospital = " - ".join(
        x for x in (place.hospital_name, place.hospital_address, place.hospital_phone) if x
    )
    rows = [
        ("Set", f"{place.name} - {place.address or ''}"),
        ("Parking", place.parking or ""),
        ("Crew parking", place.crew_parking or ""),
        ("Basecamp", place.basecamp or ""),
        ("Nearest hospital", hospital),
    ]
    heading(pdf, "Locations")
    table(pdf, ("", "Where"), [r for r in rows if r[1]], (18, 82))
    links(pdf, place.links)


def _scenes(pdf: FPDF, view: SheetView) -> None:
    if not view.scenes:
        para(pdf, "Scenes", "TBA")
        return
    heading(pdf, f"Scenes - {len(view.scenes)} scenes, {view.total_pages} pages")
    rows = [
        (s.number, s.set_name, s.day_night, s.pages, s.cast, s.location or "", str(s.background))
        for s in view.scenes
    ]
    rows.append(("", "Total", "", view.total_pages, "", "", str(view.background_total)))
    table(
        pdf,
        ("Sc.", "Set", "D/N", "Pages", "Cast", "Location", "BG"),
        rows,
        (8, 34, 7, 9, 14, 20, 6),
        bold_rows=frozenset({len(rows) - 1}),
    )
    needs = [(s.number, s.requirements) for s in view.scenes if s.requirements]
    if needs:
        heading(pdf, "Special requirements (props, vehicles, animals, stunts, SFX)")
        table(pdf, ("Sc.", "Needs"), needs, (8, 92))


def _cast(pdf: FPDF, view: SheetView) -> None:
    if not view.cast:
        return
    t = lambda m: _t(view, m) if m else ""  # noqa: E731
    heading(pdf, f"Cast - {view.cast_count} working")
    rows = [
        [
            *(c.number, c.character, c.actor, c.status),
            *(t(c.pickup), t(c.hmu), t(c.wardrobe), t(c.on_set), c.remarks),
        ]
        for c in view.cast
    ]
    table(
        pdf,
        ("#", "Character", "Actor", "Status", "Pickup", "H/MU", "Wardrobe", "On set", "Remarks"),
        rows,
        (5, 15, 17, 7, 10, 10, 10, 10, 16),
    )


def _background(pdf: FPDF, view: SheetView) -> None:
    if not view.background_total and not view.background_call:
        return
    counts = ", ".join(f"sc. {s.number}: {s.background}" for s in view.scenes if s.background)
    para(
        pdf,
        "Background",
        f"{view.background_total} background, call {_t(view, view.background_call)}"
        + (f" ({counts})" if counts else ""),
    )


def _crew(pdf: FPDF, view: SheetView) -> None:
    if not view.crew:
        return
    heading(pdf, f"Crew - {view.crew_count} (* = individual call)")
    rows: list[tuple[str, ...]] = []
    bold = set()
    for group in view.crew:
        bold.add(len(rows))
        rows.append((group.department, "", "", ""))
        rows += [
            (p.position, p.name, _t(view, p.call) + (" *" if p.individual else ""), p.phone or "")
            for p in group.people
        ]
    table(pdf, ("Position", "Name", "Call", "Phone"), rows, (32, 32, 16, 20), frozenset(bold))


def _rest(pdf: FPDF, view: SheetView) -> None:
    if view.department_calls:
        calls = "   ".join(f"{name} {_t(view, at)}" for name, at in view.department_calls)
        para(pdf, "Department calls", calls)
    if view.walkies:
        para(pdf, "Walkie channels", "   ".join(f"Ch {c}: {use}" for c, use in view.walkies))
    para(pdf, "Safety", view.safety_notes)
    if view.advance:
        heading(pdf, "Advance schedule")
        rows = [
            [
                f"{day_title(a.date)} - Day {a.day_number}",
                *(clock(a.call, view.tz), a.location or "TBA", a.scenes),
            ]
            for a in view.advance
        ]
        table(pdf, ("Day", "Call", "Location", "Scenes"), rows, (25, 15, 30, 30))
    para(pdf, "Notes", view.notes)
    para(pdf, "Standard notes", view.standard_notes)


def _person_page(pdf: FPDF, view: SheetView, day: PersonDay) -> None:
    """The person's own page: their call, pickup, scenes and where to go."""
    t = lambda m: _t(view, m)  # noqa: E731
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, latin(f"{day.name} - {day_title(view.date)}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    title = f"{view.production} - Day {view.day_number} of {view.total_days} - your page"
    pdf.cell(0, 6, latin(title), new_x="LMARGIN", new_y="NEXT")
    pairs = [("Your call", t(day.call_at)), ("Shooting call", t(view.shooting_call))]
    for label, moment in (
        ("Pickup", day.pickup_at),
        ("Hair & make-up", day.hmu_at),
        ("Wardrobe", day.wardrobe_at),
        ("On set", day.on_set_at),
    ):
        if moment is not None:
            pairs.append((label, t(moment)))
    pairs += [("Lunch", t(view.lunch)), ("Est. wrap", t(view.estimated_wrap))]
    grid(pdf, pairs)
    para(pdf, "Remarks", day.remarks)
    place = view.location
    if place is not None:
        para(pdf, "Where", f"{place.name} - {place.address or ''}")
        para(pdf, "Crew parking", place.crew_parking)
    mine = [s for s in view.scenes if s.number in day.scenes]
    if mine:
        heading(pdf, "Your scenes" if day.role == "cast" else "Scenes")
        rows = [(s.number, s.set_name, s.day_night, s.pages, s.cast) for s in mine]
        table(pdf, ("Sc.", "Set", "D/N", "Pages", "Cast"), rows, (10, 50, 8, 12, 20))
    url = maps_url(place.coordinates or place.address) if place else None
    if url:
        links(pdf, [("Set", url)])
    para(pdf, "Safety", view.safety_notes)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 6, "The full call sheet follows.", new_x="LMARGIN", new_y="NEXT")
