"""A call sheet view as stored at publish (JSON) and read back whole: a person's own PDF is
drawn from the sheet as it was published, not from edits made since."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from datetime import date, datetime
from typing import Any

from bot.services.callsheets.sheet import SheetView


def to_plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples as lists, dates and times as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def sheet_from_plain(data: dict[str, Any]) -> SheetView:
    """The SheetView `to_plain` stored."""
    view: SheetView = _read(SheetView, data)
    return view


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):  # X | None
        return _read(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], v) for v in value)
        return tuple(_read(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        names = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: _read(hints[k], v) for k, v in value.items() if k in names})
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    return value
