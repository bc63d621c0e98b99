"""Load and validate a topology file: safe YAML, the JSON Schema, then cross-references.

Every problem becomes a positioned diagnostic (PC2xx from the schema, PC7xx here); a file with
errors gives no :class:`~checker.topology.model.Organisation`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.constants import MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Severity
from checker.load.files import safe_resolve
from checker.load.yaml import Document, load_path, load_text
from checker.model import Exemption
from checker.suggest import did_you_mean
from checker.topology.model import (
    FORMAT_VERSION,
    Grouping,
    Interaction,
    Organisation,
    Provider,
    Team,
    Thresholds,
)
from checker.topology.rules import RULES
from checker.validate import schema
from checker.validate.exemptions import read_exemptions

_LINK_TEXT = re.compile(r"[^\s\"'<>`\\]+")
_GROUPING_FOR = {"stream-aligned": "value-stream", "platform": "platform"}
#: Words in an X-as-a-service interaction's purpose that describe a request queue.
_QUEUE_WORDS = re.compile(
    r"\b(tickets?|ticketing|queues?|queued|backlog|(by|on|upon) request|request form)\b",
    re.IGNORECASE,
)
#: Invisible characters a reader cannot see in a name (format characters and the like).
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


def load_topology(
    path: str | Path,
    *,
    display: str | None = None,
    max_bytes: int = MAX_BYTES,
    today: dt.date | None = None,
    root: Path | None = None,
) -> tuple[Organisation | None, list[Diagnostic]]:
    """Read and check one topology file. Never raises for bad input. Its ``answers`` files
    must stay inside ``root`` (default: :func:`repository_of` the file)."""
    name = display if display is not None else str(path)
    try:
        doc = load_path(path, display=name, max_bytes=max_bytes)
    except CheckerError as exc:
        return None, exc.diagnostics
    return build(doc, Path(path).parent, today=today, root=root or repository_of(Path(path)))


def repository_of(path: Path) -> Path:
    """The folder a topology file's ``answers`` must stay in: the nearest enclosing git
    repository; without one, the working directory when the file is inside it, else the
    file's own folder."""
    folder = safe_resolve(path.parent) or path.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    cwd = safe_resolve(Path.cwd())
    return cwd if cwd is not None and folder.is_relative_to(cwd) else folder


def load_topology_text(
    text: str,
    file: str = "<string>",
    *,
    base: Path | None = None,
    today: dt.date | None = None,
    root: Path | None = None,
) -> tuple[Organisation | None, list[Diagnostic]]:
    """Check a topology given as text (tests, the bench); ``base`` and ``root`` as for
    :func:`build`."""
    try:
        doc = load_text(text, file)
    except CheckerError as exc:
        return None, exc.diagnostics
    return build(doc, base or Path("."), today=today, root=root)


def build(
    doc: Document,
    base: Path,
    *,
    today: dt.date | None = None,
    root: Path | None = None,
) -> tuple[Organisation | None, list[Diagnostic]]:
    """Validate a loaded document and build the organisation. ``base`` is the topology file's
    folder; ``answers`` files must stay inside ``root`` (default: ``base``), the repository."""
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
    if type(version) is not int or version != FORMAT_VERSION:
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
                f"unsupported topology format version {version!r}"
                + (" (the version is a whole number)" if version == FORMAT_VERSION else ""),
                ("topology",),
                hint=f"this playbook-check reads `topology: {FORMAT_VERSION}`",
            )
        return None, sink.items
    if not schema.validate(data, "topology", sink) or not _whole_numbers(data, sink):
        return None, sink.bounded()
    org = _organisation(doc, data, _Places(base, root), sink, today or dt.date.today())
    errors = sink.errors
    return (None if errors else org), sink.bounded()


class _Places:
    """Where a topology file is (``base``) and the repository its answers must stay in."""

    __slots__ = ("base", "root")

    def __init__(self, base: Path, root: Path | None) -> None:
        self.base = base
        self.root = safe_resolve(root if root is not None else base)


def _whole_numbers(data: dict[str, Any], sink: DiagnosticSink) -> bool:
    """Counts and thresholds are whole numbers: JSON Schema's ``integer`` accepts ``2.0``, and
    answers files refuse it, so topology files do too."""
    ok = True
    places: list[tuple[tuple[Any, ...], Any]] = [
        (("thresholds", k), v) for k, v in data.get("thresholds", {}).items()
    ]
    for i, t in enumerate(data["teams"]):
        places += [(("teams", i, "members", k), v) for k, v in t.get("members", {}).items()]
    for path, value in places:
        if isinstance(value, float):
            where = ".".join(str(p) for p in path[:1]) + "".join(
                f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:]
            )
            sink.add(
                "PC203",
                f"{where} should be a whole number, not {value!r}",
                path,
                hint=f"write {int(value)}, without a decimal point",
            )
            ok = False
    return ok


