"""Reading and writing amounts of money: Decimal, two places, the production's currency."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SYMBOLS = {
    "USD": "$",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "MXN": "MX$",
    "EUR": "€",
    "GBP": "£",
}
AMOUNT = re.compile(r"(?<![\w.])(?:[$€£]|[A-Z]{2}\$)?\d[\d,]*(?:\.\d{1,2})?(?![\w%])")
CENTS = Decimal("0.01")
RECEIPT_THRESHOLD = Decimal("75")  # IRS Publication 463: documentary evidence from $75


def parse_amount(text: str) -> Decimal:
    """ "$1,234.56" -> Decimal("1234.56"); raises ValueError with what to type."""
    cleaned = re.sub(r"^(?:[$€£]|[A-Z]{2}\$)", "", text.strip()).replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(f"“{text}” is not an amount. Type it like 42.50 or $1,234.56.") from error
    if not value.is_finite():
        raise ValueError(f"“{text}” is not an amount.")
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def show(amount: Decimal | None, currency: str) -> str:
    """Decimal("1234.5") -> "$1,234.50"."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    return f"{sign}{SYMBOLS.get(currency, currency + ' ')}{abs(amount):,.2f}"
