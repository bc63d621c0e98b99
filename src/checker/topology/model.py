"""The checked organisation: teams, groupings, interactions and exemptions (plain data)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from checker.diagnostics import Position, SourceMapLike
from checker.model import Exemption

TEAM_TYPES = ("stream-aligned", "complicated-subsystem", "platform", "enabling")
#: Team Topologies' three modes, then two the playbook adds: ``by-request`` (a service reached by
#: asking: a ticket, a queue, a request form) and ``oversight`` (an independent review a duty
#: requires, such as model validation under SR 11-7). See docs/reference/topology-format.md.
MODES = ("collaboration", "x-as-a-service", "facilitating", "by-request", "oversight")
#: Modes in which ``from`` serves ``to`` (``to`` waits for or consumes what ``from`` offers).
SERVICE_MODES = frozenset({"x-as-a-service", "by-request"})
#: Kinds of external provider: bought or outside the organisation, not a team of its own.
PROVIDER_KINDS = ("managed-service", "vendor", "consultancy", "regulator", "other")
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
class Provider:
    """An external provider: a managed service, a vendor, a consultancy or an authority the
    organisation deals with but does not staff. It has no type, members or findings of its own;
    it can provide capabilities and be the ``from`` of an interaction."""

    id: str
    name: str
    kind: str
    index: int
    provides: tuple[str, ...] = ()
    page: str | None = None

    @property
    def ml_provider(self) -> bool:
        return bool(ML_CAPABILITIES.intersection(self.provides))


@dataclass(slots=True)
class Interaction:
    """``source`` provides, facilitates or oversees; ``target`` consumes, is helped or is
    overseen (collaboration: both work together). Either end may be an external provider."""

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
    max_team_size: int = 9
    stream_served_teams: int = 2

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
    providers: dict[str, Provider]
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

    def by_party(self) -> dict[str, list[Interaction]]:
        """Every interaction (active or not), listed under both of its teams or providers, in
        file order: one pass, so per-team views stay linear in the size of the file."""
        out: dict[str, list[Interaction]] = {p: [] for p in (*self.teams, *self.providers)}
        for ix in self.interactions:
            out[ix.source].append(ix)
            out[ix.target].append(ix)
        return out

    def name_of(self, party: str) -> str:
        """The name of a team or an external provider."""
        found = self.teams.get(party) or self.providers[party]
        return found.name

    def provides(self, party: str) -> tuple[str, ...]:
        """What a team or an external provider provides."""
        found = self.teams.get(party) or self.providers[party]
        return found.provides
