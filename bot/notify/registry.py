"""The shape of a notify module's subscriptions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from bot.events import Event

Subscriber = Callable[[Session, Any], None]
Subscribers = dict[type[Event], Subscriber | tuple[Subscriber, ...]]
