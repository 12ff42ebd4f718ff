"""/onboarding, the checklist's buttons and forms, and fetching uploaded documents."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot import permissions
from bot.blocks.common import reply
from bot.blocks.escape import escape
from bot.blocks.metadata import decode
from bot.blocks.onboarding import checklist as blocks
from bot.handlers.forms import button, open_modal, read_values
from bot.services.core import productions
from bot.services.onboarding import checklists, documents, packets, status

SLACK_FILE_HOSTS = ("slack-files.com",)  # and any *.slack.com


def register(app: App) -> None:
    """Listen for /onboarding, Fill in / Upload, Verify and the checklist forms."""
    app.command("/onboarding")(onboarding_command)
    app.action(blocks.FILL)(open_form)
    app.action(blocks.VERIFY)(verify)
    app.action(blocks.GET_FILE)(send_copy)
    app.view(blocks.FORM_CALLBACK)(submit_form)


def onboarding_command(ack: Ack, command: dict[str, Any], context: Any) -> None:
    """Status (yours; coordinators: everyone's), `@person`, `start …`, `packet …`."""
    db, user, now = context["db"], command["user_id"], context["clock"].now()
    production = productions.resolve(db, command["team_id"], command["channel_id"], user)
    text = command.get("text", "").strip()
    verb, _, rest = text.partition(" ")
    if verb.lower() == "start":
        started = checklists.start_command(db, production, user, rest, now)
        view = status.checklist(db, started, private=False)
        told = "I've sent it to them by DM." if view.slack_user_id else "They aren't in Slack."
        words = f"Started {view.person}'s start paperwork ({view.kind}, {len(view.items)} items)."
        return ack(**reply(f"{escape(words)} {told}", blocks.coordinator_blocks(view)))
    if verb.lower() == "packet":
        return ack(**reply(_packet(db, production, user, rest.split())))
    if text and text.lower() not in ("me", "mine"):
        view = checklists.of_named(db, production, user, text)
        mine = view.slack_user_id == user
        shown = blocks.person_blocks(view) if mine else blocks.coordinator_blocks(view)
        return ack(**reply(escape(f"{view.person}'s start paperwork"), shown))
    me = permissions.require(db, production, user, "onboarding.read")
    if not text and permissions.allowed(me, "onboarding.read_all"):
        return ack(**reply(*blocks.status_list(checklists.listing(db, production, user))))
    own = checklists.own(db, production, user)
    if own is None:
        return ack(**reply("You have no start paperwork on this production yet."))
    ack(**reply("Your start paperwork", blocks.person_blocks(own)))


def _packet(db: Session, production: Any, user: str, words: list[str]) -> str:
    if words:
        kind = words[0].lower()
        items = packets.set_packet(db, production, user, kind, words[1:])
        return f"The {kind} packet is now: " + ", ".join(packets.label(i) for i in items) + "."
    shown = packets.all_packets(db, production, user)
    return blocks.packets_text(shown, {k: packets.label(k) for k in packets.ITEMS})


def open_form(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    """Fill in or Upload: the person's own line only, checked before the form opens."""
    db, user = context["db"], body["user"]["id"]
    _, onboarding, item = checklists.own_item(db, body["team"]["id"], button(action), user)
    view = status.checklist(db, onboarding, private=False)
    shown = next(i for i in view.items if i.id == item.id)
    open_modal(client, body["trigger_id"], blocks.form_modal(shown))
    ack()


def verify(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Verify a received document (coordinators)."""
    ack()
    documents.verify(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def send_copy(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any) -> None:
    """Send the document to the coordinator's DM (coordinators)."""
    ack()
    documents.send_copy(
        context["db"],
        body["team"]["id"],
        button(action),
        body["user"]["id"],
        context["clock"].now(),
    )


def submit_form(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any) -> None:
    """Save the form, or take the uploaded file (checked again here)."""
    # Here: bot/app.py imports this module at start, and forms pulls in catering and the
    # call sheets (~45 ms).
    from bot.services.onboarding import forms

    meta = decode(blocks.ItemMeta, view.get("private_metadata"))
    answers = read_values(view)
    forms.submit(
        context["db"],
        body["team"]["id"],
        meta.item_id,
        body["user"]["id"],
        answers,
        context["clock"].now(),
    )
    ack()


def dm_document(event: dict[str, Any], context: Any, production: Any) -> str | None:
    """A file in a DM naming a document of the sender's checklist (its label), else None."""
    return documents.from_dm(
        context["db"],
        production,
        event["user"],
        event.get("text") or "",
        event["files"],
        context["clock"].now(),
    )


def download(client: WebClient, url: str) -> bytes:
    """A file's bytes from Slack, with the bot token (files:read); never to another host."""
    host = urlparse(url).netloc
    own = urlparse(client.base_url).netloc
    if not (host == own or host in SLACK_FILE_HOSTS or host.endswith(".slack.com")):
        raise documents.FetchFailed("that link isn't Slack's")
    request = urllib.request.Request(url)
    request.add_unredirected_header("Authorization", f"Bearer {client.token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            if answer.headers.get_content_type() == "text/html":  # Slack's sign-in page
                raise documents.FetchFailed("Slack sent a sign-in page (is files:read granted?)")
            data = answer.read(documents.MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError) as error:
        raise documents.FetchFailed(f"Slack did not hand it over ({error})") from error
    return data


def fetch_job_for(
    clients: Callable[[str], WebClient],
) -> Callable[[Session, dict, datetime], None]:
    """The scheduler's `onboarding.fetch` job, fetching with the file's workspace's client."""

    def run(session: Session, payload: dict, now: datetime) -> None:
        documents.fetch_job(
            session, payload, now, fetch=lambda url, team: download(clients(team), url)
        )

    return run
