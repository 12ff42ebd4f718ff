"""Every model, imported once, so the metadata knows all of Slate's tables."""

from bot.store import (
    models_booking,
    models_callsheet,
    models_logistics,
    models_money,
    models_onboarding,
    models_problems,
    models_tasks,
    models_wrap,
)
from bot.store.models import Base

__all__ = [
    "Base",
    "models_booking",
    "models_callsheet",
    "models_logistics",
    "models_money",
    "models_onboarding",
    "models_problems",
    "models_tasks",
    "models_wrap",
]
