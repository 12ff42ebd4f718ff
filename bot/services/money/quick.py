"""The /expense one-liner: amount, what for, vendor after `at`, budget line after `#`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.errors import InvalidInput
from bot.services.money.amounts import WORD

USAGE = "Type `/expense 42.50 gaffer tape at B&H #g&e`, or `/expense` alone for the form."
# Digits with a letter O or l typed for 0 or 1 (phone keyboards): `12.5O`, `$2O.00`.
NEAR_AMOUNT = re.compile(r"^[$€£]?\d[\d.,]*[oOlI][\d.,oOlI]*$")
NEGATIVE = "The amount must be more than zero. For money back, talk to your coordinator."


@dataclass
class ExpenseForm:
    """What the quick form or the modal says."""

    amount: str | None
    description: str | None = None
    vendor: str | None = None
    budget_code: str | None = None
    budget_line_id: int | None = None
    method: str = "personal"
    spent_on: date | None = None
    receipt: dict | None = None  # a Slack file: id, name, filetype, url_private


def parse_quick(text: str) -> ExpenseForm | None:
    """`42.50 gaffer tape at B&H #g&e`; None when there is no amount (open the form).

    Word by word: the vendor runs from `at` to the next `#code` (or the end), and every word
    that looks like a number is an amount, so `42.999` or `1e9` is refused by the reader
    rather than half-read as 42 or 1.
    """
    if re.search(r"(?<![\w.])-\s*[$€£]?\d", text):
        raise InvalidInput(NEGATIVE)
    amounts: list[str] = []
    described: list[str] = []
    vendor: list[str] | None = None
    code: str | None = None
    in_vendor = False
    misread: list[str] = []  # words that start like an amount but are not one: `12.5O`
    for index, word in enumerate(text.split()):
        if word.startswith("#") and len(word) > 1:
            code, in_vendor = code or word[1:], False
        elif in_vendor and vendor is not None:
            vendor.append(word)
        elif word.lower() == "at" and index > 0 and vendor is None:
            vendor, in_vendor = [], True
        elif WORD.match(bare := word.rstrip(".,;:!?")):
            amounts.append(bare)
        else:
            described.append(word)
            if NEAR_AMOUNT.match(bare) and not in_vendor:
                misread.append(bare)
    if not amounts and misread:
        # Opening the form would drop the typo'd amount and leave the field blank.
        raise InvalidInput(f"I can't read `{misread[0]}` as an amount: use digits. {USAGE}")
    if not amounts:
        return None
    if len(amounts) > 1:
        raise InvalidInput(
            f"I see {len(amounts)} amounts ({', '.join(amounts)}). Log one "
            f"expense at a time. {USAGE}"
        )
    return ExpenseForm(
        amounts[0], " ".join(described) or None, " ".join(vendor or []) or None, code
    )
