"""One reader for the people a command names: mentions, `@display name` as typed, plain names.

Slack sends `<@U123|pat>` when it escapes a mention, but `@pat` or `@Pat PA` as typed when the
app does not ask it to escape; people also type plain names ("to bea"). All of them resolve
against the production's crew list, and every command reads them the same way.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.errors import InvalidInput
from bot.store.models import Person, Production

_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_LONGEST_NAME = 4  # words in a typed `@display name`; crew names are rarely longer


def _crew(session: Session, production: Production) -> list[Person]:
    return list(
        session.scalars(
            select(Person)
            .where(Person.production_id == production.id, Person.slack_user_id.is_not(None))
            .order_by(Person.name)
        )
    )


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _matches(crew: list[Person], typed: str) -> list[Person]:
    """Full name first; then first name, or the name run together (Slack display names)."""
    key = _key(typed)
    if not key:
        return []
    exact = [p for p in crew if _key(p.name) == key]
    if exact:
        return exact
    if " " in key:
        return []  # several words name someone only in full
    squashed = key.replace(".", "").replace("_", "")  # handles like pat.pa or pat_pa
    return [
        p
        for p in crew
        if _key(p.name).split(" ")[0] == key
        or _key(p.name).replace(" ", "").replace(".", "") == squashed
    ]


def _one(production: Production, typed: str, found: list[Person]) -> Person:
    if len(found) == 1:
        return found[0]
    if found:
        options = " or ".join(p.name for p in found[:5])
        raise InvalidInput(f"More than one “{typed}” on the crew list: did you mean {options}?")
    raise InvalidInput(f"There's nobody called “{typed}” on {production.name}'s crew list.")


def _by_id(session: Session, production: Production, slack_id: str) -> Person:
    person = session.scalar(
        select(Person).where(
            Person.production_id == production.id, Person.slack_user_id == slack_id
        )
    )
    if person is None:
        raise InvalidInput(f"<@{slack_id}> isn't on {production.name}'s crew list.")
    return person


def take(
    session: Session, production: Production, text: str, *, plain: bool = False
) -> tuple[Person | None, str]:
    """The person named at the start of `text` and the text after them; (None, text) if none.

    A mention or `@name` must resolve (or a clear error is raised); a plain name is only read
    with `plain=True`, and then only when it matches someone (so ordinary words stay text).
    """
    text = text.strip()
    mention = _MENTION.match(text)
    if mention:
        return _by_id(session, production, mention[1]), text[mention.end() :].strip()
    if not text.startswith("@") and not plain:
        return None, text
    typed = text[1:] if text.startswith("@") else text
    words = typed.split()
    crew = _crew(session, production)
    # the longest run of words that names someone wins: "@Pat PA get ice" is Pat PA
    for size in range(min(_LONGEST_NAME, len(words)), 0, -1):
        found = _matches(crew, " ".join(words[:size]))
        if found:
            used = re.match(rf"\s*(?:\S+\s+){{{size - 1}}}\S+", typed)
            rest = typed[used.end() :].strip() if used else ""  # as typed: spacing kept
            return _one(production, " ".join(words[:size]), found), rest
    if text.startswith("@"):
        _one(production, words[0] if words else typed, [])
    return None, text


def leading(session: Session, production: Production, text: str) -> tuple[list[Person], str]:
    """Everyone named at the start (`@pat @sam pick up lunch`) and the rest, which stays text."""
    people: list[Person] = []
    rest = text.strip()
    while True:
        person, after = take(session, production, rest)
        if person is None:
            return people, rest
        if person not in people:
            people.append(person)
        rest = after


def one(session: Session, production: Production, text: str) -> Person:
    """Exactly one person, named by mention, `@name` or plain name, and nothing else."""
    person, rest = take(session, production, text, plain=True)
    if person is None or rest:
        typed = text.strip().removeprefix("@")
        found = _matches(_crew(session, production), typed)
        return _one(production, typed, found if len(found) > 1 else [])
    return person


def after_to(session: Session, production: Production, text: str) -> tuple[str, Person | None]:
    """`c-stand 14 to @bea` -> ("c-stand 14", Bea): the last `to <person>` names who."""
    for match in reversed(list(re.finditer(r"(?:^|\s)to\s+", text, re.IGNORECASE))):
        tail = text[match.end() :]
        mentioned = tail.startswith(("@", "<@"))
        person, rest = take(session, production, tail, plain=True)
        if person is not None and not rest:
            return text[: match.start()].strip(), person
        if mentioned:
            raise InvalidInput(f"“{tail.strip()}” isn't one person on {production.name}'s crew.")
    return re.sub(r"\s+to\s*$", "", text).strip(), None
