"""Teams, their newest assessment of each checklist and their trends, read from a collection's
indexes (:mod:`checker.org.store`).

A team is a team name (case- and white-space-insensitive) within a repository. Its newest
assessment of a checklist is the one of its newest report (by generation time, else assessed
date; a report dated more than a day after ``today`` is left out, PC611, so a mistyped
``9999-12-31`` cannot stay the newest for ever). Its trend has one point a day: the day's last
report. Everything here is plain data, cached between builds by the site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from checker.diagnostics import Diagnostic, Severity
from checker.org.store import UNDATED, slug, team_id

MAX_TREND_POINTS = 24
"""A trend shows at most this many days (the latest): a chart stays readable and pages small."""


class Point(NamedTuple):
    """One day of a team's trend for one checklist."""

    day: str
    overall: float | None
    maximum: float
    high: int
    open: int


class Latest(NamedTuple):
    """A team's newest assessment of one checklist, with where it comes from. (Values are
    NamedTuples: a thousand teams' worth are pickled between builds, which slotted
    dataclasses make ten times slower.)"""

    checklist: str
    title: str
    version: str
    answered_version: str
    assessed: str
    unit: str
    overall: float | None
    maximum: float
    level: str | None
    counts: tuple[int, int, int]
    sections: tuple[tuple[str, str, float | None, float], ...]  # id, title, score, max
    when: str
    file: str  # the stored report, relative to the collection
    entry: int  # its index in the report's files
    tool_version: str
    commit: str = ""
    commit_url: str = ""
    ref: str = ""
    run_url: str = ""
    repository_url: str = ""

    @property
    def points(self) -> bool:
        return self.unit == "points"

    @property
    def day(self) -> str:
        return self.when[:10]


@dataclass
class Team:
    """One team of a repository."""

    repository: str
    name: str
    slug: str
    latest: dict[str, Latest] = field(default_factory=dict)
    trends: dict[str, list[Point]] = field(default_factory=dict)
    reports: int = 0
    fingerprint: str = ""  # :meth:`digest`, computed once

    @property
    def key(self) -> str:
        return f"{self.repository}#{self.slug}"

    @property
    def page(self) -> str:
        """The team's page name in the site."""
        return f"org/teams/{self.repository}/{self.slug}"

    @property
    def badge(self) -> str:
        """The team's badge, relative to the output folder."""
        return f"org/badges/{self.repository}/{self.slug}.svg"

    def open_counts(self) -> tuple[int, int, int]:
        return tuple(sum(a.counts[i] for a in self.latest.values()) for i in range(3))  # type: ignore[return-value]

    def digest(self) -> str:
        """Changes when anything the team's pages show changes."""
        if not self.fingerprint:
            text = repr(
                (self.name, self.reports, sorted(self.latest.items()), sorted(self.trends.items()))
            )
            self.fingerprint = hashlib.sha256(text.encode()).hexdigest()[:20]
        return self.fingerprint


def _latest(a: dict[str, Any], rec: dict[str, Any]) -> Latest:
    prov = rec.get("provenance") or {}
    counts = a["counts"]
    return Latest(
        checklist=a["checklist"]["id"],
        title=a["checklist"]["title"],
        version=a["checklist"]["version"],
        answered_version=a["answered_version"],
        assessed=a["assessed"],
        unit=a["unit"],
        overall=a["overall"],
        maximum=a["maximum"],
        level=a["level"],
        counts=(counts["high"], counts["medium"], counts["low"]),
        sections=tuple((s["id"], s["title"], s["score"], s["max"]) for s in a["sections"]),
        when=rec["when"],
        file=rec["file"],
        entry=a["entry"],
        tool_version=rec["tool_version"],
        commit=prov.get("commit", ""),
        commit_url=prov.get("commit_url", ""),
        ref=prov.get("ref", ""),
        run_url=prov.get("run_url", ""),
        repository_url=prov.get("repository_url", ""),
    )


