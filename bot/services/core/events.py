"""What happens in the core: facts the core services record for notify to act on."""

from __future__ import annotations

from dataclasses import dataclass

from bot.events import Event


@dataclass(frozen=True)
class HomeOpened(Event):
    """A person opened Slate's App Home tab: it is due a fresh view."""

    team_id: str
    user_id: str


@dataclass(frozen=True)
class HelpAsked(Event):
    """A person asked Slate something it answers with help (a DM it did not understand)."""

    team_id: str
    user_id: str
    channel_id: str


@dataclass(frozen=True)
class CallAsked(Event):
    """A person asked for their next call by DM (or for the call on `day`, as they typed it)."""

    production_id: int
    user_id: str
    channel_id: str
    day: str = ""


@dataclass(frozen=True)
class ProductionSaved(Event):
    """A production was created or edited from the setup form."""

    production_id: int
    actor: str


@dataclass(frozen=True)
class ProductionChosen(Event):
    """A person on several productions picked the one they mean."""

    production_id: int
    user_id: str
    channel_id: str | None
