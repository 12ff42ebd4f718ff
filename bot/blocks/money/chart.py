"""The budget chart: budget against approved and pending per line, as a PNG."""

from __future__ import annotations

import io
from decimal import Decimal

from bot.services.money.amounts import show
from bot.services.money.views import LineReport


def chart_png(rows: list[LineReport], currency: str) -> bytes:
    """Budget against approved and pending, one bar pair per line, as a PNG."""
    width, row_height, left = 900, 46, 190
    from PIL import Image, ImageDraw, ImageFont  # loaded when a chart is drawn, not at start

    image = Image.new("RGB", (width, 60 + row_height * max(len(rows), 1)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=14)
    top = max((max(r.budget, r.spent + r.pending) for r in rows), default=Decimal(1)) or 1
    scale = (width - left - 120) / float(top)
    draw.text(
        (10, 10),
        "Budget (grey) against approved (green) + pending (amber)",
        fill="black",
        font=font,
    )
    for index, row in enumerate(rows):
        y = 40 + index * row_height
        draw.text((10, y + 8), f"#{row.code} {row.name}"[:24], fill="black", font=font)
        draw.rectangle([left, y, left + float(row.budget) * scale, y + 14], fill="#cccccc")
        spent_end = left + float(row.spent) * scale
        draw.rectangle([left, y + 18, spent_end, y + 32], fill="#2e9e5b")
        draw.rectangle(
            [spent_end, y + 18, spent_end + float(row.pending) * scale, y + 32], fill="#f0a500"
        )
        label = f"{row.percent}% of {show(row.budget, currency)}"
        colour = "#c0392b" if row.percent >= 100 else "black"
        draw.text(
            (left + max(float(row.budget), float(row.spent + row.pending)) * scale + 8, y + 8),
            label,
            fill=colour,
            font=font,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
