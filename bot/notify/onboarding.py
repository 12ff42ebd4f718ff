"""Notify for start paperwork: the person's checklist DM (edited in place), documents to
verify and flags to the coordinators by DM — never a channel, never the file itself."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot import outbox
from bot.blocks.common import day_title
from bot.blocks.escape import escape
from bot.blocks.onboarding import checklist as blocks
from bot.notify import copies
from bot.notify.registry import Subscribers
from bot.services.onboarding import documents, status
from bot.services.onboarding.events import (
    DocumentReceived,
    DocumentRequested,
    DocumentVerified,
    I9Overdue,
    NotOnboarded,
    OnboardingChanged,
    OnboardingReminder,
    OnboardingStarted,
    UploadFailed,
)
from bot.services.problems.alerts import coordinators
from bot.store.models import Production
from bot.store.models_onboarding import Onboarding, OnboardingItem


def checklist_ref(onboarding_id: int) -> str:
    """The outbox ref of the person's checklist DM."""
    return f"onboarding:{onboarding_id}"


def _item_refs(item_id: int) -> str:
    return f"onbitem:{item_id}:to:"


def _load(session: Session, onboarding_id: int) -> tuple[Production, Onboarding]:
    onboarding = session.get(Onboarding, onboarding_id)
    assert onboarding is not None
    production = session.get(Production, onboarding.production_id)
    assert production is not None
    return production, onboarding


def started(session: Session, event: OnboardingStarted | OnboardingChanged) -> None:
    """DM the person their checklist, or edit the one they have."""
    _, onboarding = _load(session, event.onboarding_id)
    view = status.checklist(session, onboarding)
    if view.slack_user_id is None:
        return  # not in Slack yet: the coordinator's /onboarding shows them red
    text = f"Your start paperwork: {'all done' if view.green else 'to do'}"
    ref = checklist_ref(onboarding.id)
    shown = blocks.person_blocks(view)
    if outbox.has_ref(session, ref):
        outbox.update_message(session, ref, text=text, blocks=shown, now=event.at)
    elif isinstance(event, OnboardingStarted):
        outbox.post_message(
            session, view.slack_user_id, text=text, blocks=shown, ref=ref, now=event.at
        )


def _item(
    session: Session, item_id: int
) -> tuple[Production, status.ChecklistView, status.ItemView]:
    row = session.get(OnboardingItem, item_id)
    assert row is not None
    production, onboarding = _load(session, row.onboarding_id)
    view = status.checklist(session, onboarding, private=False)
    return production, view, next(i for i in view.items if i.id == item_id)


def received(session: Session, event: DocumentReceived) -> None:
    """Each coordinator gets the news with Verify (the document stays in Slate)."""
    production, view, item = _item(session, event.item_id)
    shown = blocks.received_blocks(view.person, item)
    text = escape(f"{view.person} sent their {item.label}")
    for coordinator in coordinators(session, production):
        ref = f"{_item_refs(item.id)}{coordinator}:{event.at.timestamp():.0f}"
        outbox.post_message(session, coordinator, text=text, blocks=shown, ref=ref, now=event.at)


def verified(session: Session, event: DocumentVerified) -> None:
    """Every coordinator's note about the document loses its button."""
    _, view, item = _item(session, event.item_id)
    shown = blocks.received_blocks(view.person, item)
    text = escape(f"{view.person}'s {item.label}: verified")
    for ref in copies.refs(session, _item_refs(item.id)):
        outbox.update_message(session, ref, text=text, blocks=shown, now=event.at)


def copy_requested(session: Session, event: DocumentRequested) -> None:
    """Upload the document to the coordinator who asked, in their DM."""
    _, view, item = _item(session, event.item_id)
    row = session.get(OnboardingItem, event.item_id)
    found = documents.latest_file(session, row) if row is not None else None
    if found is None or found.content is None:
        return
    outbox.upload_file(
        session,
        event.user,
        filename=found.name,
        content=found.content,
        now=event.at,
        comment=escape(f"{view.person}'s {item.label} (SHA-256 {found.sha256})"),
    )


def upload_failed(session: Session, event: UploadFailed) -> None:
    """Ask the person to send the file again."""
    _, _, item = _item(session, event.item_id)
    text = f"I couldn't keep your {item.label}: {escape(event.reason)}. Send it again, please."
    outbox.post_message(session, event.user, text=text, now=event.at)


def reminded(session: Session, event: OnboardingReminder) -> None:
    """Remind the person what is still open."""
    _, onboarding = _load(session, event.onboarding_id)
    view = status.checklist(session, onboarding, private=False)
    if view.slack_user_id is None:
        return
    when = "before your first day" if event.which == "before" else "when you can"
    text = f"Reminder: your start paperwork still needs {', '.join(view.open_labels)} — {when}. "
    outbox.post_message(
        session,
        view.slack_user_id,
        text=escape(text + "Type /onboarding or use the checklist above."),
        now=event.at,
        dedupe_key=f"onboarding:{onboarding.id}:remind:{event.which}",
    )


def i9_overdue(session: Session, event: I9Overdue) -> None:
    """Flag the open I-9 to every coordinator, once."""
    production, onboarding = _load(session, event.onboarding_id)
    view = status.checklist(session, onboarding, private=False)
    text = escape(
        f"{view.person}'s I-9 is still not verified, 3 business days after their first day."
    )
    for coordinator in coordinators(session, production):
        key = f"onboarding:{onboarding.id}:i9:{coordinator}"
        outbox.post_message(session, coordinator, text=text, now=event.at, dedupe_key=key)


def not_onboarded(session: Session, event: NotOnboarded) -> None:
    """The nightly publish: tell coordinators who on the sheet is not onboarded."""
    production = session.get(Production, event.production_id)
    assert production is not None
    names = ", ".join(event.names)
    text = escape(f"Not onboarded, on the {day_title(event.day)} call sheet: {names}.")
    for coordinator in coordinators(session, production):
        key = f"onboarding:{production.id}:{event.day}:{coordinator}:{event.at.timestamp():.0f}"
        outbox.post_message(session, coordinator, text=text, now=event.at, dedupe_key=key)


SUBSCRIBERS: Subscribers = {
    OnboardingStarted: started,
    OnboardingChanged: started,
    DocumentReceived: received,
    DocumentRequested: copy_requested,
    DocumentVerified: verified,
    UploadFailed: upload_failed,
    OnboardingReminder: reminded,
    I9Overdue: i9_overdue,
    NotOnboarded: not_onboarded,
}
