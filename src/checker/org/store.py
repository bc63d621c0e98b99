"""The collection: every team's CI reports, filed by repository, with their dated history.

Layout of a collection folder (everything of ours has an ``@``, which a repository path never
has, so nothing collides with a repository's folder)::

    DIR/@collection.json                      what DIR is, and the repositories in it
    DIR/<repository>/@reports/<when>_<sha>.json  each report as it was published, byte for byte
    DIR/<repository>/@index.json              a summary of each stored report (what the site reads)
    DIR/@incoming/                            reports being collected (removed when done)

``<repository>`` is the report's ``provenance.repository`` in lower case (``acme/search``,
``data/platform/search``), else ``--repository``, else the one team the report assesses. A
report is stored under a name made of its generation time and its SHA-256, so the same report
collected twice is kept once, and a stored report is never replaced or removed. Reports are
read with the one strict reader of JSON reports (:func:`checker.report.read.load_report`).
An index that is missing, broken or not in step with ``@reports`` is rebuilt from the stored
reports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.constants import ID_RE, MAX_REPORT_BYTES
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Severity
from checker.load.files import read_bounded
from checker.report.types import FileEntry, ReportDocument
from checker.report.util import in_points, is_date, overall_maximum
from checker.validate import schema

MARKER = "@collection.json"
INDEX = "@index.json"
REPORTS = "@reports"
INCOMING = "@incoming"
COLLECTION_FORMAT = "playbook-check-collection"
INDEX_FORMAT = "playbook-check-collection-index"
KEY_RE = re.compile(r"[a-z0-9_.-]+(?:/[a-z0-9_.-]+){0,19}")
MAX_INDEX_BYTES = 64 * 1024 * 1024
UNDATED = "0001-01-01"
_TEXT_MAX = 2000


# --- names ---------------------------------------------------------------------------------


def repository_key(name: str) -> str | None:
    """The folder a repository's reports are filed under (its path in lower case), or None
    when ``name`` cannot be one (``..``, empty parts, other characters)."""
    key = name.strip().lower()
    if len(key) > 255 or not KEY_RE.fullmatch(key):
        return None
    if any(part in (".", "..") for part in key.split("/")):
        return None
    return key


def slug(text: str, limit: int = 60) -> str:
    """A kebab-case name for ``text`` (a team, a group): ASCII letters and digits; a short
    digest when nothing is left (a name of symbols, or in another script)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    out = "-".join(words)[:limit].strip("-")
    digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode()).hexdigest()[:8]
    if not out:
        return f"t-{digest}"
    return out


def team_id(team: str) -> str:
    """How a team is told apart within a repository: its name, NFC-normalised, case-folded,
    with runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", team).casefold().split())


# --- summaries -------------------------------------------------------------------------------


def _clip(text: str, limit: int = _TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def assessments_of(doc: ReportDocument) -> list[tuple[int, FileEntry]]:
    """The report's valid assessments of answers files (not topology files), with their
    index in ``files``."""
    return [
        (i, e)
        for i, e in enumerate(doc["files"])
        if e["valid"] and e.get("kind", "answers") == "answers" and "score" in e
    ]


def summary(i: int, entry: FileEntry) -> dict[str, Any]:
    """What the site shows of one assessment."""
    score = entry["score"]
    points = in_points(score)
    counts = entry["counts"]
    return {
        "entry": i,
        "team": _clip(entry["team"], 500),
        "checklist": {
            "id": entry["checklist"]["id"],
            "version": entry["checklist"]["version"],
            "title": _clip(entry["checklist"]["title"]),
        },
        "answered_version": entry["answered_version"],
        "assessed": entry["assessed"] if is_date(entry.get("assessed", "")) else "",
        "unit": "points" if points else "percent",
        "overall": score["overall"],
        "maximum": overall_maximum(score),
        "level": None if score["level"] is None else _clip(score["level"]),
        "counts": {"high": counts["high"], "medium": counts["medium"], "low": counts["low"]},
        "sections": [
            {
                "id": _clip(s["id"], 100),
                "title": _clip(s["title"]),
                "score": s["score"],
                "max": s["max"] if points else 100.0,
            }
            for s in score["sections"]
        ],
    }


def when(doc: ReportDocument) -> str:
    """What orders a report in its repository's history: when it was generated, else its newest
    assessed date, else :data:`UNDATED`."""
    provenance = doc.get("provenance")
    if provenance and provenance["generated"]:
        return provenance["generated"]
    dates = [e["assessed"] for _, e in assessments_of(doc) if is_date(e.get("assessed", ""))]
    return max(dates, default=UNDATED)


def record(doc: ReportDocument, file: str, sha256: str) -> dict[str, Any]:
    """The index's record of a stored report."""
    return {
        "file": file,
        "sha256": sha256,
        "when": when(doc),
        "tool_version": _clip(doc["tool"]["version"]),
        "provenance": doc.get("provenance"),
        "assessments": [summary(i, e) for i, e in assessments_of(doc)],
    }


