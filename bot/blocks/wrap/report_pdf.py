"""A simple label/value report as PDF (the daily production report)."""

from __future__ import annotations

from bot.blocks.callsheets.pdf import latin


def render(title: str, rows: list[tuple[str, str]]) -> bytes:
    """One page (or more) of labelled lines."""
    from fpdf import FPDF  # loaded when a report is made: fpdf is a third of start-up

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, latin(title), new_x="LMARGIN", new_y="NEXT")
    for label, value in rows:
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(0, 5, latin(label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, latin(value or "-"), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
