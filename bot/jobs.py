"""Which function runs each kind of scheduled job."""

from __future__ import annotations

from bot.scheduler import Scheduler
from bot.services.booking import avails, holds
from bot.services.callsheets import confirmations, publish_queue, telling
from bot.services.logistics import catering, runs, travel
from bot.services.onboarding import reminders as onboarding
from bot.services.problems import problems
from bot.services.tasks import assignments as tasks
from bot.services.tasks import broadcasts
from bot.services.wrap import documents, gear, meals, wrap

JOBS = {
    "callsheet.autopublish": confirmations.autopublish_job,
    "callsheet.nudge": confirmations.nudge_job,
    "callsheet.publish": publish_queue.publish_job,
    "callsheet.tell": telling.tell_job,
    "problem.escalate": problems.escalate_job,
    "task.remind": tasks.remind_job,
    "task.overdue": tasks.overdue_job,
    "broadcast.nudge": broadcasts.nudge_job,
    "gear.return_due": gear.return_due_job,
    "wrap.reminder": wrap.reminder_job,
    "document.expiry": documents.expiry_job,
    "meal.warn": meals.warn_job,
    "meal.late": meals.late_job,
    "avail.nudge": avails.nudge_job,
    "hold.deadline": holds.deadline_job,
    "onboarding.remind": onboarding.remind_job,
    "onboarding.i9": onboarding.i9_job,
    "catering.order": catering.order_job,
    "transport.runsheets": runs.runsheets_job,
    "travel.remind": travel.remind_job,
}


def register(scheduler: Scheduler) -> None:
    """Register every job kind with the scheduler."""
    for kind, handler in JOBS.items():
        scheduler.handler(kind)(handler)