def stored_name(doc: ReportDocument, sha256: str) -> str:
    """``@reports/2026-11-18T10-00-00Z_<sha>.json``: sorted by time, unique by content."""
    stamp = when(doc)
    stamp = "undated" if stamp == UNDATED else stamp.replace(":", "-")
    return f"{REPORTS}/{stamp}_{sha256[:16]}.json"


def empty_index(key: str) -> dict[str, Any]:
    return {"format": INDEX_FORMAT, "format_version": 1, "repository": key, "reports": []}


def dump(data: Any) -> str:
    """Our files as compact JSON (the C encoder: an indented dump is several times slower)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# --- strict JSON ---------------------------------------------------------------------------


class _NotJson(ValueError):
    pass


def _reject(name: str) -> Any:
    raise _NotJson(name)


def read_json(path: Path, display: str, code: str, what: str) -> Any:
    """Strict JSON (no NaN or Infinity), bounded; problems are :class:`CheckerError` ``code``."""
    raw = read_bounded(path, display=display, max_bytes=MAX_INDEX_BYTES, what=what)
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = f"{exc} is not a JSON number" if isinstance(exc, _NotJson) else str(exc)
        raise CheckerError.one(
            code,
            f"{what} is not valid JSON: {reason[:200]}",
            display,
            hint="run playbook-check collect again to rebuild it",
        ) from None


def check_index(data: Any, key: str, display: str) -> list[Diagnostic]:
    """Problems with an index read from disk (PC610): the schema, and its repository."""
    if schema.is_valid(data, "collection"):
        if data["repository"] != key:
            return [
                Diagnostic(
                    "PC610",
                    f"index of {data['repository']!r} is filed under {key!r}",
                    display,
                    severity=Severity.WARNING,
                    hint="run playbook-check collect again to rebuild it",
                )
            ]
        return []
    sink = DiagnosticSink(display)
    schema.validate(data, "collection", sink)
    return [
        Diagnostic(
            "PC610",
            f"the collection's index is broken: {d.message}",
            display,
            severity=Severity.WARNING,
            hint="run playbook-check collect again to rebuild it from the stored reports",
        )
        for d in sink.items[:5]
    ]


# --- the collection --------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one ``collect`` did."""

    added: int = 0
    already: int = 0
    refused: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)
    repositories: int = 0


