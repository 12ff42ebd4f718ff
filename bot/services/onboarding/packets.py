"""What each kind of worker hands in: the items of a packet, per production, with defaults."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import permissions
from bot.errors import InvalidInput
from bot.store.models import Person, Production
from bot.store.models_onboarding import OnboardingPacket
from bot.store.models_wrap import Contract

# key: (label, how it is handed in: a "file" a coordinator verifies, or a "form")
ITEMS: dict[str, tuple[str, str]] = {
    "deal_memo": ("Deal memo (signed)", "file"),
    "w4": ("W-4", "file"),
    "i9": ("I-9", "file"),
    "w9": ("W-9", "file"),
    "nda": ("NDA", "file"),
    "emergency": ("Emergency contact", "form"),
    "dietary": ("Dietary needs", "form"),
    "sizes": ("Sizes (wardrobe)", "form"),
}
KINDS = ("employee", "contractor", "cast")
_EVERYONE = ("nda", "emergency", "dietary")
DEFAULTS: dict[str, tuple[str, ...]] = {
    "employee": ("deal_memo", "w4", "i9", *_EVERYONE),
    "contractor": ("deal_memo", "w9", *_EVERYONE),
    "cast": ("deal_memo", "w4", "i9", *_EVERYONE, "sizes"),
}
# What people type for an item: `W-9`, `w9`, `deal memo`, `emergency contact`...
ALIASES = {
    "dealmemo": "deal_memo",
    "deal": "deal_memo",
    "emergencycontact": "emergency",
    "diet": "dietary",
    "dietaryneeds": "dietary",
    "size": "sizes",
}


def label(item: str) -> str:
    """How an item reads to people."""
    return ITEMS[item][0]


def is_file(item: str) -> bool:
    """Whether the item is a document (uploaded, then verified)."""
    return ITEMS[item][1] == "file"


def read_item(word: str) -> str | None:
    """An item key from what someone typed (`W-9`, `deal memo`), or None."""
    key = "".join(ch for ch in word.lower() if ch.isalnum())
    if key in ("dealmemo", "w4", "i9", "w9", "nda"):
        return {"dealmemo": "deal_memo"}.get(key, key)
    return ALIASES.get(key) or (key if key in ITEMS else None)


def items_for(session: Session, production: Production, kind: str) -> tuple[str, ...]:
    """The production's packet for a kind of worker (its own, else the default)."""
    row = session.scalar(
        select(OnboardingPacket).where(
            OnboardingPacket.production_id == production.id, OnboardingPacket.kind == kind
        )
    )
    return tuple(row.items.split(",")) if row is not None else DEFAULTS[kind]


def all_packets(session: Session, production: Production, actor: str) -> dict[str, tuple]:
    """Every kind's packet (coordinators)."""
    permissions.require(session, production, actor, "onboarding.packet")
    return {kind: items_for(session, production, kind) for kind in KINDS}


def set_packet(
    session: Session, production: Production, actor: str, kind: str, words: list[str]
) -> tuple[str, ...]:
    """Replace one kind's packet with the items typed (coordinators)."""
    permissions.require(session, production, actor, "onboarding.packet")
    if kind not in KINDS:
        raise InvalidInput(f"Say which packet: {', '.join(KINDS)}.")
    items = [read_item(w) for w in words]
    unknown = [w for w, item in zip(words, items, strict=True) if item is None]
    if unknown or not items:
        raise InvalidInput(
            f"I don't know {', '.join(f'“{w}”' for w in unknown) or 'that'}. Type items from: "
            + ", ".join(ITEMS)
            + " — like `/onboarding packet contractor deal_memo w9 nda emergency dietary`."
        )
    chosen = tuple(dict.fromkeys(i for i in items if i))
    row = session.scalar(
        select(OnboardingPacket).where(
            OnboardingPacket.production_id == production.id, OnboardingPacket.kind == kind
        )
    )
    if row is None:
        row = OnboardingPacket(production_id=production.id, kind=kind, items="")
        session.add(row)
    row.items = ",".join(chosen)
    session.flush()
    return chosen


def kind_of(session: Session, person: Person) -> str:
    """A person's kind of worker: cast by role, contractor with a contract, else employee."""
    if person.role == "cast":
        return "cast"
    contract = session.scalar(select(Contract.id).where(Contract.person_id == person.id))
    return "contractor" if contract is not None else "employee"
