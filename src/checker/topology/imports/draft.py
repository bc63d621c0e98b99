"""The topology an import is building, and how it is written: deterministic YAML with a
comment naming its source, checked by the topology loader before anyone sees it.

Each importer (:mod:`.team_api`, :mod:`.backstage`) adds teams, groupings and interactions to a
:class:`Draft` and warns, with file, line and column, about whatever does not map; the draft
resolves references by id or by name, keeps one interaction per pair of teams, and writes a
file that ``playbook-check topology check`` accepts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from checker.diagnostics import Diagnostic, Position, Severity
from checker.topology.load import load_topology_text, name_key
from checker.topology.model import ROLES

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_ID = 80
MAX_NAME = 120
MAX_PURPOSE = 500
#: How a mode is written in the formats we read -> the topology's mode.
MODE_WORDS = {
    "collaboration": "collaboration",
    "collaborating": "collaboration",
    "x-as-a-service": "x-as-a-service",
    "x as a service": "x-as-a-service",
    "xaas": "x-as-a-service",
    "as a service": "x-as-a-service",
    "facilitating": "facilitating",
    "facilitation": "facilitating",
    "by-request": "by-request",
    "by request": "by-request",
    "oversight": "oversight",
}
TEAM_TYPES = ("stream-aligned", "platform", "enabling", "complicated-subsystem")
#: Who is ``from`` in a directed mode when a file does not say: the higher rank serves,
#: facilitates or oversees.
RANK = {
    "x-as-a-service": {"platform": 3, "complicated-subsystem": 2, "enabling": 1},
    "by-request": {"platform": 3, "complicated-subsystem": 2, "enabling": 1},
    "facilitating": {"enabling": 3, "complicated-subsystem": 2, "platform": 1},
    "oversight": {"complicated-subsystem": 2, "enabling": 2, "platform": 1},
}


def slug(text: str) -> str:
    """An id from a name or an id written elsewhere: ``Search & Ranking`` -> ``search-ranking``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID].strip("-")
    return out or "team"


def mode_of(text: str) -> str | None:
    """The topology's mode for a mode as written (``X-as-a-Service``, ``XaaS``...), or None."""
    words = " ".join(re.sub(r"[^a-z-]+", " ", text.lower()).split())
    return MODE_WORDS.get(words) or MODE_WORDS.get(words.replace("-", " "))


@dataclass
class Where:
    """A place in an input file (1-based line and column)."""

    file: str
    line: int = 1
    column: int = 1

    @classmethod
    def at(cls, file: str, pos: Position) -> Where:
        return cls(file, pos.line, pos.column)


@dataclass
class DraftTeam:
    id: str
    name: str
    type: str
    where: Where
    grouping: str | None = None
    members: dict[str, int] = field(default_factory=dict)
    owns: list[str] = field(default_factory=list)
    provides: list[str] = field(default_factory=list)
    page: str | None = None
    notes: list[str] = field(default_factory=list)  # comments written above the team


@dataclass
class Link:
    """An interaction as a file wrote it: ``ref`` is another team's id or name."""

    team: str  # the id of the team whose file wrote it
    ref: str
    mode: str
    where: Where
    purpose: str = ""
    until: dt.date | None = None
    direction: str = ""  # "from" (the writing team serves, helps or oversees), "to", or ""


