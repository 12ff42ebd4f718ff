"""CSV exports: one way to write them, with times in the production's zone, safe to open.

Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, tab or carriage return as a
formula (CSV injection). Every text cell that starts so is written with a leading `'` (OWASP's
advice), except plain numbers such as `-12.50` or `+3`: an amount stays a number a spreadsheet
can add up, and a bare number cannot call anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def local(moment: datetime | None, tz: str, timespec: str = "seconds") -> str:
    """An ISO time in the production's zone ("" for none)."""
    return moment.astimezone(ZoneInfo(tz)).isoformat(timespec=timespec) if moment else ""


def cells(raw: dict[Any, Any]) -> dict[str, str]:
    """A read CSV row keyed by lower-case header; cells past the header are refused, not lost."""
    if raw.get(None):
        raise ValueError(f"this row has {len(raw[None])} more cells than the header has columns")
    return {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k is not None}


def cell(value: Any) -> Any:
    """The value as it is safe to write: text a spreadsheet would run gets a leading `'`."""
    formula = isinstance(value, str) and value.startswith(_FORMULA_START)
    return "'" + value if formula and not _PLAIN_NUMBER.fullmatch(value) else value


class SafeWriter:
    """csv.writer that neutralizes every cell on the way out."""

    def __init__(self, out: io.StringIO) -> None:
        self.writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self.writer.writerow([cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write many rows."""
        for row in rows:
            self.writerow(row)


def writer(out: io.StringIO) -> SafeWriter:
    """The one CSV writer every export uses."""
    return SafeWriter(out)


def render(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The header and the rows as CSV text."""
    out = io.StringIO()
    safe = writer(out)
    safe.writerow(columns)
    safe.writerows(rows)
    return out.getvalue()
