"""Which function runs each kind of scheduled job (its module imported when one first runs)."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.scheduler import Scheduler

# kind -> "module:function". By name, not imported here: these modules are most of Slate's
# services, and `slate serve` (which runs no jobs unless --worker) started 0.25 s slower with them.
JOBS = {
    "callsheet.autopublish": "bot.services.callsheets.confirmations:autopublish_job",
    "callsheet.nudge": "bot.services.callsheets.confirmations:nudge_job",
    "callsheet.publish": "bot.services.callsheets.publish_queue:publish_job",
    "callsheet.tell": "bot.services.callsheets.telling:tell_job",
    "problem.escalate": "bot.services.problems.problems:escalate_job",
    "task.remind": "bot.services.tasks.assignments:remind_job",
    "task.overdue": "bot.services.tasks.assignments:overdue_job",
    "broadcast.nudge": "bot.services.tasks.broadcasts:nudge_job",
    "gear.return_due": "bot.services.wrap.gear:return_due_job",
    "wrap.reminder": "bot.services.wrap.wrap:reminder_job",
    "document.expiry": "bot.services.wrap.documents:expiry_job",
    "meal.warn": "bot.services.wrap.meals:warn_job",
    "meal.late": "bot.services.wrap.meals:late_job",
    "avail.nudge": "bot.services.booking.avails:nudge_job",
    "hold.deadline": "bot.services.booking.holds:deadline_job",
    "onboarding.remind": "bot.services.onboarding.reminders:remind_job",
    "onboarding.i9": "bot.services.onboarding.reminders:i9_job",
    "catering.order": "bot.services.logistics.catering:order_job",
    "transport.runsheets": "bot.services.logistics.runs:runsheets_job",
    "travel.remind": "bot.services.logistics.travel:remind_job",
}


class _ByName:
    """A job handler that imports its function on the first job it runs."""

    def __init__(self, target: str) -> None:
        self.module, self.name = target.split(":")

    def __call__(self, session: Session, payload: dict[str, Any], now: datetime) -> None:
        function = getattr(importlib.import_module(self.module), self.name)
        function(session, payload, now)


def register(scheduler: Scheduler) -> None:
    """Register every job kind with the scheduler."""
    for kind, target in JOBS.items():
        scheduler.handler(kind)(_ByName(target))
