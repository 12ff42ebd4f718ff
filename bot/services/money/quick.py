"""The /expense one-liner: amount, what for, vendor after `at`, budget line after `#`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.errors import InvalidInput
from bot.services.money.amounts import AMOUNT

USAGE = "Type `/expense 42.50 gaffer tape at B&H #g&e`, or `/expense` alone for the form."


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
    """`42.50 gaffer tape at B&H #g&e`; None when there is no amount (open the form)."""
    amounts = AMOUNT.findall(text)
    if re.search(r"(?<![\w.])-\s*[$€£]?\d", text):
        raise InvalidInput(
            "The amount must be more than zero. For money back, talk to your coordinator."
        )
    if not amounts:
        return None
    if len(amounts) > 1:
        raise InvalidInput(
            f"I see {len(amounts)} amounts ({', '.join(amounts)}). Log one "
            f"expense at a time. {USAGE}"
        )
    rest = AMOUNT.sub("", text, count=1)
    code = re.search(r"#(\S+)", rest)
    rest = re.sub(r"#\S+", "", rest)
    vendor = None
    at = re.search(r"\s+at\s+(.+)$", rest, re.IGNORECASE)
    if at:
        vendor, rest = at[1].strip(), rest[: at.start()]
    return ExpenseForm(
        amounts[0], " ".join(rest.split()) or None, vendor, code[1] if code else None
    )