def teams_of(
    index: dict[str, Any], today: dt.date, display: str
) -> tuple[list[Team], list[Diagnostic]]:
    """The teams of one repository's index (validated), and warnings (PC611)."""
    key = index["repository"]
    limit = (today + dt.timedelta(days=1)).isoformat()
    teams: dict[str, Team] = {}
    days: dict[tuple[str, str], dict[str, Point]] = {}
    warnings: list[Diagnostic] = []
    for rec in sorted(index["reports"], key=lambda r: (r["when"], r["file"])):
        future = rec["when"][:10] > limit and rec["when"] != UNDATED
        for a in rec["assessments"]:
            tid = team_id(a["team"])
            cid = a["checklist"]["id"]
            if future:
                warnings.append(
                    Diagnostic(
                        "PC611",
                        f"{cid!r} of {a['team']!r} is dated {rec['when']}, after {today}; it is "
                        "left out",
                        f"{display}/{rec['file']}",
                        severity=Severity.WARNING,
                        hint="correct the assessed: date (or the clock of the CI that wrote the "
                        "report)",
                    )
                )
                continue
            team = teams.get(tid)
            if team is None:
                team = teams[tid] = Team(key, a["team"], "")
            team.name = a["team"]  # the newest spelling
            team.latest[cid] = _latest(a, rec)
            c = a["counts"]
            point = Point(
                rec["when"][:10],
                a["overall"],
                a["maximum"],
                c["high"],
                c["high"] + c["medium"] + c["low"],
            )
            days.setdefault((tid, cid), {})[point.day] = point
        if not future:
            for tid in {team_id(a["team"]) for a in rec["assessments"]}:
                teams[tid].reports += 1
    used: set[str] = set()
    for tid in sorted(teams):
        team = teams[tid]
        base = slug(team.name)
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name)
        team.slug = name
        for cid in team.latest:
            points = [p for d, p in sorted(days[(tid, cid)].items()) if d != UNDATED]
            team.trends[cid] = points[-MAX_TREND_POINTS:]
        team.digest()
    return sorted(teams.values(), key=lambda t: (t.name.casefold(), t.slug)), warnings


@dataclass
class Group:
    """A group of teams (a value stream, an owner) and its pages."""

    name: str
    slug: str
    teams: list[Team]
    per_page: int = 50

    @property
    def pages(self) -> list[str]:
        n = max(1, -(-len(self.teams) // self.per_page))
        return [f"org/{self.slug}" + ("" if i == 0 else f"-{i + 1}") for i in range(n)]

    def chunk(self, i: int) -> list[Team]:
        return self.teams[i * self.per_page : (i + 1) * self.per_page]

    def page_of(self, team: Team) -> str:
        where = {t.key: i for i, t in enumerate(self.teams)}
        return self.pages[where[team.key] // self.per_page]


OTHER = "Other teams"
MAX_OWNER_GROUPS = 60
"""Past this many owners, teams without a groups file are paged by name instead: the index
lists groups, and stays small."""


def group_teams(
    teams: Sequence[Team], mapping: Iterable[tuple[str, set[str]]] | None, per_page: int = 50
) -> list[Group]:
    """Groups in the groups file's order (a repository listed twice goes to the first), teams
    of repositories not listed last; without a groups file, by the repository's owner (its
    first part)."""
    groups: dict[str, list[Team]] = {}
    if mapping is not None:
        first: dict[str, str] = {}
        for name, repos in mapping:
            groups.setdefault(name, [])
            for repo in repos:
                first.setdefault(repo, name)
        for team in teams:
            groups.setdefault(first.get(team.repository, OTHER), []).append(team)
    else:
        for team in teams:
            owner = team.repository.split("/")[0] if "/" in team.repository else OTHER
            groups.setdefault(owner, []).append(team)
        groups = dict(sorted(groups.items(), key=lambda kv: (kv[0] == OTHER, kv[0])))
        if len(groups) > MAX_OWNER_GROUPS:
            # An owner per team or so: the index would list every team. Pages of teams by name.
            ordered = sorted(teams, key=lambda t: (t.name.casefold(), t.repository, t.slug))
            groups = {
                f"Teams {i + 1} to {min(i + per_page, len(ordered))}": ordered[i : i + per_page]
                for i in range(0, len(ordered), per_page)
            }
    out: list[Group] = []
    used: set[str] = set()
    for name, members in groups.items():
        if not members:
            continue
        base = slug(name)
        s, n = base, 1
        while s in used or s == "teams" or s == "badges":
            n += 1
            s = f"{base}-{n}"
        used.add(s)
        members.sort(key=lambda t: (t.name.casefold(), t.repository, t.slug))
        out.append(Group(name, s, members, per_page))
    return out


def organisation_trend(
    teams: Sequence[Team], checklist: str, samples: int = 12
) -> list[tuple[str, float | None, int]]:
    """The organisation's trend for one checklist: on each of (at most) ``samples`` days, the
    mean of every team's newest score as of that day, and their open findings in total."""
    import bisect

    series = [t.trends[checklist] for t in teams if t.trends.get(checklist)]
    days = sorted({p.day for points in series for p in points})
    if len(days) > samples:
        step = (len(days) - 1) / (samples - 1)
        days = sorted({days[round(i * step)] for i in range(samples)})
    keys = [[p.day for p in points] for points in series]
    out: list[tuple[str, float | None, int]] = []
    for day in days:
        scores: list[float] = []
        open_total = 0
        for points, ks in zip(series, keys, strict=True):
            i = bisect.bisect_right(ks, day) - 1
            if i < 0:
                continue
            p = points[i]
            open_total += p.open
            if p.overall is not None:
                scores.append(p.overall)
        mean = round(sum(scores) / len(scores), 2) if scores else None
        out.append((day, mean, open_total))
    return out
