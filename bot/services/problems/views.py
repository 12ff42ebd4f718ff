"""Problems as plain view data: what the post, the forms and the list show, with names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.services.core.crew_names import names
from bot.store.models import Production
from bot.store.models_problems import Problem


@dataclass(frozen=True)
class ProblemView:
    """One problem as it stands; names are the crew list's, or None if unknown."""

    id: int
    number: int
    severity: str
    description: str
    status: str
    created_at: datetime
    reporter_name: str | None = None
    owner_name: str | None = None
    resolved_at: datetime | None = None
    place: str | None = None
    department: str | None = None
    quoted: str | None = None
    source_link: str | None = None
    photo_file_id: str | None = None
    latest_update: str | None = None
    resolution: str | None = None
    work_state: str | None = None
    # Who resolved or deleted it, and whether a coordinator gave it to its owner.
    closed_by_name: str | None = None
    reassigned: bool = False

    @property
    def is_open(self) -> bool:
        """Nobody has resolved or deleted it."""
        return self.status in ("open", "owned")


def _last(problem: Problem, kinds: tuple[str, ...]) -> str | None:
    """The kind and actor of the latest of `kinds` in the problem's history."""
    for event in reversed(problem.events):
        if event.kind in kinds:
            return f"{event.kind}:{event.actor or ''}"
    return None


def view_of(problem: Problem, who: dict[str, str]) -> ProblemView:
    """The view of a problem, naming people from `who` (Slack id -> name)."""
    closed_by, reassigned = None, False
    if problem.status in ("resolved", "deleted"):
        last = _last(problem, (problem.status,))
        closed_by = who.get(last.partition(":")[2]) if last else None
    elif problem.status == "owned":
        reassigned = (_last(problem, ("taken", "reassigned")) or "").startswith("reassigned")
    return ProblemView(
        id=problem.id,
        number=problem.number,
        severity=problem.severity,
        description=problem.description,
        status=problem.status,
        created_at=problem.created_at,
        reporter_name=who.get(problem.reporter),
        owner_name=who.get(problem.owner or ""),
        resolved_at=problem.resolved_at,
        place=problem.place,
        department=problem.department.name if problem.department else None,
        quoted=problem.quoted,
        source_link=problem.source_link,
        photo_file_id=problem.photo_file_id,
        latest_update=problem.latest_update,
        resolution=problem.resolution,
        work_state=problem.work_state,
        closed_by_name=closed_by,
        reassigned=reassigned,
    )


def views(session: Session, production: Production, problems: list[Problem]) -> list[ProblemView]:
    """Views of several problems of one production."""
    who = names(session, production)
    return [view_of(p, who) for p in problems]


def view(session: Session, problem: Problem) -> ProblemView:
    """The view of one problem."""
    production = session.get(Production, problem.production_id)
    assert production is not None
    return view_of(problem, names(session, production))
