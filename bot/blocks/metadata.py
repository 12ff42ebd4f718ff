"""Typed private metadata and button values: one codec, versioned and size-checked.

Each form declares a frozen dataclass with a `KIND`; `encode` writes it as compact JSON with
its kind and version, `decode` reads it back into the same type or refuses it plainly. Slack
allows 3,000 characters of private_metadata and 2,000 of a button value.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar, TypeVar, get_args, get_type_hints

from bot.errors import InvalidInput

PRIVATE_METADATA_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000
STALE = "This form is out of date. Close it and open it again."
LARGEST_ID = 2**31 - 1  # a database integer: a bigger "id" can only be forged


@dataclass(frozen=True)
class Meta:
    """Base of every typed metadata: subclasses set KIND (and VERSION when fields change)."""

    KIND: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1


M = TypeVar("M", bound=Meta)


def encode(meta: Meta, limit: int = PRIVATE_METADATA_LIMIT) -> str:
    """The metadata as the string Slack carries; ValueError if it would not fit."""
    text = json.dumps(
        {"k": meta.KIND, "v": meta.VERSION, **asdict(meta)},
        separators=(",", ":"),
        default=str,
    )
    if len(text) > limit:
        raise ValueError(f"{meta.KIND} metadata is {len(text)} characters; Slack allows {limit}")
    return text


def decode(kind: type[M], text: str | None) -> M:
    """Read metadata written by `encode(kind(...))`; InvalidInput if it is not that."""
    try:
        data: dict[str, Any] = json.loads(text or "")
    except ValueError as error:
        raise InvalidInput(STALE) from error
    if not isinstance(data, dict) or data.get("k") != kind.KIND or data.get("v") != kind.VERSION:
        raise InvalidInput(STALE)
    hints = get_type_hints(kind)
    values = {f.name: data[f.name] for f in fields(kind) if f.name in data}
    if not all(_fits(value, hints[name]) for name, value in values.items()):
        raise InvalidInput(STALE)
    try:
        return kind(**values)
    except TypeError as error:
        raise InvalidInput(STALE) from error


def _fits(value: Any, hint: Any) -> bool:
    """Whether a decoded value has its declared type (a forged "abc" id does not)."""
    allowed = get_args(hint) or (hint,)
    if value is None:
        return type(None) in allowed
    if type(value) is int:
        return int in allowed and abs(value) <= LARGEST_ID
    if isinstance(value, str):
        return str in allowed
    return not {int, str} & set(allowed)  # nested view data: its own dataclass checks it
