"""Load and validate a topology file: safe YAML, the JSON Schema, then cross-references.

Every problem becomes a positioned diagnostic (PC2xx from the schema, PC7xx here); a file with
errors gives no :class:`~checker.topology.model.Organisation`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from checker.constants import MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink
from checker.load.yaml import Document, load_path, load_text
from checker.model import Exemption
from checker.suggest import did_you_mean
from checker.topology.model import (
    FORMAT_VERSION,
    Grouping,
    Interaction,
    Organisation,
    Team,
    Thresholds,
)
from checker.topology.rules import RULES
from checker.validate import schema
from checker.validate.exemptions import read_exemptions

_LINK_TEXT = re.compile(r"[^\s\"'<>`\\]+")
_GROUPING_FOR = {"stream-aligned": "value-stream", "platform": "platform"}


def load_topology(
    path: str | Path,
    *,
    display: str | None = None,
    max_bytes: int = MAX_BYTES,
    today: dt.date | None = None,
) -> tuple[Organisation | None, list[Diagnostic]]:
    """Read and check one topology file. Never raises for bad input."""
    name = display if display is not None else str(path)
    try:
        doc = load_path(path, display=name, max_bytes=max_bytes)
    except CheckerError as exc:
        return None, exc.diagnostics
    return build(doc, Path(path).parent, today=today)


def load_topology_text(
    text: str, file: str = "<string>", *, base: Path | None = None, today: dt.date | None = None
) -> tuple[Organisation | None, list[Diagnostic]]:
    """Check a topology given as text (tests, the bench)."""
    try:
        doc = load_text(text, file)
    except CheckerError as exc:
        return None, exc.diagnostics
    return build(doc, base or Path("."), today=today)


def build(
    doc: Document, base: Path, *, today: dt.date | None = None
) -> tuple[Organisation | None, list[Diagnostic]]:
    """Validate a loaded document and build the organisation."""
    sink = DiagnosticSink(doc.path, doc.source_map)
    data = doc.data
    if not isinstance(data, dict):
        sink.add(
            "PC203",
            "a topology file should be a mapping (topology, organisation, teams, ...)",
            (),
            hint="start from `playbook-check topology init`",
        )
        return None, sink.items
    version = data.get("topology")
    if version != FORMAT_VERSION:
        if "topology" not in data:
            sink.add(
                "PC701",
                "not a topology file: the key 'topology: 1' is missing",
                (),
                hint="add `topology: 1` as the first line (the format version)",
            )
        else:
            sink.add(
                "PC701",
                f"unsupported topology format version {version!r}",
                ("topology",),
                hint=f"this playbook-check reads `topology: {FORMAT_VERSION}`",
            )
        return None, sink.items
    if not schema.validate(data, "topology", sink):
        return None, sink.items
    org = _organisation(doc, data, base, sink, today or dt.date.today())
    errors = sink.errors
    return (None if errors else org), sink.items


def _date(value: str, sink: DiagnosticSink, path: tuple[Any, ...]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        sink.add("PC205", f"{value!r} is not a valid date", path, hint="write YYYY-MM-DD")
        return None


def _organisation(
    doc: Document, data: dict[str, Any], base: Path, sink: DiagnosticSink, today: dt.date
) -> Organisation:
    as_of = _date(data["as_of"], sink, ("as_of",)) if "as_of" in data else None
    groupings: dict[str, Grouping] = {}
    for i, g in enumerate(data.get("groupings", [])):
        if g["id"] in groupings:
            _duplicate(sink, "grouping", g["id"], ("groupings", i, "id"))
            continue
        groupings[g["id"]] = Grouping(g["id"], g["name"], g["kind"], i)
    teams: dict[str, Team] = {}
    for i, t in enumerate(data["teams"]):
        path = ("teams", i)
        if t["id"] in teams:
            _duplicate(sink, "team", t["id"], (*path, "id"))
            continue
        team = Team(
            t["id"],
            t["name"],
            t["type"],
            i,
            grouping=t.get("grouping"),
            members=dict(t.get("members", {})),
            owns=tuple(t.get("owns", ())),
            provides=tuple(t.get("provides", ())),
            page=t.get("page"),
            answers=tuple(t.get("answers", ())),
        )
        teams[team.id] = team
        _check_team(team, groupings, base, sink)
    interactions = _interactions(data.get("interactions", []), teams, sink)
    capabilities: list[str] = []
    for i, cap in enumerate(data.get("capabilities", [])):
        if cap in capabilities:
            _duplicate(sink, "capability", cap, ("capabilities", i))
        else:
            capabilities.append(cap)
    exemptions = _exemptions(data.get("exemptions", []), sink, doc)
    return Organisation(
        path=doc.path,
        name=data["organisation"],
        as_of=as_of or today,
        description=data.get("description", ""),
        teams=teams,
        groupings=groupings,
        interactions=interactions,
        capabilities=tuple(capabilities),
        thresholds=Thresholds.from_data(data.get("thresholds", {})),
        exemptions=exemptions,
        source_map=doc.source_map,
    )


def safe_link(link: str) -> bool:
    """An http(s) URL or a path (no other scheme, no spaces, quotes or angle brackets)."""
    if not _LINK_TEXT.fullmatch(link) or link.startswith("//"):
        return False
    return link.startswith(("http://", "https://")) or ":" not in link.split("/", 1)[0]


def _duplicate(sink: DiagnosticSink, what: str, ident: str, path: tuple[Any, ...]) -> None:
    sink.add(
        "PC702",
        f"duplicate {what} {ident!r}",
        path,
        hint=f"each {what} appears once; rename or remove one",
    )


def _check_team(
    team: Team, groupings: dict[str, Grouping], base: Path, sink: DiagnosticSink
) -> None:
    path = ("teams", team.index)
    if team.grouping is not None:
        grouping = groupings.get(team.grouping)
        if grouping is None:
            sink.add(
                "PC703",
                f"team {team.id!r} names unknown grouping {team.grouping!r}",
                (*path, "grouping"),
                hint=did_you_mean(team.grouping, list(groupings))
                or "declare it under `groupings:`",
            )
        elif _GROUPING_FOR.get(team.type, grouping.kind) != grouping.kind:
            sink.add(
                "PC706",
                f"{team.type} team {team.id!r} is in {grouping.kind} grouping {grouping.id!r}",
                (*path, "grouping"),
                hint="stream-aligned teams belong to value streams, platform teams to "
                "platform groupings",
            )
    if team.page is not None and not safe_link(team.page):
        sink.add(
            "PC707",
            f"page {team.page!r} is not an http(s) URL or a path",
            (*path, "page"),
            hint="write https://... or a relative path without spaces or quotes",
        )
    for j, answers in enumerate(team.answers):
        target = base / answers
        if Path(answers).is_absolute() or not target.is_file():
            sink.add(
                "PC708",
                f"answers file {answers!r} of team {team.id!r} does not exist",
                (*path, "answers", j),
                hint="paths are relative to the topology file",
            )


def _interactions(
    raw: list[dict[str, Any]], teams: dict[str, Team], sink: DiagnosticSink
) -> list[Interaction]:
    result: list[Interaction] = []
    seen: set[tuple[str, str]] = set()
    for i, item in enumerate(raw):
        path = ("interactions", i)
        ok = True
        for end in ("from", "to"):
            if item[end] not in teams:
                sink.add(
                    "PC703",
                    f"interaction {end} unknown team {item[end]!r}",
                    (*path, end),
                    hint=did_you_mean(item[end], list(teams)) or "declare the team under `teams:`",
                )
                ok = False
        if not ok:
            continue
        if item["from"] == item["to"]:
            sink.add(
                "PC704",
                f"team {item['from']!r} interacts with itself",
                (*path, "to"),
                hint="an interaction is between two different teams",
            )
            continue
        pair = (item["from"], item["to"])
        if pair in seen or (item["mode"] == "collaboration" and pair[::-1] in seen):
            sink.add(
                "PC702",
                f"second interaction between {pair[0]!r} and {pair[1]!r}",
                path,
                hint="keep one interaction per pair of teams; change its mode when it changes",
            )
            continue
        seen.add(pair)
        if item["mode"] == "collaboration":
            seen.add(pair[::-1])
        since = _date(item["since"], sink, (*path, "since")) if "since" in item else None
        until = _date(item["until"], sink, (*path, "until")) if "until" in item else None
        if since is not None and until is not None and until < since:
            sink.add(
                "PC705",
                f"interaction ends ({until.isoformat()}) before it starts ({since.isoformat()})",
                (*path, "until"),
                hint="swap the dates, or correct the one that is wrong",
            )
            continue
        result.append(
            Interaction(
                item["from"],
                item["to"],
                item["mode"],
                i,
                purpose=item.get("purpose", ""),
                since=since,
                until=until,
            )
        )
    return result


def _exemptions(raw: list[dict[str, Any]], sink: DiagnosticSink, doc: Document) -> list[Exemption]:
    return read_exemptions(
        raw,
        RULES,
        "PC709",
        sink,
        doc.source_map.position,
        lambda text, path: _date(text, sink, path),
        finding_of=lambda fid: fid.split("/", 1)[0],
    )
