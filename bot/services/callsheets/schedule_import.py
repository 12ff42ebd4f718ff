"""`slate import schedule`: a whole schedule from CSV or YAML, every bad row reported."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from sqlalchemy.orm import Session

from bot.errors import FieldErrors, SlateError
from bot.services.callsheets import day_forms, sheet_settings, shoot_days
from bot.services.callsheets.sheet_settings import SheetForm
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
    "crew_parking",
)
# The YAML's `sheet:` keys -> the settings form's (lists become the editor's lines).
SHEET_KEYS = {
    "company": "company",
    "phones": "phones",
    "key_contacts": "key_contacts",
    "walkies": "walkies",
    "standard_notes": "standard_notes",
    "heads": "heads",
}


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
            _text(row.get("crew_parking")),
        )
    return day_forms.DayForm(
        date=when,
        general_call=_text(row.get("call")) or "",
        location=location,
        shooting_call=_text(row.get("shooting_call")),
        estimated_wrap=_text(row.get("wrap")),
        breakfast=_text(row.get("breakfast")),
        lunch=_text(row.get("lunch")),
        second_meal=_text(row.get("second_meal")),
        background_call=_text(row.get("background_call")),
        safety_notes=_text(row.get("safety")),
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
    cast_text = ", ".join(map(str, cast)) if isinstance(cast, list) else str(cast)
    cells = [
        item.get("number", ""),
        item.get("set", ""),
        item.get("dn", "D"),
        item.get("pages", ""),
        cast_text,
        item.get("location") or "",
        item.get("background") or "",
        _requirements(item.get("needs")),
    ]
    return " | ".join(str(c).replace("|", "/") for c in cells).rstrip(" |")


def _requirements(value: Any) -> str:
    """`needs: {props: gun, stunts: fall}` (or plain text) as one line."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if k != "__line__")
    return str(value or "")


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
    for key, word in (("call", "call"), ("pickup", "pickup"), ("hmu", "hmu")):
        if item.get(key):
            parts += [word, str(item[key])]
    for key, word in (("wardrobe", "wardrobe"), ("on_set", "onset")):
        if item.get(key):
            parts += [word, str(item[key])]
    remarks = " ".join(str(item.get("remarks") or "").split())
    return " ".join(parts) + (f" | {remarks}" if remarks else "")


def sheet_form(document: dict[str, Any]) -> SheetForm | None:
    """The YAML's production-wide `sheet:` and `cast:` sections, as the editor's lines."""
    sheet = document.get("sheet") or {}
    cast = document.get("cast")
    if not isinstance(sheet, dict) or not (sheet.keys() - {"__line__"} or cast):
        return None
    form = SheetForm()
    for key, name in SHEET_KEYS.items():
        if key in sheet:
            form.typed.add(name)
            value = sheet[key]
            if key in ("company", "phones", "standard_notes"):
                value = "\n".join(map(str, value)) if isinstance(value, list) else value
                setattr(form, name, _text(value))
            else:
                setattr(form, name, _lines(value, _cells))
    if cast:
        form.typed.add("cast")
        form.cast = _lines(cast, _cells)
    return form


def _cells(item: Any) -> str:
    """A YAML row as `a | b | c` (contacts, walkies, cast, heads)."""
    if isinstance(item, tuple):  # a mapping's (key, value): walkies {1: Production}
        return f"{item[0]} | {item[1]}"
    if isinstance(item, dict):
        keys = [k for k in ("number", "role", "channel") if k in item]
        keys += [k for k in ("actor", "name", "use", "character", "phone") if k in item]
        return " | ".join(str(item[k] or "") for k in keys)
    return str(item)


def _sheet_of(text: str, filename: str) -> SheetForm | None:
    if not filename.lower().endswith((".yml", ".yaml")):
        return None
    return sheet_form(yaml.load(text, Loader=_LineLoader) or {})


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
    settings = _sheet_of(text, filename)
    if settings is not None:  # before the days: their scenes name cast by number
        found = FieldErrors()
        sheet_settings.apply(session, production, settings, found)
        if found.errors:
            raise SlateError("sheet/cast: " + " ".join(found.errors.values()))
        session.flush()
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
