"""Delivery: every message, update and file Slate sends goes through this outbox.

A row is written in the same transaction as the change that caused it; a worker posts it,
honouring 429 Retry-After, backing off on 5xx and network errors, pacing each channel, and
recording the posted ts so later updates find the message. A chat.postMessage carries its
outbox id in message metadata, so a retry after a crash first looks for the message it may
already have posted: nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from bot.blocks.limits import check_message, check_view
from bot.store.models import OutboxMessage

log = logging.getLogger(__name__)

METADATA_EVENT = "slate_outbox"
PACED_METHODS = frozenset({"chat.postMessage", "files.upload"})
FILE_UPLOAD = "files.upload"
# A post Slack refused with not_in_channel: kept pending, never dropped, until Slate is invited
# (member_joined_channel makes it due at once; meanwhile it is tried again now and then).
WAITING_FOR_INVITE = "not_in_channel: waiting for an invite"
INVITE_RETRY = timedelta(minutes=30)


def enqueue(
    session: Session,
    method: str,
    *,
    channel: str,
    payload: dict[str, Any],
    now: datetime,
    ref: str | None = None,
    target_ref: str | None = None,
    dedupe_key: str | None = None,
    attachment: bytes | None = None,
) -> OutboxMessage:
    """Queue one Web API call; with a dedupe_key already queued, return that row instead."""
    if dedupe_key is not None:
        existing = _queued(session, dedupe_key)
        if existing is not None:
            return existing
    if method.startswith("chat."):
        check_message(payload)
    elif method.startswith("views."):
        check_view(payload["view"])
    row = OutboxMessage(
        method=method,
        channel=channel,
        payload=payload,
        attachment=attachment,
        ref=ref,
        target_ref=target_ref,
        dedupe_key=dedupe_key,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.info[WAKE] = True  # the worker is woken once this commits
    if dedupe_key is not None:
        session.info.setdefault(_PENDING_KEYS, {})[dedupe_key] = row
    return row


_PENDING_KEYS = "outbox_pending_dedupe_keys"
_ABSENT_KEYS = "outbox_absent_dedupe_keys"
WAKE = "outbox_wake"  # session.info flag: rows were queued in this transaction


def look_up(session: Session, dedupe_keys: list[str]) -> set[str]:
    """Which of `dedupe_keys` are already queued, in one query; the rest are remembered as
    absent so enqueueing them (a fan-out of hundreds) asks the database no more."""
    with session.no_autoflush:
        found = set(
            session.scalars(
                select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.in_(dedupe_keys))
            )
        )
    session.info.setdefault(_ABSENT_KEYS, set()).update(set(dedupe_keys) - found)
    return found


def _queued(session: Session, dedupe_key: str) -> OutboxMessage | None:
    """The row already queued under `dedupe_key`, in this transaction or before it."""
    pending = session.info.get(_PENDING_KEYS, {}).get(dedupe_key)
    if pending is not None and pending in session:
        return pending
    if dedupe_key in session.info.get(_ABSENT_KEYS, ()):
        return None
    # No autoflush: a fan-out of hundreds of rows is written in one batch at commit.
    with session.no_autoflush:
        return session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key))


def post_message(
    session: Session,
    channel: str,
    *,
    text: str,
    now: datetime,
    blocks: list[dict[str, Any]] | None = None,
    ref: str | None = None,
    thread_ref: str | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Queue a message to a channel, or to a person's DM when `channel` is a user id."""
    payload: dict[str, Any] = {"channel": channel, "text": text}
    if blocks is not None:
        payload["blocks"] = blocks
    return enqueue(
        session,
        "chat.postMessage",
        channel=channel,
        payload=payload,
        now=now,
        ref=ref,
        target_ref=thread_ref,
        dedupe_key=dedupe_key,
    )


def update_message(
    session: Session,
    ref: str,
    *,
    text: str,
    now: datetime,
    blocks: list[dict[str, Any]] | None = None,
) -> OutboxMessage:
    """Queue an in-place edit of the message posted under `ref`."""
    target = session.scalar(
        select(OutboxMessage).where(OutboxMessage.ref == ref).order_by(OutboxMessage.id.desc())
    )
    if target is None:
        raise LookupError(f"no message was posted as {ref!r}")
    payload: dict[str, Any] = {"text": text, "blocks": blocks or []}
    return enqueue(
        session, "chat.update", channel=target.channel, payload=payload, now=now, target_ref=ref
    )


