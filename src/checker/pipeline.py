"""The whole pipeline for one answers file: load -> validate -> evaluate.

Public API used by the CLI and the Sphinx extension::

    registry = ChecklistRegistry(["checklists"])
    result = check_answers("answers.yaml", registry, today=date(2026, 11, 24))
    result.diagnostics   # list[Diagnostic], sorted
    result.evaluation    # Evaluation | None (None when the file has errors)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from checker.constants import DEPRECATION_WINDOW, MAX_BYTES
from checker.diagnostics import (
    CheckerError,
    Diagnostic,
    DiagnosticSink,
    Severity,
    limit_diagnostics,
)
from checker.load.yaml import load_bytes, load_path
from checker.model import Checklist, FileResult, Status
from checker.registry import ChecklistRegistry
from checker.rules.evaluate import evaluate
from checker.rules.exemptions import in_force, not_needed
from checker.suggest import did_you_mean
from checker.validate.answers import (
    UPGRADE_HINT,
    build_answers,
    evidence_root_for,
    parse_reference,
    validate_answer_schema,
)
from checker.validate.checklist import load_checklist

__all__ = ["CheckOptions", "ChecklistRegistry", "check_answers", "load_checklist"]


class CheckOptions(NamedTuple):
    """How to check answers files."""

    today: dt.date | None = None
    evidence_root: Path | None = None
    allow_incomplete: bool = False
    max_bytes: int = MAX_BYTES


def check_answers(
    path: str | Path,
    registry: ChecklistRegistry,
    options: CheckOptions | None = None,
    *,
    display: str | None = None,
    source: bytes | None = None,
) -> FileResult:
    """Check one answers file; never raises for bad input (problems become diagnostics).

    ``source``, when given, is the file's content (e.g. read from standard input); ``path`` then
    only names it and anchors relative evidence paths."""
    options = options or CheckOptions()
    name = display if display is not None else str(path)
    try:
        if source is not None:
            doc = load_bytes(source, name, options.max_bytes)
        else:
            doc = load_path(path, display=name, max_bytes=options.max_bytes)
    except CheckerError as exc:
        return FileResult(name, exc.diagnostics)
    sink = DiagnosticSink(name, doc.source_map)
    if not validate_answer_schema(doc, sink):
        return FileResult(name, _sorted(sink))
    cid, version = parse_reference(doc.data["checklist"])
    try:
        checklist = registry.get(cid)
        if checklist is not None and version[0] < checklist.version[0]:
            checklist = _deprecated(registry, checklist, version[0], sink)
    except CheckerError as exc:
        sink.add("PC411", f"checklist {cid!r} is invalid; fix it first", ("checklist",))
        return FileResult(name, _sorted(sink, exc.diagnostics))
    if checklist is None:
        known = registry.ids()
        sink.add(
            "PC410",
            f"unknown checklist {cid!r}",
            ("checklist",),
            hint=did_you_mean(cid, known)
            or ("known checklists: " + ", ".join(known) if known else "pass --checklists DIR"),
        )
        return FileResult(name, _sorted(sink))
    root = options.evidence_root
    if root is None and doc.data.get("evidence"):  # found only when evidence is named
        root = evidence_root_for(Path(path))
    answers = build_answers(
        doc,
        checklist,
        sink,
        evidence_root=root,
        allow_incomplete=options.allow_incomplete,
    )
    if answers is None:
        return FileResult(name, _sorted(sink))
    evaluation = evaluate(checklist, answers, options.today or dt.date.today())
    fired = {f.id for f in evaluation.findings if f.status is Status.EXEMPTED}
    for i, ex in enumerate(answers.exemptions):
        if in_force(ex, evaluation.today) and ex.finding not in fired:
            not_needed(sink, "PC409", ex, i)
    return FileResult(name, _sorted(sink), evaluation)


def _deprecated(
    registry: ChecklistRegistry, newest: Checklist, major: int, sink: DiagnosticSink
) -> Checklist:
    """The archived release of an earlier ``major`` version within the deprecation window, with
    a warning (PC420) naming the newest version and the upgrade; else ``newest`` (the answers
    are then refused, PC402)."""
    if newest.version[0] - major > DEPRECATION_WINDOW:
        return newest
    old = registry.archived(newest.id, major)
    if old is None:
        return newest
    sink.add(
        "PC420",
        f"{newest.id}@{major}.x is deprecated: checked against version {old.version_text}; "
        f"the newest is {newest.version_text}",
        ("checklist",),
        severity=Severity.WARNING,
        hint=UPGRADE_HINT,
    )
    return old


def _sorted(sink: DiagnosticSink, more: list[Diagnostic] | None = None) -> list[Diagnostic]:
    """The sink's diagnostics (and ``more``), unique, sorted and bounded (PC113 last)."""
    items = sink.items + (more or [])
    unique = {(d.sort_key(), d.severity.value, d.hint): d for d in items}
    ordered = [unique[k] for k in sorted(unique)]
    return limit_diagnostics(ordered, sink.file, sink.left_out_count, sink.left_out_errors)
