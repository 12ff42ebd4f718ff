"""The call sheet PDF's building blocks: Latin-1 text, labelled lines, tables that repeat their
headings on each page and never split a row, and QR codes of maps links."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fpdf (with PIL) is a third of start-up: loaded when a PDF is made
    from fpdf import FPDF

CELL_LIMIT = 240  # characters a table cell prints: a longer one would outgrow a page
QR_SIZE = 22  # mm

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
        "\u00b7": "-",
    }
)


def latin(text: str | None) -> str:
    """Text the PDF core fonts can show (Latin-1), the rest marked."""
    return (text or "").translate(_PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def cell(text: str | None) -> str:
    """A table cell's text, cut so no row outgrows a page."""
    shown = latin(text)
    return shown if len(shown) <= CELL_LIMIT else shown[: CELL_LIMIT - 3] + "..."


def heading(pdf: FPDF, text: str) -> None:
    """A section title (kept with at least a few lines of what follows)."""
    if pdf.y + 20 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_fill_color(225, 225, 225)
    pdf.cell(0, 6, latin(text), new_x="LMARGIN", new_y="NEXT", fill=True)
    pdf.set_font("Helvetica", "", 9)


def para(pdf: FPDF, label: str, text: str | None) -> None:
    """A labelled paragraph, when there is something to say."""
    if not text:
        return
    heading(pdf, label)
    pdf.multi_cell(0, 4.5, latin(text), new_x="LMARGIN", new_y="NEXT")


def grid(pdf: FPDF, pairs: Sequence[tuple[str, str]], columns: int = 4) -> None:
    """Label / value pairs in a grid of `columns`."""
    width = pdf.epw / columns
    for start in range(0, len(pairs), columns):
        row = pairs[start : start + columns]
        pdf.set_font("Helvetica", "B", 7)
        for label, _ in row:
            pdf.cell(width, 4, latin(label).upper())
        pdf.ln()
        pdf.set_font("Helvetica", "", 10)
        for _, value in row:
            pdf.cell(width, 5.5, latin(value))
        pdf.ln(6.5)


LINE = 3.6  # mm between a table cell's lines
PAD = 0.9  # mm inside a table cell


def table(
    pdf: FPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    bold_rows: frozenset[int] = frozenset(),
) -> None:
    """A table whose headings repeat on every page; a row never splits across pages (drawn
    line by line: fpdf's own tables cost seconds for a 250-person crew)."""
    if not rows:
        return
    scale = pdf.epw / sum(widths)
    columns = [w * scale for w in widths]
    _row(pdf, [latin(h) for h in headings], columns, "B", (210, 210, 210))
    for index, row in enumerate(rows):
        texts = [cell(c) for c in row]
        style, fill = ("B", (240, 240, 240)) if index in bold_rows else ("", None)
        pdf.set_font("Helvetica", style, 8)
        lines = [
            _wrap(pdf, text, width - 2 * PAD) for text, width in zip(texts, columns, strict=True)
        ]
        height = max(len(x) for x in lines) * LINE + 2 * PAD
        if pdf.y + height > pdf.page_break_trigger:
            pdf.add_page()
            _row(pdf, [latin(h) for h in headings], columns, "B", (210, 210, 210))
            pdf.set_font("Helvetica", style, 8)
        _draw(pdf, lines, columns, height, fill)
    pdf.ln(1)


def _row(
    pdf: FPDF, texts: list[str], columns: list[float], style: str, fill: tuple[int, int, int]
) -> None:
    pdf.set_font("Helvetica", style, 8)
    lines = [_wrap(pdf, text, width - 2 * PAD) for text, width in zip(texts, columns, strict=True)]
    _draw(pdf, lines, columns, max(len(x) for x in lines) * LINE + 2 * PAD, fill)


def _draw(
    pdf: FPDF,
    lines: list[list[str]],
    columns: list[float],
    height: float,
    fill: tuple[int, int, int] | None,
) -> None:
    x, top = pdf.l_margin, pdf.y
    if fill is not None:
        pdf.set_fill_color(*fill)
    for cell_lines, width in zip(lines, columns, strict=True):
        pdf.rect(x, top, width, height, style="DF" if fill else "D")
        for number, line in enumerate(cell_lines, start=1):
            pdf.text(x + PAD, top + PAD + number * LINE - 0.9, line)
        x += width
    pdf.set_xy(pdf.l_margin, top + height)


def _width(pdf: FPDF, text: str) -> float:
    """Printed width of Latin-1 text in the current core font (fpdf's own reading of the text
    for bidirectional scripts costs more than the whole table)."""
    widths = pdf.current_font.cw
    return sum(widths.get(ch, 600) for ch in text) * pdf.font_size / 1000


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """The text's lines within `width` (words kept whole unless one alone is wider)."""
    if _width(pdf, text) <= width:
        return [text]
    lines, current = [], ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _width(pdf, candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(pdf, word) > width and len(word) > 1:
            cut = max(1, int(len(word) * width / _width(pdf, word)))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    return [*lines, current] if current else lines or [""]


@functools.lru_cache(maxsize=256)  # a day's few links, drawn again for every personal copy
def qr_png(url: str) -> bytes:
    """A QR code of `url`, as PNG bytes."""
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=4, border=1)
    return out.getvalue()


def links(pdf: FPDF, found: Sequence[tuple[str, str]]) -> None:
    """Each maps link as a QR code with its label and the URL beneath (clickable)."""
    if not found:
        return
    heading(pdf, "Directions (scan, or tap the link)")
    if pdf.y + QR_SIZE + 14 > pdf.page_break_trigger:
        pdf.add_page()
    width = pdf.epw / max(len(found), 4)
    top = pdf.y + 1
    for index, (label, url) in enumerate(found):
        x = pdf.l_margin + index * width
        pdf.image(io.BytesIO(qr_png(url)), x=x, y=top, w=QR_SIZE, h=QR_SIZE)
        pdf.set_xy(x, top + QR_SIZE + 0.5)
        pdf.set_font("Helvetica", "B", 8)
        pdf.cell(width, 4, latin(label), link=url)
    pdf.set_xy(pdf.l_margin, top + QR_SIZE + 5)
    pdf.set_font("Helvetica", "", 6.5)
    for label, url in found:
        pdf.cell(0, 3.2, latin(f"{label}: {url}"), link=url, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