def post_ephemeral(
    session: Session,
    channel: str,
    user: str,
    *,
    text: str,
    now: datetime,
    blocks: list[dict[str, Any]] | None = None,
) -> OutboxMessage:
    """Queue a message only `user` sees, in `channel`."""
    payload: dict[str, Any] = {"channel": channel, "user": user, "text": text}
    if blocks is not None:
        payload["blocks"] = blocks
    return enqueue(session, "chat.postEphemeral", channel=channel, payload=payload, now=now)


def publish_home(session: Session, user: str, view: dict[str, Any], *, now: datetime) -> None:
    """Queue a new App Home tab for `user`."""
    enqueue(
        session, "views.publish", channel=user, payload={"user_id": user, "view": view}, now=now
    )


def upload_file(
    session: Session,
    channel: str,
    *,
    filename: str,
    content: bytes,
    now: datetime,
    title: str | None = None,
    comment: str | None = None,
    thread_ref: str | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Queue a file to share in a channel (through Slack's upload v2 calls)."""
    payload = {"filename": filename, "title": title or filename, "initial_comment": comment}
    return enqueue(
        session,
        FILE_UPLOAD,
        channel=channel,
        payload=payload,
        attachment=content,
        now=now,
        target_ref=thread_ref,
        dedupe_key=dedupe_key,
    )


def posted(session: Session, ref: str) -> OutboxMessage | None:
    """The sent message recorded under `ref`, with its channel and ts, if it has gone out."""
    return session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.ref == ref, OutboxMessage.status == "sent")
        .order_by(OutboxMessage.id.desc())
    )


def next_due(session: Session, *, invited_only: bool = False, where: Any = None) -> datetime | None:
    """When the next pending row falls due (`invited_only`: not counting those that wait for
    an invite, which wait for a person rather than for time; `where`: only rows matching this
    filter, e.g. pacing.not_paused)."""
    waiting = OutboxMessage.last_error == WAITING_FOR_INVITE
    query = select(OutboxMessage.next_attempt_at).where(OutboxMessage.status == "pending")
    if invited_only:
        query = query.where(or_(OutboxMessage.last_error.is_(None), ~waiting))
    if where is not None:
        query = query.where(where)
    return session.scalar(query.order_by(OutboxMessage.next_attempt_at).limit(1))


def waiting_for_invite(session: Session, channel: str, team_id: str | None = None) -> int:
    """How many messages (of `team_id`'s, if given) wait for Slate to be invited to `channel`."""
    waiting = _waiting(channel, team_id)
    return session.scalar(select(func.count(OutboxMessage.id)).where(*waiting)) or 0


def release_waiting(
    session: Session, channel: str, now: datetime, team_id: str | None = None
) -> int:
    """Slate was invited to `channel` (by `team_id`'s bot, if given): what waited for it is
    due now. Returns how many. A channel shared between workspaces is each one's own."""
    result: Any = session.execute(
        update(OutboxMessage).where(*_waiting(channel, team_id)).values(next_attempt_at=now)
    )
    return int(result.rowcount or 0)


def _waiting(channel: str, team_id: str | None) -> tuple[Any, ...]:
    found = (
        OutboxMessage.status == "pending",
        OutboxMessage.channel == channel,
        OutboxMessage.last_error == WAITING_FOR_INVITE,
    )
    if team_id is None:
        return found
    # A row from before rows knew their team goes with any team's invite, as it used to.
    return (*found, or_(OutboxMessage.team_id == team_id, OutboxMessage.team_id.is_(None)))


def backoff(attempts: int) -> timedelta:
    """Exponential back-off after a failed attempt: 2 s, 4 s, 8 s, … capped at 5 minutes."""
    return timedelta(seconds=min(2**attempts, 300))


def tell(
    session: Session,
    user: str,
    channel: str | None,
    *,
    text: str,
    now: datetime,
    blocks: list[dict[str, Any]] | None = None,
) -> OutboxMessage:
    """Answer a person where they are: ephemeral in a channel, else in their DM."""
    if channel and channel[:1] in ("C", "G"):
        return post_ephemeral(session, channel, user, text=text, blocks=blocks, now=now)
    return post_message(session, user, text=text, blocks=blocks, now=now)


def has_ref(session: Session, ref: str) -> bool:
    """Whether a message was queued under `ref` (sent or not yet)."""
    found = session.scalar(select(OutboxMessage.id).where(OutboxMessage.ref == ref).limit(1))
    return found is not None
