"""Looking up a Slack user's crew-list entry on a production, for the permission table."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.orm import Session

from bot.store import fast_reads
from bot.store.models import Person, Production

_MEMBERS = "slate_member"  # session.info key prefix: crew-list entries already looked up


# Built once: composing the statement cost more than running it on every request.
_MEMBER = select(Person).where(
    Person.production_id == bindparam("production"), Person.slack_user_id == bindparam("user")
)


def member(session: Session, production: Production, slack_user_id: str) -> Person | None:
    """The crew-list entry of a Slack user on a production (looked up once per session)."""
    key = (_MEMBERS, production.id, slack_user_id)
    known = session.info.get(key)
    # Reuse the entry found earlier in this request only while it is still that person's
    # live row: an entry deleted, rolled back or re-pointed since is looked up again.
    if known is not None and _still(known, production.id, slack_user_id):
        return known
    person = session.scalar(_MEMBER, {"production": production.id, "user": slack_user_id})
    if person is not None:
        session.info[key] = person
    return person


def _still(person: Person, production_id: int, slack_user_id: str) -> bool:
    state = inspect(person)
    return (
        state.persistent
        and person.production_id == production_id
        and person.slack_user_id == slack_user_id
    )


@dataclass(frozen=True, slots=True)
class Member:
    """A crew-list entry read without the ORM, for read-only requests: who, and their role."""

    id: int
    name: str
    role: str
    position: str | None


_MEMBER_READ = fast_reads.Prepared(
    select(Person.id, Person.name, Person.role, Person.position).where(
        Person.production_id == bindparam("production"), Person.slack_user_id == bindparam("user")
    )
)


def member_read(session: Session, production_id: int, slack_user_id: str) -> Member | None:
    """A Slack user's crew-list entry as a row (a read-only request names someone)."""
    rows = fast_reads.read(
        session, _MEMBER_READ, {"production": production_id, "user": slack_user_id}
    )
    return Member(*rows[0]) if rows else None