@dataclass
class Draft:
    """A topology being imported, and the diagnostics so far."""

    source: str  # for the comment at the top: what was imported
    groupings: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, kind)
    teams: dict[str, DraftTeam] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _names: dict[str, str] = field(default_factory=dict)  # name_key -> team id

    def warn(self, code: str, message: str, where: Where, hint: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(code, message, where.file, where.line, where.column, Severity.WARNING, hint)
        )

    def error(self, code: str, message: str, where: Where, hint: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(code, message, where.file, where.line, where.column, Severity.ERROR, hint)
        )

    def grouping(self, name: str, kind: str) -> str:
        """The id of the grouping called ``name`` (made when new)."""
        for gid, (gname, _) in self.groupings.items():
            if name_key(gname) == name_key(name):
                return gid
        gid = _unique(slug(name), self.groupings)
        self.groupings[gid] = (_clip(name, MAX_NAME), kind)
        return gid

    def add_team(self, team: DraftTeam, written_id: str | None) -> bool:
        """Add ``team`` (its id from ``written_id`` or its name); False, with a warning,
        when a team with that id or a name that reads the same is already there."""
        team.name = _clip(team.name, MAX_NAME)
        key = name_key(team.name)
        team.id = slug(written_id or team.name)
        clash = self.teams.get(team.id) or self.teams.get(self._names.get(key, ""))
        if clash is not None:
            self.warn(
                "PC749",
                f"team {team.name!r} is already imported from {clash.where.file}:"
                f"{clash.where.line} (the same id {team.id!r} or a name that reads the same); "
                "not imported twice",
                team.where,
                hint="give each team its own id and a name a reader can tell apart",
            )
            return False
        self.teams[team.id] = team
        self._names[key] = team.id
        return True

    def resolve(self, ref: str) -> str | None:
        """The id of the team ``ref`` names, by id (as written or as made) or by name."""
        ref = ref.strip()
        for candidate in (ref, slug(ref)):
            if candidate in self.teams:
                return candidate
        return self._names.get(name_key(ref))

    # -- interactions ---------------------------------------------------------------------------

    def interactions(self) -> list[dict[str, Any]]:
        """The links resolved: one per pair of teams (the first kept), directed modes pointing
        from the team that serves, helps or oversees."""
        out: list[dict[str, Any]] = []
        kept: list[tuple[Link, str]] = []
        seen: dict[frozenset[str], Link] = {}
        for link in self.links:
            other = self.resolve(link.ref)
            if other is None:
                self.warn(
                    "PC741",
                    f"interaction with {link.ref!r}: no team of that id or name is imported; "
                    "not imported",
                    link.where,
                    hint="write the other team's id or its name as its own file gives it, or "
                    "import that team too",
                )
                continue
            if other == link.team:
                self.warn("PC741", "a team cannot interact with itself; not imported", link.where)
                continue
            pair = frozenset((link.team, other))
            first = seen.get(pair)
            if first is not None:
                if first.mode == link.mode:  # both teams wrote it: keep what either says
                    first.purpose = first.purpose or link.purpose
                    first.until = first.until or link.until
                else:
                    self.warn(
                        "PC747",
                        f"{self.teams[link.team].name!r} and {self.teams[other].name!r} are "
                        f"also written as {first.mode} at {first.where.file}:"
                        f"{first.where.line}; that one is kept",
                        link.where,
                        hint="keep one interaction per pair of teams (the topology format "
                        "allows one), in both teams' files alike",
                    )
                continue
            seen[pair] = link
            kept.append((link, other))
        for link, other in kept:
            source, target = self._direction(link, other)
            ix: dict[str, Any] = {"from": source, "to": target, "mode": link.mode}
            if link.purpose:
                ix["purpose"] = _clip(link.purpose, MAX_PURPOSE)
            if link.until is not None:
                ix["until"] = link.until.isoformat()
            out.append(ix)
        return out

    def _direction(self, link: Link, other: str) -> tuple[str, str]:
        mine = link.team
        if link.mode == "collaboration" or link.direction == "from":
            return mine, other
        if link.direction == "to":
            return other, mine
        rank = RANK[link.mode]
        a, b = rank.get(self.teams[mine].type, 0), rank.get(self.teams[other].type, 0)
        if a != b:
            return (mine, other) if a > b else (other, mine)
        self.warn(
            "PC746",
            f"who serves whom in this {link.mode} interaction between two "
            f"{self.teams[mine].type} teams is not written; imported with "
            f"{self.teams[other].name!r} as `from`",
            link.where,
            hint="check `from` and `to` in the imported file: `from` serves, helps or oversees",
        )
        return other, mine

    # -- the file -------------------------------------------------------------------------------

    def render(self, organisation: str, as_of: dt.date, header: list[str]) -> str:
        """The topology file: deterministic for the same input, and a comment naming its
        source at the top and above each team."""
        interactions = self.interactions()
        lines = [f"# {line}" for line in header]
        lines += [
            "topology: 1",
            f"organisation: {_q(_clip(organisation, 200))}",
            f"as_of: {as_of.isoformat()}",
        ]
        used = {t.grouping for t in self.teams.values()}
        groupings = [(g, v) for g, v in self.groupings.items() if g in used]
        if groupings:
            lines.append("groupings:")
            lines += [
                f"  - {{id: {gid}, name: {_q(name)}, kind: {kind}}}"
                for gid, (name, kind) in groupings
            ]
        lines.append("teams:")
        for t in self.teams.values():
            lines.append(f"  # {t.where.file}:{t.where.line}")
            lines += [f"  # {note}" for note in t.notes]
            lines.append(f"  - id: {t.id}")
            lines.append(f"    name: {_q(t.name)}")
            lines.append(f"    type: {t.type}")
            if t.grouping:
                lines.append(f"    grouping: {t.grouping}")
            if t.members:
                counts = ", ".join(f"{r}: {t.members[r]}" for r in ROLES if r in t.members)
                lines.append(f"    members: {{{counts}}}")
            if t.owns:
                lines.append(f"    owns: [{', '.join(t.owns)}]")
            if t.provides:
                lines.append(f"    provides: [{', '.join(t.provides)}]")
            if t.page:
                lines.append(f"    page: {_q(t.page)}")
        if interactions:
            lines.append("interactions:")
            for ix in interactions:
                parts = [f"from: {ix['from']}", f"to: {ix['to']}", f"mode: {ix['mode']}"]
                if "purpose" in ix:
                    parts.append(f"purpose: {_q(ix['purpose'])}")
                if "until" in ix:
                    parts.append(f"until: {ix['until']}")
                lines.append("  - {" + ", ".join(parts) + "}")
        return "\n".join(lines) + "\n"


def _unique(ident: str, taken: dict[str, Any]) -> str:
    out, n = ident, 1
    while out in taken:
        n += 1
        out = f"{ident[: MAX_ID - 4]}-{n}"
    return out


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _q(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, and every control, format or line
    separator character as ``\\uXXXX`` so that the file shows what it holds."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


@dataclass
class Result:
    """An import's outcome: the topology file's text (None when it could not be written) and
    the diagnostics, warnings for what did not map."""

    text: str | None
    diagnostics: list[Diagnostic]


def finish(
    draft: Draft, organisation: str, as_of: dt.date, header: list[str], display: str
) -> str | None:
    """The file's text, or None (with an error) when there is nothing to write."""
    if any(d.severity is Severity.ERROR for d in draft.diagnostics):
        return None
    if not draft.teams:
        draft.error(
            "PC752",
            f"no team to import from {draft.source}",
            Where(draft.source, 0, 0),
            hint="check the path and the format: see `playbook-check topology import --help`",
        )
        return None
    text = draft.render(organisation, as_of, header)
    org, diagnostics = load_topology_text(text, display, today=as_of)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if org is None or errors:  # a defect of the importer, not of the input
        raise AssertionError("imported topology is invalid: " + "; ".join(map(str, errors)))
    return text
