"""Teams' assessments as the overview and the charts need them, from answers files or reports.

An :class:`Assessment` is built from the same report entry whether it comes from checking an
answers file (:func:`checker.report.document.file_entry`) or from a JSON report a team's CI
wrote (``playbook-check report --format json``, validated against the report schema), so the
site shows the same numbers either way.

:class:`ResultCache` keeps each answers file's summary and diagnostics between builds, in
``<doctreedir>/playbook-results.pickle``: an incremental build after editing one of a thousand
answers files checks only that file.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from checker import __version__
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink
from checker.load.files import file_stamp
from checker.model import FileResult
from checker.output import write_atomic
from checker.report.document import file_entry
from checker.report.read import read_report as read_report_file
from checker.report.types import FileEntry
from checker.report.util import in_points, overall_maximum, section_best

CACHE_FILE = "playbook-results.pickle"
_CACHE_VERSION = 3


@dataclass(frozen=True, slots=True)
class SectionValue:
    id: str
    title: str
    score: float | None
    maximum: float = 100.0  # the section's best points, for a points checklist


@dataclass(frozen=True, slots=True)
class Assessment:
    """One team's result for one checklist: what the overview, heat-map and trends show."""

    source: str  # the file it came from, for messages
    line: int  # where the team is named in that file
    unit: str  # the team folder or report file: one row of the overview
    team: str
    checklist: str
    checklist_title: str
    assessed: str
    overall: float | None
    level: str | None
    sections: tuple[SectionValue, ...]
    open_counts: tuple[int, int, int]  # high, medium, low
    maximum: float = 100.0  # the best overall score (report.util.overall_maximum)
    points: bool = False  # scored in points (``scoring.unit: points``), not out of 100


def from_entry(entry: FileEntry, source: str, line: int, unit: str) -> Assessment:
    """An assessment from a valid file entry of a report."""
    score = entry["score"]
    points = in_points(score)
    counts = entry["counts"]
    return Assessment(
        source=source,
        line=line,
        unit=unit,
        team=entry["team"],
        checklist=entry["checklist"]["id"],
        checklist_title=entry["checklist"]["title"],
        assessed=entry.get("assessed", ""),
        overall=score["overall"],
        level=score["level"],
        sections=tuple(
            SectionValue(s["id"], s["title"], s["score"], section_best(s) if points else 100.0)
            for s in score["sections"]
        ),
        open_counts=(counts["high"], counts["medium"], counts["low"]),
        maximum=overall_maximum(score),
        points=points,
    )


def from_result(result: FileResult, unit: str) -> Assessment | None:
    if result.evaluation is None or not result.valid:
        return None
    line = result.evaluation.answers.team_position.line
    return from_entry(file_entry(result), result.path, line, unit)


def report_entries(
    path: Path, display: str
) -> tuple[list[tuple[FileEntry, int]], list[Diagnostic]]:
    """The valid file entries in a JSON report (each with the line that names its team), and
    diagnostics located in the report: the CLI's errors for a report it would refuse
    (:func:`checker.report.read.read_report`, the one reader), PC601 for an invalid entry."""
    try:
        report = read_report_file(path, display=display)
    except CheckerError as exc:
        return [], exc.diagnostics
    sink = DiagnosticSink(display, report.source_map)
    found = []
    for i, entry in enumerate(report.data["files"]):
        if not entry["valid"]:
            sink.add(
                "PC601",
                f"the report's entry for {entry['file']!r} is invalid; it is left out",
                ("files", i, "valid"),
                hint="fix the answers file and let the team's CI publish a new report",
            )
            continue
        found.append((entry, report.line(("files", i, "team"))))
    return found, sink.items


def read_report(path: Path, display: str) -> tuple[list[Assessment], list[Diagnostic]]:
    """The valid assessments of answers files in a JSON report (a topology file's entry is
    not a team's), and diagnostics located in the report. Each team of the report is a unit
    of its own (``<report>#<team>``), so a report of five teams gives five rows."""
    from checker.org.store import team_id

    entries, diagnostics = report_entries(path, display)
    return [
        from_entry(e, display, line, f"{path.stem}#{team_id(e['team'])}")
        for e, line in entries
        if e.get("kind", "answers") == "answers"
    ], diagnostics


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: tuple[int, int]
    diagnostics: tuple[Diagnostic, ...]
    assessments: tuple[Assessment, ...]
    evidence: tuple[tuple[str, bool], ...]  # evidence paths and whether they existed


class ResultCache:
    """Per-file results kept between builds; an entry is used only while nothing it depends on
    changed (the file, the checklists, the evidence paths it names, the date and settings).
    Files with errors are not kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.context: tuple[Any, ...] = ()
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._entries: dict[tuple[Any, ...], _Entry] = {}
        try:
            with path.open("rb") as fh:
                version, entries = pickle.load(fh)
            if version == (_CACHE_VERSION, __version__):
                self._entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            pass

    def get(self, path: Path, unit: str) -> tuple[list[Diagnostic], list[Assessment]] | None:
        entry = self._entries.get((str(path), unit, *self.context))
        if entry is None or entry.stamp != file_stamp(path):
            return None
        if any(Path(p).exists() != existed for p, existed in entry.evidence):
            return None
        self.hits += 1
        return list(entry.diagnostics), list(entry.assessments)

    def put(
        self,
        path: Path,
        unit: str,
        diagnostics: list[Diagnostic],
        assessments: list[Assessment],
        result: FileResult | None = None,
        evidence_root: Path | None = None,
    ) -> None:
        self.misses += 1
        stamp = file_stamp(path)
        if stamp is None or any(d.severity.value == "error" for d in diagnostics):
            return  # files with errors are checked again next time (what they lack may appear)
        evidence: list[tuple[str, bool]] = []
        if result is not None and result.evaluation is not None and evidence_root is not None:
            for refs in result.evaluation.answers.evidence.values():
                for ref in refs:
                    if "://" not in ref:
                        target = (evidence_root / ref).resolve()
                        evidence.append((str(target), target.exists()))
        key = (str(path), unit, *self.context)
        self._entries[key] = _Entry(stamp, tuple(diagnostics), tuple(assessments), tuple(evidence))
        self.dirty = True

    def save(self) -> None:
        """Write the cache atomically (dropping files that no longer exist)."""
        if not self.dirty:
            return
        entries = {k: v for k, v in self._entries.items() if Path(k[0]).exists()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(((_CACHE_VERSION, __version__), entries), protocol=5)
        write_atomic(self.path, data, force=True)
        self.dirty = False


def result_cache(app: Sphinx) -> ResultCache:
    """The build's cache (loaded on first use; saved when the build finishes)."""
    cache: ResultCache | None = getattr(app, "_playbook_results", None)
    if cache is None:
        cache = ResultCache(Path(app.doctreedir) / CACHE_FILE)
        app._playbook_results = cache  # type: ignore[attr-defined]
    return cache


def _save(app: Sphinx, exception: BaseException | None) -> None:
    cache: ResultCache | None = getattr(app, "_playbook_results", None)
    if cache is not None and exception is None:
        cache.save()


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _save)
