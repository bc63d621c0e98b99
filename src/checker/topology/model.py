"""The checked organisation: teams, groupings, interactions and exemptions (plain data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from checker.diagnostics import Position, SourceMapLike
from checker.model import Exemption

TEAM_TYPES = ("stream-aligned", "complicated-subsystem", "platform", "enabling")
MODES = ("collaboration", "x-as-a-service", "facilitating")
ROLES = ("scientists", "ml-engineers", "data-engineers", "software-engineers", "product", "other")
#: Capabilities that make a team an ML (MLOps) provider.
ML_CAPABILITIES = frozenset(
    {
        "training",
        "experiment-tracking",
        "registry",
        "feature-store",
        "serving",
        "deployment",
        "monitoring",
        "labelling",
        "model-registry",
    }
)
#: Capabilities that give a team a path to run models in production.
SERVING_CAPABILITIES = frozenset({"serving", "deployment"})
FORMAT_VERSION = 1


@dataclass(slots=True)
class Grouping:
    id: str
    name: str
    kind: str
    index: int


@dataclass(slots=True)
class Team:
    id: str
    name: str
    type: str
    index: int
    grouping: str | None = None
    members: dict[str, int] = field(default_factory=dict)
    owns: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    page: str | None = None
    answers: tuple[str, ...] = ()

    @property
    def scientists(self) -> int:
        return self.members.get("scientists", 0)

    @property
    def ml_engineers(self) -> int:
        return self.members.get("ml-engineers", 0)

    @property
    def size(self) -> int:
        return sum(self.members.values())

    @property
    def ml_provider(self) -> bool:
        return bool(ML_CAPABILITIES.intersection(self.provides))


@dataclass(slots=True)
class Interaction:
    """``source`` provides or facilitates, ``target`` consumes or is helped (collaboration:
    both work together)."""

    source: str
    target: str
    mode: str
    index: int
    purpose: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def subject(self) -> str:
        return f"{self.source}--{self.target}"

    def active(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )

    def involves(self, team_id: str) -> bool:
        return team_id in (self.source, self.target)

    def other(self, team_id: str) -> str:
        return self.target if team_id == self.source else self.source


@dataclass(slots=True)
class Thresholds:
    """Finding thresholds; defaults documented in docs/reference/topology-format.md."""

    mlops_close_teams: int = 3
    max_collaborations: int = 1
    collaboration_months: int = 6
    subsystem_dependents: int = 3
    max_dependencies: int = 3

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> Thresholds:
        return cls(**{k.replace("-", "_"): v for k, v in raw.items()})


@dataclass(slots=True)
class Organisation:
    path: str
    name: str
    as_of: dt.date
    description: str
    teams: dict[str, Team]
    groupings: dict[str, Grouping]
    interactions: list[Interaction]
    capabilities: tuple[str, ...]
    thresholds: Thresholds
    exemptions: list[Exemption]
    source_map: SourceMapLike

    def position(self, *path: Any) -> Position:
        """Where ``path`` (e.g. ``("teams", 3, "members")``) is, or the nearest enclosing value."""
        return self.source_map.position(tuple(path))

    def team_path(self, team_id: str) -> tuple[Any, ...]:
        return ("teams", self.teams[team_id].index)
