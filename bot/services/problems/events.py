"""What happens to problems on set, as facts notify turns into posts and DMs."""

from __future__ import annotations

from dataclasses import dataclass

from bot.events import Event


@dataclass(frozen=True)
class ProblemChange(Event):
    """Something happened to a problem; subscribers read the problem as it stands."""

    problem_id: int


@dataclass(frozen=True)
class ProblemReported(ProblemChange):
    """A problem was filed."""


@dataclass(frozen=True)
class ProblemTaken(ProblemChange):
    """Someone took a problem that nobody had."""


@dataclass(frozen=True)
class ProblemUpdated(ProblemChange):
    """`actor` added an update."""

    actor: str
    text: str


@dataclass(frozen=True)
class ProblemResolved(ProblemChange):
    """`actor` resolved it (the note is on the problem)."""

    actor: str


@dataclass(frozen=True)
class ProblemReassigned(ProblemChange):
    """A coordinator gave it to someone else."""


@dataclass(frozen=True)
class ProblemDeleted(ProblemChange):
    """A coordinator withdrew it."""


@dataclass(frozen=True)
class ProblemWorkStateSet(ProblemChange):
    """For a safety problem: work stopped, or it is safe."""


@dataclass(frozen=True)
class ProblemEscalated(ProblemChange):
    """Nobody took it in time: step 1 tells the coordinators, step 2 is louder."""

    step: int
