"""Domain errors: each carries the short message a person sees, saying what to type instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SlateError(Exception):
    """An error the user caused and can fix; `field` names a modal input to attach it to."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAuthorized(SlateError):
    """The person may not do this (coordinator-only actions)."""


class NotFound(SlateError):
    """Something named does not exist in this production."""


class InvalidInput(SlateError):
    """Input that cannot be read; the message says what to type."""


class FormInvalid(InvalidInput):
    """Several inputs of one form are wrong: every message, on its own field, at once."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_joined(list(errors.values())), field=next(iter(errors)))
        self.errors = errors


def _joined(messages: list[str]) -> str:
    """The messages as one reply (a command has no fields): a shared "Type …" tail said once."""
    texts = list(dict.fromkeys(messages))
    shared = 0  # how many closing characters every message has in common
    while len(texts) > 1 and all(len(t) > shared for t in texts):
        if len({t[-1 - shared] for t in texts}) > 1:
            break
        shared += 1
    tail = texts[0][len(texts[0]) - shared :] if shared else ""
    tail = tail[tail.find(" ") :] if " " in tail else ""
    if len(tail) < 20 or any(len(t) == len(tail) for t in texts):
        return " ".join(texts)
    return " ".join([*(t[: -len(tail)] for t in texts[:-1]), texts[-1]])


class FieldErrors:
    """Every wrong field of one form, gathered so the person fixes them all in one round."""

    def __init__(self, errors: dict[str, str] | None = None) -> None:
        self.errors: dict[str, str] = dict(errors or {})

    def take(
        self, read: Callable[..., T], *args: Any, field: str | None = None, **kw: Any
    ) -> T | None:
        """`read(*args, **kw)`, or None with its InvalidInput kept (the first one per field)."""
        try:
            return read(*args, **kw)
        except FormInvalid as error:
            for name, message in error.errors.items():
                self.errors.setdefault(name, message)
        except InvalidInput as error:
            name = error.field or field
            if name is None:
                raise  # not a field's error: answered on its own
            self.errors.setdefault(name, error.message)
        return None

    def add(self, field: str, message: str) -> None:
        """Note one field's error (a field keeps its first one)."""
        self.errors.setdefault(field, message)

    def check(self) -> None:
        """Raise FormInvalid with every error found, if any: nothing is stored then."""
        if self.errors:
            raise FormInvalid(dict(self.errors))


class NoProduction(SlateError):
    """No production could be found for this channel or person."""


class AmbiguousProduction(SlateError):
    """The person is on several productions and the channel does not say which."""

    def __init__(self, message: str, options: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.options = options
