"""The call sheet as a one- or two-page PDF, for printing and for the crew channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fpdf (with PIL) is a third of start-up: loaded when a PDF is made
    from fpdf import FPDF

from bot.blocks.common import clock, day_title
from bot.services.callsheets.sheet import SheetView

_PUNCTUATION = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2060": "",
    }
)


def latin(text: str | None) -> str:
    # The PDF core fonts are Latin-1: keep what they can show, mark the rest.
    return (text or "").translate(_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def render(view: SheetView) -> bytes:
    """A PDF of the call sheet."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    t = lambda m: clock(m, view.tz, view.date)  # noqa: E731
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, latin(view.production), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(
        0,
        6,
        latin(
            f"CALL SHEET - Day {view.day_number} of {view.total_days} - "
            f"{day_title(view.date)} - revision {view.revision}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    _row(
        pdf,
        [
            ("General crew call", t(view.general_call)),
            ("Shooting call", t(view.shooting_call)),
            ("Est. wrap", t(view.estimated_wrap)),
        ],
    )
    _row(
        pdf,
        [
            ("Breakfast", t(view.breakfast)),
            ("Lunch", t(view.lunch)),
            ("Sunrise / sunset", f"{t(view.sunrise)} / {t(view.sunset)}"),
        ],
    )
    if view.weather:
        _para(pdf, "Weather", view.weather)
    place = view.location
    if place is not None:
        _para(pdf, "Location", f"{place.name}\n{place.address or ''}")
        if place.parking:
            _para(pdf, "Parking", place.parking)
        if place.basecamp:
            _para(pdf, "Basecamp", place.basecamp)
        if place.hospital_name or place.hospital_address:
            _para(
                pdf,
                "Nearest hospital",
                " - ".join(
                    x
                    for x in (place.hospital_name, place.hospital_address, place.hospital_phone)
                    if x
                ),
            )
    _scenes(pdf, view)
    if view.department_calls:
        _para(
            pdf,
            "Department calls",
            "   ".join(f"{name} {t(at)}" for name, at in view.department_calls),
        )
    if view.advance:
        _para(
            pdf,
            "Advance schedule",
            "\n".join(
                f"{day_title(a.date)} - Day {a.day_number} - call {clock(a.call, view.tz)} - "
                f"{a.location or 'TBA'}"
                for a in view.advance
            ),
        )
    if view.notes:
        _para(pdf, "Notes", view.notes)
    pdf.set_font("Helvetica", "I", 8)
    pdf.cell(0, 6, "No forced calls without prior approval of the UPM.")
    return bytes(pdf.output())


def _row(pdf: FPDF, cells: list[tuple[str, str]]) -> None:
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / len(cells)
    pdf.set_font("Helvetica", "B", 9)
    for label, _ in cells:
        pdf.cell(width, 5, latin(label))
    pdf.ln()
    pdf.set_font("Helvetica", "", 11)
    for _, value in cells:
        pdf.cell(width, 6, latin(value))
    pdf.ln(8)


def _para(pdf: FPDF, label: str, text: str) -> None:
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 5, latin(label), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, latin(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _scenes(pdf: FPDF, view: SheetView) -> None:
    if not view.scenes:
        return
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 5, latin(f"Scenes ({view.total_pages} pages)"), new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(12, 60, 10, 14, 50), text_align="LEFT", line_height=5) as table:
        table.row(["Sc.", "Set", "D/N", "Pages", "Cast"])
        for scene in view.scenes:
            table.row(
                [
                    latin(scene.number),
                    latin(scene.set_name),
                    scene.day_night,
                    scene.pages,
                    latin(scene.cast),
                ]
            )
    pdf.ln(2)