def _date(value: str, sink: DiagnosticSink, path: tuple[Any, ...]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        sink.add("PC205", f"{value!r} is not a valid date", path, hint="write YYYY-MM-DD")
        return None


def name_key(name: str) -> str:
    """How a reader tells names apart: compatibility-normalised (NFKC: composed accents,
    full-width letters), invisible characters removed, case and runs of spaces ignored."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))
    return " ".join(text.casefold().split())


class _Names:
    """Names seen so far in one namespace; a second look-alike is PC711."""

    def __init__(self, sink: DiagnosticSink, what: str) -> None:
        self.sink, self.what = sink, what
        self.seen: dict[str, tuple[str, str]] = {}

    def add(self, ident: str, name: str, path: tuple[Any, ...]) -> None:
        key = name_key(name)
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = (ident, name)
            return
        self.sink.add(
            "PC711",
            f"{self.what} {ident!r} has the name {name!r}, which reads the same as "
            f"{first[1]!r} of {first[0]!r}",
            (*path, "name"),
            hint="give each a name a reader can tell apart (case, accents, spacing and "
            "invisible characters do not count)",
        )


def _organisation(
    doc: Document, data: dict[str, Any], places: _Places, sink: DiagnosticSink, today: dt.date
) -> Organisation:
    as_of = _date(data["as_of"], sink, ("as_of",)) if "as_of" in data else None
    groupings: dict[str, Grouping] = {}
    grouping_names = _Names(sink, "grouping")
    for i, g in enumerate(data.get("groupings", [])):
        if g["id"] in groupings:
            _duplicate(sink, "grouping", g["id"], ("groupings", i, "id"))
            continue
        groupings[g["id"]] = Grouping(g["id"], g["name"], g["kind"], i)
        grouping_names.add(g["id"], g["name"], ("groupings", i))
    teams: dict[str, Team] = {}
    names = _Names(sink, "team")
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
            owns=_unique(t.get("owns", ()), sink, "model", (*path, "owns")),
            provides=_unique(t.get("provides", ()), sink, "capability", (*path, "provides")),
            page=t.get("page"),
            answers=_unique(t.get("answers", ()), sink, "answers file", (*path, "answers")),
        )
        teams[team.id] = team
        names.add(team.id, team.name, path)
        _check_team(team, groupings, places, sink)
    providers = _providers(data.get("providers", []), teams, sink, names)
    interactions = _interactions(data.get("interactions", []), teams, providers, sink)
    capabilities = _unique(data.get("capabilities", ()), sink, "capability", ("capabilities",))
    exemptions = _exemptions(data.get("exemptions", []), sink, doc)
    return Organisation(
        path=doc.path,
        name=data["organisation"],
        as_of=as_of or today,
        description=data.get("description", ""),
        teams=teams,
        groupings=groupings,
        providers=providers,
        interactions=interactions,
        capabilities=capabilities,
        thresholds=Thresholds.from_data(data.get("thresholds", {})),
        exemptions=exemptions,
        source_map=doc.source_map,
    )


def _unique(items: Any, sink: DiagnosticSink, what: str, path: tuple[Any, ...]) -> tuple[str, ...]:
    """``items`` without repeats; a repeat is PC702 at its place."""
    out: dict[str, None] = {}
    for j, item in enumerate(items):
        if item in out:
            _duplicate(sink, what, item, (*path, j))
        out[item] = None
    return tuple(out)


def _providers(
    raw: list[dict[str, Any]], teams: dict[str, Team], sink: DiagnosticSink, names: _Names
) -> dict[str, Provider]:
    providers: dict[str, Provider] = {}
    for i, p in enumerate(raw):
        path = ("providers", i)
        if p["id"] in teams or p["id"] in providers:
            sink.add(
                "PC702",
                f"duplicate id {p['id']!r}: a team or provider already has it",
                (*path, "id"),
                hint="teams and providers share one set of ids; rename one",
            )
            continue
        provider = Provider(
            p["id"],
            p["name"],
            p.get("kind", "vendor"),
            i,
            provides=_unique(p.get("provides", ()), sink, "capability", (*path, "provides")),
            page=p.get("page"),
        )
        providers[provider.id] = provider
        names.add(provider.id, provider.name, path)
        if provider.page is not None and not safe_link(provider.page):
            _unsafe_page(sink, provider.page, (*path, "page"))
    return providers


def safe_link(link: str) -> bool:
    """An http(s) URL or a path (no other scheme, no spaces, quotes or angle brackets)."""
    if not _LINK_TEXT.fullmatch(link) or link.startswith("//"):
        return False
    return link.startswith(("http://", "https://")) or ":" not in link.split("/", 1)[0]


def _unsafe_page(sink: DiagnosticSink, page: str, path: tuple[Any, ...]) -> None:
    sink.add(
        "PC707",
        f"page {page!r} is not an http(s) URL or a path",
        path,
        hint="write https://... or a relative path without spaces or quotes",
    )


def _suggest(sink: DiagnosticSink, name: str, candidates: Iterable[str]) -> str:
    """ "did you mean ...?" for a diagnostic that will be shown (each search reads every
    candidate; thousands of unknown references would otherwise cost minutes)."""
    return "" if sink.full else did_you_mean(name, candidates)


def _duplicate(sink: DiagnosticSink, what: str, ident: str, path: tuple[Any, ...]) -> None:
    sink.add(
        "PC702",
        f"duplicate {what} {ident!r}",
        path,
        hint=f"each {what} appears once; rename or remove one",
    )


def _check_team(
    team: Team, groupings: dict[str, Grouping], places: _Places, sink: DiagnosticSink
) -> None:
    path = ("teams", team.index)
    if team.grouping is not None:
        grouping = groupings.get(team.grouping)
        if grouping is None:
            sink.add(
                "PC703",
                f"team {team.id!r} names unknown grouping {team.grouping!r}",
                (*path, "grouping"),
                hint=_suggest(sink, team.grouping, groupings) or "declare it under `groupings:`",
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
        _unsafe_page(sink, team.page, (*path, "page"))
    for j, answers in enumerate(team.answers):
        where = (*path, "answers", j)
        target = safe_resolve(places.base / answers)
        if Path(answers).is_absolute() or (
            target is not None
            and places.root is not None
            and not target.is_relative_to(places.root)
        ):
            sink.add(
                "PC712",
                f"answers file {answers!r} of team {team.id!r} is outside the repository",
                where,
                hint="link answers files inside the repository that holds the topology, "
                "by a relative path",
            )
        elif target is None or not _is_file(target):
            sink.add(
                "PC708",
                f"answers file {answers!r} of team {team.id!r} does not exist",
                where,
                hint="paths are relative to the topology file",
            )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _interactions(
    raw: list[dict[str, Any]],
    teams: dict[str, Team],
    providers: dict[str, Provider],
    sink: DiagnosticSink,
) -> list[Interaction]:
    result: list[Interaction] = []
    seen: set[frozenset[str]] = set()
    parties = [*teams, *providers]
    for i, item in enumerate(raw):
        path = ("interactions", i)
        ok = True
        for end in ("from", "to"):
            if item[end] not in teams and item[end] not in providers:
                sink.add(
                    "PC703",
                    f"interaction {end} unknown team {item[end]!r}",
                    (*path, end),
                    hint=_suggest(sink, item[end], parties)
                    or "declare the team under `teams:` (or the provider under `providers:`)",
                )
                ok = False
        if not ok:
            continue
        source, target, mode = item["from"], item["to"], item["mode"]
        if source == target:
            sink.add(
                "PC704",
                f"team {source!r} interacts with itself",
                (*path, "to"),
                hint="an interaction is between two different teams",
            )
            continue
        if not _provider_ends_ok(source, target, mode, providers, sink, path):
            continue
        pair = frozenset((source, target))
        if pair in seen:
            sink.add(
                "PC702",
                f"second interaction between {source!r} and {target!r}",
                path,
                hint="keep one interaction per pair of teams, whichever way it points; change "
                "its mode when it changes",
            )
            continue
        seen.add(pair)
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
        purpose = item.get("purpose", "")
        if mode == "x-as-a-service" and _QUEUE_WORDS.search(purpose):
            sink.add(
                "PC713",
                f"this X-as-a-service interaction reads like a request queue ({purpose!r})",
                (*path, "mode"),
                severity=Severity.WARNING,
                hint="write `mode: by-request` when the team waits for a ticket or a request to "
                "be done, so the checks count it",
            )
        result.append(Interaction(source, target, mode, i, purpose, since, until))
    return result


def _provider_ends_ok(
    source: str,
    target: str,
    mode: str,
    providers: dict[str, Provider],
    sink: DiagnosticSink,
    path: tuple[Any, ...],
) -> bool:
    """An external provider serves, helps or oversees a team (or collaborates with one); it
    never consumes from a team, and two providers are not the organisation's to map."""
    if source in providers and target in providers:
        message = f"interaction between two external providers {source!r} and {target!r}"
        hint = "map the organisation's own teams; a provider interacts with a team"
    elif target in providers and mode != "collaboration":
        message = f"external provider {target!r} is the `to` of a {mode} interaction"
        hint = "a provider serves, helps or oversees a team: put it in `from`"
    else:
        return True
    sink.add("PC714", message, (*path, "to"), hint=hint)
    return False


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
