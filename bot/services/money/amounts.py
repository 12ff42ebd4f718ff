"""The one money reader and writer: every amount in Slate is read by `read` and shown by `show`.

Amounts are Decimal with at most two places. `read` takes what people type on set — `42`,
`$1,234.56`, `1,250.00`, `12,50` (a decimal comma), `1.234,56` (European) — and refuses,
saying what to type, anything it would have to guess at, round or truncate: `42.999`, `1e9`,
`nan`, `-5`, `1.250`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

SYMBOLS = {
    "USD": "$",
    "CAD": "CA$",
    "AUD": "A$",
    "NZD": "NZ$",
    "MXN": "MX$",
    "EUR": "€",
    "GBP": "£",
}
CENTS = Decimal("0.01")
RECEIPT_THRESHOLD = Decimal("75")  # IRS Publication 463: documentary evidence from $75
LARGEST = Decimal("9999999999.99")  # the money columns hold 12 digits, 2 after the point
CEILINGS = {"expense_cap": Decimal("10000"), "petty_cash_cap": Decimal("5000")}
HOW = "Type it like 42.50, $1,234.56 or 12,50."

_SIGN = r"(?:[A-Z]{1,3}\$|[$€£]|[A-Z]{3}\s?)"
# A word that is meant as an amount: an optional sign, then a digit, digits, separators and
# perhaps an exponent — so `42.999` and `1e9` are refused rather than read as 42 or 1.
WORD = re.compile(rf"^{_SIGN}?\d[\d.,]*(?:[eE][+-]?\d+)?$", re.ASCII)
_US = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", re.ASCII)  # 1,234.56
_EU = re.compile(r"(?:\d{1,3}(?:\.\d{3})+)(?:,(\d+))?", re.ASCII)  # 1.234,56
_DECIMAL_COMMA = re.compile(r"\d+,(\d{1,2})", re.ASCII)  # 12,50 (never 1,250)


def read(text: str, largest: Decimal = LARGEST) -> Decimal:
    """ "$1,234.56" -> Decimal("1234.56"); ValueError saying what to type, never a guess."""
    said = text.strip()
    body = re.sub(rf"^{_SIGN}\s*", "", said)
    body = re.sub(r"\s*(?:[$€£]|[A-Z]{3})$", "", body)
    if not said:
        raise ValueError("Type the amount, like 42.50, $1,234.56 or 12,50.")
    if body[:1] in ("-", "\u2212", "("):
        raise ValueError(f"“{said}” is negative. Type the amount without a minus sign.")
    if re.fullmatch(r"[\d.,]*\d[eE][+-]?\d+", body):
        raise ValueError(f"“{said}” is a power of ten. Type the digits, like 1500.")
    if match := _DECIMAL_COMMA.fullmatch(body):
        digits, places = body.replace(",", "."), match[1]
    elif match := _US.fullmatch(body):
        digits, places = body.replace(",", ""), match[1]
    elif match := _EU.fullmatch(body):
        digits, places = body.replace(".", "").replace(",", "."), match[1]
    else:
        raise ValueError(f"“{said}” is not an amount. {HOW}")
    if places is not None and len(places) > 2:
        whole = digits.split(".")[0]
        meant = f" If you meant {whole}{places}, type {whole}{places}." if len(places) == 3 else ""
        raise ValueError(
            f"“{said}” has {len(places)} decimals; money has at most two. "
            f"Type it like 42.99.{meant}"
        )
    try:
        value = Decimal(digits).quantize(CENTS)  # exact: at most two places were typed
    except InvalidOperation:  # more digits than Decimal's context holds: far too big anyway
        value = None
    if value is None or value > largest:
        raise ValueError(f"“{said}” is more than Slate can hold ({show(largest, 'USD')}).")
    return value


def ceiling(settings: Mapping[str, object], name: str) -> Decimal:
    """A production's ceiling (`expense_cap`, `petty_cash_cap`), else the default."""
    configured = settings.get(name)
    try:
        return read(str(configured)) if configured not in (None, "") else CEILINGS[name]
    except ValueError:
        return CEILINGS[name]  # a hand-edited setting that is not an amount: stay safe


def show(amount: Decimal | None, currency: str) -> str:
    """Decimal("1234.5") -> "$1,234.50"."""
    if amount is None:
        return "—"
    sign = "-" if amount < 0 else ""
    return f"{sign}{SYMBOLS.get(currency, currency + ' ')}{abs(amount):,.2f}"
