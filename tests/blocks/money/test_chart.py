"""The budget chart from plain rows: a PNG for one line or three hundred, no database."""

from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image

from bot.blocks.money.chart import chart_png
from bot.services.money.views import LineReport


def test_the_chart_draws_every_line_of_a_300_line_budget() -> None:
    rows = [
        LineReport(f"{i:03d}", "Lights " * 50, Decimal("1000"), Decimal(i * 5), Decimal("7.5"))
        for i in range(300)
    ]
    image = Image.open(io.BytesIO(chart_png(rows, "EUR")))
    assert image.format == "PNG" and image.height >= 300 * 46


def test_a_budget_of_zeros_still_draws() -> None:
    rows = [LineReport("misc", "Misc", Decimal("0"), Decimal("0"), Decimal("0"))]
    assert Image.open(io.BytesIO(chart_png(rows, "USD"))).format == "PNG"
