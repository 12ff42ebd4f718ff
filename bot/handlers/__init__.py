"""Slack listeners, one module per feature, each with register(app)."""

from __future__ import annotations

from slack_bolt import App

from bot.handlers import (
    booking,
    broadcasts,
    callsheet,
    calltime,
    daily_report,
    expenses,
    gear,
    home,
    logistics,
    meals,
    onboarding,
    options,
    paperwork,
    problem_actions,
    problems,
    rentals,
    slate,
    tasks,
    transport,
    travel,
    wrap,
)

FEATURES = (
    slate,
    home,
    callsheet,
    calltime,
    problems,
    problem_actions,
    tasks,
    broadcasts,
    expenses,
    wrap,
    gear,
    paperwork,
    meals,
    logistics,
    transport,
    rentals,
    travel,
    daily_report,
    onboarding,
    options,
    booking,
)


def register(app: App) -> None:
    """Register every feature's listeners."""
    for feature in FEATURES:
        feature.register(app)
