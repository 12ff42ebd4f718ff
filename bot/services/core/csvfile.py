"""CSV exports: one way to write them, with times in the production's zone."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo


def local(moment: datetime | None, tz: str, timespec: str = "seconds") -> str:
    """An ISO time in the production's zone ("" for none)."""
    return moment.astimezone(ZoneInfo(tz)).isoformat(timespec=timespec) if moment else ""


def render(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The header and the rows as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()
