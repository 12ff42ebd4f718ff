"""What a /calltime asks: whose call (the asker's, someone's, a department's, everyone's) and
on which day, read from what was typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bot.crew_entries import member_read
from bot.errors import InvalidInput, NotFound
from bot.permissions import Member
from bot.services.core import people as crew_people
from bot.store import fast_reads
from bot.store.models import Department, Person, Production
from bot.timeparse import TimeParseError, parse_day, quick_day

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
USAGE = "Try `/calltime`, `/calltime fri`, `/calltime @gus`, `/calltime grip` or `/calltime all`."


@dataclass(frozen=True)
class Question:
    """Whose call is asked about, and for which day (None: the next)."""

    person: Person | Member | None  # None: a group
    subject: str
    on: date | None
    department: _Department | None = None
    group: bool = False


def read_question(
    session: Session, production: Production, me: Person, text: str, now: datetime
) -> Question:
    """The question in `text` (empty: the asker's next call)."""
    words = text.strip()
    if not words:  # the common case: no further reads
        return Question(me, "You", None)
    mention = _MENTION.search(words)
    if mention:
        person = member_read(session, production.id, mention[1])
        if person is None:
            raise NotFound(f"That person isn't on {production.name}'s crew list.")
        rest = _MENTION.sub("", words).strip()
        return Question(person, person.name, _day(rest, production, now))
    named, after = crew_people.take(session, production, words)
    if named is not None:
        return Question(named, named.name, _day(after, production, now))
    first, _, rest = words.partition(" ")
    if first.lower() in EVERYONE:
        return Question(None, "Everyone", _day(rest, production, now), group=True)
    on = quick_day(words, production.timezone, now)
    if on is not None:
        return Question(me, "You", on)
    # Then a department, before the slow reading of a day: dateparser took a millisecond and
    # more to refuse a word like "grip".
    found, rest, departments = _department(session, production, words)
    if found is not None:
        return Question(None, found.name, _day(rest, production, now), found, group=True)
    try:
        return Question(me, "You", _day(words, production, now, strict=True))
    except InvalidInput as refused:
        names = ", ".join(f"“{d.name}”" for d in sorted(departments, key=lambda d: d.name))
        if names:  # what else could have been meant
            refused.message += f" Departments: {names}."
        raise


EVERYONE = ("all", "everyone", "everybody")


@dataclass(frozen=True)
class _Department:
    id: int
    name: str


_DEPARTMENTS = fast_reads.Prepared(
    select(Department.id, Department.name).where(
        Department.production_id == bindparam("production")
    )
)


def _department(
    session: Session, production: Production, words: str
) -> tuple[_Department | None, str, list[_Department]]:
    """The department named at the start of `words` (its whole name, or words of it only it
    has: "hair" is Hair & Make-up), the rest, and every department."""
    first, _, rest = words.partition(" ")
    rows = fast_reads.read(session, _DEPARTMENTS, {"production": production.id})
    departments = [_Department(*row) for row in rows]
    for candidate in (words.lower(), first.lower()):
        for department in departments:
            if department.name.lower() == candidate:
                return department, "" if candidate == words.lower() else rest, departments
    having = [d for d in departments if _names_part(first, d.name)]
    if len(having) == 1:
        return having[0], rest, departments
    return None, words, departments


_WORD = re.compile(r"[a-z0-9]+")


def _names_part(typed: str, name: str) -> bool:
    """Whether `typed` is a run of the name's words: "hair", "make-up" or "makeup" of
    "Hair & Make-up" (whole words only: "air" is not)."""
    wanted, words = "".join(_WORD.findall(typed.lower())), _WORD.findall(name.lower())
    runs = ("".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))
    return bool(wanted) and wanted in runs


def _day(text: str, production: Production, now: datetime, strict: bool = False) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_day(text, production.timezone, now)
    except TimeParseError as error:
        if strict or error.unreadable:  # /calltime asks about days, not times
            raise InvalidInput(f"I can't read “{text}” as a day. {USAGE}") from error
        raise
