"""Notify for core: its events, turned into Block Kit and outbox rows."""

from __future__ import annotations

from bot.notify.registry import Subscribers

SUBSCRIBERS: Subscribers = {}
