"""Choices for selects too long for Slack's 100 options: searched as the person types.

Slack asks (block_suggestion) with what was typed; the answer holds only the asking
production's rows, only for someone that production's permission table lets act, matching the
text case-insensitively on code or name, at most 100.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import Session

from bot import permissions
from bot.store.models import Production
from bot.store.models_money import BudgetLine

MAX_CHOICES = 100  # Slack's limit for options in one answer
MAX_TYPED = 100  # longer input cannot match a code or name


@dataclass(frozen=True)
class Choice:
    """One option offered: the stored id it carries, and what the person reads."""

    value: str
    text: str


Search = Callable[[Session, Production, str], list[Choice]]


def _budget_lines(session: Session, production: Production, typed: str) -> list[Choice]:
    rows = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.production_id == production.id, _matches(typed, BudgetLine))
        .order_by(BudgetLine.code, BudgetLine.id)
        .limit(MAX_CHOICES)
    )
    return [Choice(str(line.id), f"#{line.code} {line.name}") for line in rows]


def _matches(typed: str, model: type) -> object:
    """Code or name contains what was typed, whatever its case (nothing typed: everything)."""
    if not typed:
        return true()
    return or_(
        *(
            func.lower(getattr(model, column)).contains(typed.lower(), autoescape=True)
            for column in ("code", "name")
        )
    )


# action_id of the select -> (the action its form is for, how to search)
SEARCHES: dict[str, tuple[str, Search]] = {
    "budget_line": ("expense.submit", _budget_lines),
}


def search(
    session: Session, team_id: str, production_id: int, actor: str, select_id: str, typed: str
) -> list[Choice]:
    """The options for `select_id` matching `typed`; none for anyone not allowed the form."""
    found = SEARCHES.get(select_id)
    production = session.get(Production, production_id)
    if found is None or production is None or production.team_id != team_id:
        return []
    action, run = found
    if not permissions.allowed(permissions.member(session, production, actor), action):
        return []
    return run(session, production, " ".join(typed.split())[:MAX_TYPED])