class Collection:
    """A collection folder (see the module's docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def marker(self) -> Path:
        return self.root / MARKER

    def is_collection(self) -> bool:
        return self.marker.is_file()

    def repositories(self) -> list[str]:
        """The repositories listed in the marker (valid keys only), sorted."""
        data = read_json(self.marker, str(self.marker), "PC805", "collection file")
        if not isinstance(data, dict) or data.get("format") != COLLECTION_FORMAT:
            raise CheckerError.one(
                "PC805",
                "is not a playbook-check collection file",
                str(self.marker),
                hint="collect reports with playbook-check collect REPORT... --into DIR",
            )
        names = data.get("repositories")
        if not isinstance(names, list):
            names = []
        return sorted({k for n in names if isinstance(n, str) and (k := repository_key(n))})

    def index_path(self, key: str) -> Path:
        return self.root.joinpath(*key.split("/"), INDEX)

    def reports_dir(self, key: str) -> Path:
        return self.root.joinpath(*key.split("/"), REPORTS)

    def stored(self, key: str) -> list[str]:
        """The files in a repository's ``@reports`` folder (``@reports/NAME.json``), sorted."""
        folder = self.reports_dir(key)
        if not folder.is_dir():
            return []
        return sorted(
            f"{REPORTS}/{p.name}"
            for p in folder.iterdir()
            if p.suffix == ".json" and not p.name.startswith((".", "@"))
        )

    def read_index(self, key: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
        """A repository's index as stored (None when missing or broken, with why)."""
        path = self.index_path(key)
        display = str(path)
        if not path.exists():
            return None, []
        try:
            data = read_json(path, display, "PC610", "collection index")
        except CheckerError as exc:
            return None, [as_warning(d, "PC610") for d in exc.diagnostics]
        problems = check_index(data, key, display)
        return (None if problems else data), problems


def as_warning(d: Diagnostic, code: str) -> Diagnostic:
    """``d`` as a warning of ``code`` (a broken index is rebuilt, not fatal)."""
    return Diagnostic(code, d.message, d.file, d.line, d.column, Severity.WARNING, d.hint)


def _locked(marker: Path) -> Any:
    """An exclusive lock on the collection while ``collect`` writes (where the OS has one)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def lock() -> Iterator[None]:
        fd = os.open(marker, os.O_RDWR)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise CheckerError.one(
                    "PC805",
                    "another playbook-check collect is writing into this collection",
                    str(marker.parent),
                    hint="run one collect at a time, or wait and run it again",
                ) from None
            yield
        finally:
            os.close(fd)

    return lock()


def inputs(paths: Sequence[Path], into: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The report files named or found (``*.json`` below a directory), sorted per argument;
    nothing inside the collection itself."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    root = os.path.realpath(into)
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.json") if p.is_file())
            here = os.path.realpath(path)
            if os.path.commonpath([here, root]) in (here, root):  # one holds the other
                files = [p for p in files if not os.path.realpath(p).startswith(root + os.sep)]
            if not files:
                problems.append(
                    Diagnostic(
                        "PC804",
                        "no JSON reports found here",
                        str(path),
                        severity=Severity.WARNING,
                        hint="reports are written by playbook-check report --format json",
                    )
                )
            found.extend(files)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            problems.append(Diagnostic("PC100", "no such file or directory", str(path)))
    return found, problems


@dataclass(frozen=True)
class Examined:
    """What one input is: a report to file (its bytes, repository, record), or why not."""

    path: str
    staged: str = ""  # the report's bytes, copied into the collection's @incoming folder
    key: str = ""
    record: dict[str, Any] | None = None
    refused: tuple[Diagnostic, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()


_VERSION_RE = re.compile(r"[0-9]+\.[0-9]+(?:\.[0-9]+)?")
_ANSWERED_RE = re.compile(r"[0-9]+\.[0-9]+")
_NUMBER_MAX = 1_000_000


def record_problem(rec: dict[str, Any]) -> str | None:
    """Why a record made from a valid report would not fit the collection's index (what the
    report schema leaves free and the index does not), or None. Checked for every report
    instead of validating each record against collection.schema.json, which cost as much as
    validating the report itself; tests check that every record this accepts is valid."""

    def number(value: Any) -> bool:
        return value is None or (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and 0 <= value <= _NUMBER_MAX
        )

    if len(rec["assessments"]) > 1000:
        return "it holds more than 1,000 assessments"
    for a in rec["assessments"]:
        cid = a["checklist"]["id"]
        if not ID_RE.fullmatch(cid) or len(cid) > 100:
            return f"checklist id {cid[:60]!r} is not kebab-case"
        if not _VERSION_RE.fullmatch(a["checklist"]["version"]):
            return f"checklist version {a['checklist']['version'][:40]!r} is not N.M or N.M.P"
        if not _ANSWERED_RE.fullmatch(a["answered_version"]):
            return f"answered version {a['answered_version'][:40]!r} is not N.M"
        if not a["team"].strip():
            return "a team's name is empty"
        if len(a["sections"]) > 200:
            return "an assessment has more than 200 sections"
        values = [a["overall"], a["maximum"]]
        values += [v for s in a["sections"] for v in (s["score"], s["max"])]
        if not all(number(v) for v in values) or a["maximum"] is None:
            return f"a score is not a number from 0 to {_NUMBER_MAX:,}"
        if not all(0 <= n <= _NUMBER_MAX for n in a["counts"].values()):
            return "a count of findings is out of range"
    return None


def examine(path: Path, repository: str | None, incoming: Path | None = None) -> Examined:
    """Read, check and summarise one report, and copy it into ``incoming`` (what ``collect``
    does before filing it; independent of other reports, so it runs in a pool of processes)."""
    from checker.report.read import parse_report

    display = str(path)
    try:
        before = os.stat(path)
        raw = read_bounded(path, display=display, max_bytes=MAX_REPORT_BYTES, what="report")
        after = os.stat(path)
        doc = parse_report(raw, display).data
    except CheckerError as exc:
        return Examined(display, refused=tuple(exc.diagnostics))
    except OSError as exc:
        return Examined(
            display, refused=(Diagnostic("PC100", f"cannot read report: {exc}", display),)
        )
    if (before.st_mtime_ns, before.st_size) != (after.st_mtime_ns, after.st_size):
        return Examined(display, refused=(Diagnostic(
            "PC803",
            "the report changed while it was being collected; not collected",
            display,
            hint="collect it again once it is written",
        ),))  # fmt: skip
    found = assessments_of(doc)
    if not found:
        return Examined(display, warnings=(Diagnostic(
            "PC804",
            "the report holds no valid assessment of an answers file; not collected",
            display,
            severity=Severity.WARNING,
            hint="the overview shows teams' assessments; a topology report or a report of "
            "invalid files has none",
        ),))  # fmt: skip
    given = repository or doc.get("provenance", {}).get("repository")
    if given is None:
        teams = {team_id(e["team"]) for _, e in found}
        if len(teams) != 1:
            return Examined(display, refused=(Diagnostic(
                "PC801",
                f"the report names no repository and assesses {len(teams)} teams; not collected",
                display,
                hint="publish reports from CI (the provenance names the repository), or pass "
                "--repository",
            ),))  # fmt: skip
        given = slug(found[0][1]["team"])
    key = repository_key(given)
    if key is None:
        return Examined(display, refused=(Diagnostic(
            "PC802",
            f"repository {given[:100]!r} cannot be a folder of the collection",
            display,
            hint="a repository path is letters, digits, '.', '_', '-' and '/', without '..'",
        ),))  # fmt: skip
    sha = hashlib.sha256(raw).hexdigest()
    rec = record(doc, stored_name(doc, sha), sha)
    problem = record_problem(rec)
    if problem is not None:
        return Examined(display, refused=(Diagnostic(
            "PC803",
            f"the report cannot be filed: {problem}",
            display,
            hint="collect a report written by playbook-check report --format json",
        ),))  # fmt: skip
    staged = ""
    if incoming is not None:
        staged = str(incoming / f"{sha}.json")
        try:
            fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:  # the same report, twice among the inputs
            return Examined(display, staged, key, rec)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
    return Examined(display, staged, key, rec)


def _examine_chunk(files: Sequence[Path], repository: str | None, incoming: Path) -> list[Examined]:
    return [examine(path, repository, incoming) for path in files]


def _examine_all(
    files: Sequence[Path], repository: str | None, incoming: Path, workers: int
) -> Iterator[Examined]:
    """:func:`examine` for each file, in order: in a pool of ``workers`` processes when there
    are enough files for it to pay (start-up costs about as much as 200 reports), with a few
    chunks in flight at a time, so results never pile up in memory."""
    if workers <= 1 or len(files) < 400:
        for path in files:
            yield examine(path, repository, incoming)
        return
    import collections
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    size = 64
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending: collections.deque[Future[list[Examined]]] = collections.deque()
        for chunk in chunks:
            pending.append(pool.submit(_examine_chunk, chunk, repository, incoming))
            if len(pending) >= 3 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


OPEN_INDEXES = 64
"""Indexes kept in memory while collecting; the least recently used half is written out when
more are needed (memory stays bounded whatever the number of repositories)."""


class _Writer:
    """Files examined reports into a collection: a repository's index loaded (or rebuilt) on
    first use and written when it leaves memory or at the end, after the reports it names are
    on disk."""

    def __init__(self, collection: Collection, today: dt.date, outcome: Outcome) -> None:
        self.c = collection
        self.today = today
        self.out = outcome
        self.indexes: dict[str, dict[str, Any]] = {}  # most recently used last
        self.shas: dict[str, set[str]] = {}
        self.dirty: set[str] = set()
        self.keys: set[str] = set()
        self.folders: set[str] = set()

    def index(self, key: str) -> dict[str, Any]:
        if key in self.indexes:
            self.indexes[key] = self.indexes.pop(key)
            return self.indexes[key]
        if len(self.indexes) >= OPEN_INDEXES:
            self._flush(list(self.indexes)[: OPEN_INDEXES // 2])
        self.keys.add(key)
        data, problems = self.c.read_index(key)
        stored = self.c.stored(key)
        if data is None or [r["file"] for r in data["reports"]] != stored:
            if stored:
                self.out.warnings += problems
                self.out.warnings.append(
                    Diagnostic(
                        "PC806",
                        f"rebuilt the index of {key!r} from its {len(stored)} stored report(s)",
                        str(self.c.index_path(key)),
                        severity=Severity.WARNING,
                        hint="an index out of step with @reports is rebuilt; nothing is lost",
                    )
                )
            data = self._rebuild(key, stored)
            self.out.touched.add(key)
            self.dirty.add(key)
        self.indexes[key] = data
        self.shas[key] = {r["sha256"] for r in data["reports"]}
        return data

    def _rebuild(self, key: str, stored: list[str]) -> dict[str, Any]:
        index = empty_index(key)
        base = self.c.root.joinpath(*key.split("/"))
        for name in stored:
            seen = examine(base / name, key)
            if seen.record is None:
                for d in (seen.refused or seen.warnings)[:1]:
                    self.out.warnings.append(
                        Diagnostic(
                            "PC806",
                            "a stored report cannot be read; kept, but left out of the index: "
                            + d.message,
                            d.file,
                            d.line,
                            d.column,
                            Severity.WARNING,
                            hint="the file is kept as it is; remove it by hand if it is not needed",
                        )
                    )
                continue
            index["reports"].append({**seen.record, "file": name})
        return index

    def add(self, seen: Examined) -> None:
        self.out.refused += seen.refused
        self.out.warnings += seen.warnings
        rec = seen.record
        if rec is None:
            return
        index = self.index(seen.key)
        if rec["sha256"] in self.shas[seen.key]:
            self.out.already += 1
            return
        stamp = rec["when"][:10]
        if stamp != UNDATED and dt.date.fromisoformat(stamp) > self.today + dt.timedelta(days=1):
            self.out.warnings.append(
                Diagnostic(
                    "PC807",
                    f"the report is dated {rec['when']}, after today ({self.today}); collected, "
                    "but the site leaves it out of the newest assessments until then",
                    seen.path,
                    severity=Severity.WARNING,
                    hint="check the clock of the CI that wrote it, or the assessed: date",
                )
            )
        rec = {**rec, "file": self._store(seen.key, rec["file"], seen.staged)}
        index["reports"].append(rec)
        self.shas[seen.key].add(rec["sha256"])
        self.out.added += 1
        self.out.touched.add(seen.key)
        self.dirty.add(seen.key)

    def _store(self, key: str, name: str, staged: str) -> str:
        """Move the staged copy to ``name`` (or, when a different file has that name, a damaged
        one say, to ``name`` with a ``-2``, ``-3``... suffix): never over an existing file.
        Returns the name used. Atomic: the copy was written whole before this rename, which
        cannot replace a file, as no other collect writes while this one holds the lock."""
        folder = os.path.join(self.c.root, *key.split("/"), REPORTS)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        stem = name.rsplit("/", 1)[1].removesuffix(".json")
        sha = stem.rsplit("_", 1)[-1]
        for n in range(1, 100):
            file = f"{stem}.json" if n == 1 else f"{stem}-{n}.json"
            candidate = os.path.join(folder, file)
            if os.path.lexists(candidate):
                with open(candidate, "rb") as old:
                    if hashlib.sha256(old.read()).hexdigest().startswith(sha):
                        return f"{REPORTS}/{file}"  # the same report, stored before
                continue
            os.rename(staged, candidate)
            return f"{REPORTS}/{file}"
        raise CheckerError.one("PC803", "too many different files of one name", folder)

    def _flush(self, keys: list[str]) -> None:
        """Write the indexes of ``keys`` that changed (once the reports they name are on disk)
        and let them leave memory."""
        dirty = [k for k in keys if k in self.dirty]
        if dirty and self.out.added and hasattr(os, "sync"):
            os.sync()
        for key in dirty:
            index = self.indexes[key]
            index["reports"].sort(key=lambda r: r["file"])
            _write_replace(self.c.index_path(key), dump(index))
            self.dirty.discard(key)
        for key in keys:
            del self.indexes[key], self.shas[key]

    def finish(self) -> None:
        """Write every index that changed, then the list of repositories."""
        self._flush(list(self.indexes))
        known = set(self.c.repositories())
        every = sorted(known | self.keys)
        self.out.repositories = len(every)
        if every != sorted(known):
            _write_replace(self.c.marker, dump(marker_data(every)))


def marker_data(repositories: Sequence[str]) -> dict[str, Any]:
    return {
        "format": COLLECTION_FORMAT,
        "format_version": 1,
        "repositories": list(repositories),
    }


def _write_replace(path: Path, text: str) -> None:
    """Write a file of ours atomically (fsync, then rename over the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def collect(
    paths: Sequence[Path],
    into: Path,
    *,
    repository: str | None = None,
    today: dt.date | None = None,
    workers: int | None = None,
) -> Outcome:
    """File each report in ``paths`` (files, or folders searched for ``*.json``) into the
    collection ``into``, which is created when missing. A folder that exists, is not empty
    and is not a collection is refused (PC805): nothing is written into a user's folder.
    Reports are read and checked in ``workers`` processes (default: one per CPU)."""
    outcome = Outcome()
    collection = Collection(into)
    if into.exists() and not into.is_dir():
        raise CheckerError.one("PC805", "is not a folder", str(into))
    if not collection.is_collection():
        if into.is_dir() and any(into.iterdir()):
            raise CheckerError.one(
                "PC805",
                "is a folder that is not a collection; not writing into it",
                str(into),
                hint="give a new or empty folder (or one a previous collect wrote)",
            )
        into.mkdir(parents=True, exist_ok=True)
        _write_replace(collection.marker, dump(marker_data([])))
    if repository is not None and repository_key(repository) is None:
        raise CheckerError.one(
            "PC802",
            f"--repository {repository[:100]!r} cannot be a folder of the collection",
            hint="a repository path is letters, digits, '.', '_', '-' and '/', without '..'",
        )
    files, problems = inputs(paths, into)
    outcome.refused += [d for d in problems if d.severity is Severity.ERROR]
    outcome.warnings += [d for d in problems if d.severity is not Severity.ERROR]
    with _locked(collection.marker):
        incoming = into / INCOMING
        shutil.rmtree(incoming, ignore_errors=True)  # ours: what an interrupted collect left
        incoming.mkdir()
        try:
            writer = _Writer(collection, today or dt.date.today(), outcome)
            for seen in _examine_all(files, repository, incoming, workers or os.cpu_count() or 1):
                writer.add(seen)
            writer.finish()
        finally:
            shutil.rmtree(incoming, ignore_errors=True)
    return outcome
