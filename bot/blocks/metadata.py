"""Typed private metadata and button values: one codec, versioned and size-checked.

Each form declares a frozen dataclass with a `KIND`; `encode` writes it as compact JSON with
its kind and version, `decode` reads it back into the same type or refuses it plainly. Slack
allows 3,000 characters of private_metadata and 2,000 of a button value.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar, TypeVar

from bot.errors import InvalidInput

PRIVATE_METADATA_LIMIT = 3000
BUTTON_VALUE_LIMIT = 2000
STALE = "This form is out of date. Close it and open it again."


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
    try:
        return kind(**{f.name: data[f.name] for f in fields(kind) if f.name in data})
    except TypeError as error:
        raise InvalidInput(STALE) from error
