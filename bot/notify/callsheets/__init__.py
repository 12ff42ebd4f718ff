"""Notify for callsheets: its events, turned into Block Kit and outbox rows."""

from __future__ import annotations

from bot.notify.callsheets import notices, progress, publication
from bot.notify.registry import Subscribers
from bot.services.callsheets import events as happened
from bot.services.callsheets import telling

SUBSCRIBERS: Subscribers = {
    happened.SheetPublished: publication.post,
    telling.PeopleTold: publication.more_told,
    telling.SheetFiled: publication.filed,
    happened.RecipientConfirmed: publication.confirmed,
    happened.CopyRequested: publication.copy,
    happened.NudgeDue: notices.nudge,
    happened.AutopublishFailed: notices.autopublish_failed,
    happened.AutopublishWarned: notices.autopublish_warned,
    happened.ScheduleChanged: notices.schedule_changed,
    **progress.SUBSCRIBERS,
}
