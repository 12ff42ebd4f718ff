"""`slate import schedule`: a whole schedule from CSV or YAML, every bad row reported."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from sqlalchemy.orm import Session

from bot.errors import SlateError
from bot.services.callsheets import day_forms, shoot_days
from bot.services.core.crew import RowError
from bot.services.core.csvfile import cells
from bot.store.models import Production

LOCATION_KEYS = (
    "address",
    "parking",
    "basecamp",
    "hospital",
    "hospital_address",
    "hospital_phone",
    "latitude",
    "longitude",
)


@dataclass
class ScheduleReport:
    """What an import did, or would have done."""

    saved: int = 0
    errors: list[RowError] = field(default_factory=list)
    imported: bool = False


class _LineLoader(yaml.SafeLoader):
    """Remembers the line each mapping starts on, for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_rows(text: str, filename: str) -> list[tuple[int, dict[str, Any]]]:
    """(line, day) pairs from a CSV or YAML schedule, keyed as in the README."""
    if filename.lower().endswith((".yml", ".yaml")):
        try:
            document = yaml.load(text, Loader=_LineLoader) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}: " if mark else ""
            raise SlateError(
                f"{where}that is not valid YAML ({error.problem or error})."
            ) from error
        if not isinstance(document, dict) or not isinstance(document.get("days"), list):
            raise SlateError("A YAML schedule needs a top-level `days:` list (README).")
        locations = {
            str(loc.get("name", "")).lower(): loc for loc in document.get("locations") or []
        }
        rows = []
        for day in document["days"]:
            place = locations.get(str(day.get("location", "")).lower(), {})
            rows.append(
                (day.get("__line__", 0), {**{k: place.get(k) for k in LOCATION_KEYS}, **day})
            )
        return rows
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows = []
    for row in reader:
        try:
            rows.append((reader.line_num, cells(row)))
        except ValueError as error:
            raise SlateError(f"line {reader.line_num}: {error}.") from error
    return rows


def to_form(row: dict[str, Any]) -> day_forms.DayForm:
    """One imported day as the editor would have filled it in."""
    when = row.get("date")
    if isinstance(when, datetime):
        when = when.date()
    if not isinstance(when, date):
        try:
            when = date.fromisoformat(str(when or "").strip())
        except ValueError as error:
            raise SlateError(f"date '{when}' should look like 2026-06-14") from error
    location = None
    if row.get("location"):
        location = day_forms.LocationForm(
            str(row["location"]),
            _text(row.get("address")),
            _text(row.get("parking")),
            _text(row.get("basecamp")),
            _text(row.get("hospital")),
            _text(row.get("hospital_address")),
            _text(row.get("hospital_phone")),
            _text(row.get("latitude")),
            _text(row.get("longitude")),
        )
    return day_forms.DayForm(
        date=when,
        general_call=_text(row.get("call")) or "",
        location=location,
        shooting_call=_text(row.get("shooting_call")),
        estimated_wrap=_text(row.get("wrap")),
        breakfast=_text(row.get("breakfast")),
        lunch=_text(row.get("lunch")),
        weather=_text(row.get("weather")),
        notes=_text(row.get("notes")),
        scenes=day_forms.parse_scenes(_lines(row.get("scenes"), _scene_line)),
        departments=day_forms.parse_departments(_lines(row.get("departments"), _dept_line)),
        calls=day_forms.parse_calls(_lines(row.get("calls"), _call_line)),
        location_scope="all",  # the file is the truth for every place it names
    )


def _text(value: Any) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()


def _lines(value: Any, render: Any) -> str:
    """YAML lists and mappings, or CSV cells with ';' between lines, as editor text."""
    if value is None or value == "":
        return ""
    if isinstance(value, dict):
        return "\n".join(render((k, v)) for k, v in value.items() if k != "__line__")
    if isinstance(value, list):
        return "\n".join(render(item) for item in value)
    return "\n".join(part.strip() for part in str(value).split(";"))


def _scene_line(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    cast = item.get("cast") or []
    cast_text = ", ".join(cast) if isinstance(cast, list) else str(cast)
    return (
        f"{item.get('number', '')} | {item.get('set', '')} | {item.get('dn', 'D')} | "
        f"{item.get('pages', '')} | {cast_text}"
    )


def _dept_line(item: Any) -> str:
    name, minutes = item if isinstance(item, tuple) else (item, 0)
    return f"{name} {int(minutes):+d}"


def _call_line(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    # YAML 1.1 reads a bare `off:` key as the boolean False.
    if item.get("off", item.get(False)):
        return f"{item.get('person', '')} off"
    parts = [str(item.get("person", ""))]
    for key in ("call", "pickup", "hmu"):
        if item.get(key):
            parts += [key, str(item[key])]
    return " ".join(parts)


def import_schedule(
    session: Session,
    production: Production,
    text: str,
    filename: str,
    *,
    now: datetime,
    skip_bad_rows: bool = False,
) -> ScheduleReport:
    """Save every day of a schedule file; all or nothing unless `skip_bad_rows`."""
    report = ScheduleReport()
    rows = read_rows(text, filename)
    if not rows:
        raise SlateError("There are no shoot days in that file (README: schedule import).")
    for line, row in rows:
        savepoint = session.begin_nested()
        try:
            shoot_days.save_day(session, production, to_form(row), actor=None, now=now)
            savepoint.commit()
            report.saved += 1
        except SlateError as error:
            savepoint.rollback()
            report.errors.append(RowError(line, error.message))
    report.imported = not report.errors or skip_bad_rows
    return report
