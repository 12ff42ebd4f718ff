"""Domain errors: each carries the short message a person sees, saying what to type instead."""

from __future__ import annotations


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
        super().__init__(" ".join(errors.values()), field=next(iter(errors)))
        self.errors = errors


class NoProduction(SlateError):
    """No production could be found for this channel or person."""


class AmbiguousProduction(SlateError):
    """The person is on several productions and the channel does not say which."""

    def __init__(self, message: str, options: list[tuple[int, str]]) -> None:
        super().__init__(message)
        self.options = options
