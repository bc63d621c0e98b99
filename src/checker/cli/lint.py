"""``playbook-check lint``: check checklists themselves (and their pitfall references)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import read_bounded
from checker.load.yaml import load_path
from checker.validate.checklist import build_checklist

MAX_PAGE_BYTES = 16 * 1024 * 1024
_PITFALL = re.compile(r"^\s*[:`]{3,}\s*\{pitfall\}\s+([a-z0-9]+(?:-[a-z0-9]+)*)\s*$", re.M)


def pitfalls_in_docs(docs: Path) -> dict[str, str]:
    """Pitfall ids defined by ``pitfall`` directives in MyST pages under ``docs``, with the
    file that defines each."""
    found: dict[str, str] = {}
    for page in sorted(docs.rglob("*.md")):
        try:  # bounded and non-blocking: a FIFO or a device named *.md is skipped
            text = read_bounded(page, display=str(page), max_bytes=MAX_PAGE_BYTES).decode()
        except (CheckerError, UnicodeDecodeError):
            continue
        for match in _PITFALL.finditer(text):
            found.setdefault(match.group(1), str(page))
    return found


def bundled_pitfalls() -> set[str]:
    """Pitfall ids the bundled checklists name: the playbook's own pitfalls, which a team's
    checklists may name without defining them in their own docs."""
    from checker.registry import ChecklistRegistry, bundled_dir

    registry = ChecklistRegistry([bundled_dir()])
    found: set[str] = set()
    for cid in registry.ids():
        try:
            checklist = registry.get(cid)
        except CheckerError:
            continue
        if checklist is not None:
            found.update(f.pitfall for f in checklist.findings)
            found.update(p for q in checklist.question_list() for p in q.pitfalls)
    return found


def checklist_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    return files


def lint(paths: Iterable[Path], pitfalls: Iterable[str] | None) -> list[Diagnostic]:
    """All diagnostics for the checklists in ``paths`` (files or directories)."""
    known = None if pitfalls is None else set(pitfalls)
    diagnostics: list[Diagnostic] = []
    ids: dict[str, str] = {}
    for path in checklist_files(paths):
        try:
            doc = load_path(path)
        except CheckerError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        checklist, sink = build_checklist(doc, pitfalls=known, expected_id=path.stem)
        diagnostics.extend(sink.bounded())
        if checklist is not None:
            if checklist.id in ids:
                diagnostics.append(
                    sink.add(
                        "PC301",
                        f"checklist id {checklist.id!r} is also used by {ids[checklist.id]}",
                        ("id",),
                    )
                )
            ids[checklist.id] = str(path)
    return sorted(diagnostics, key=Diagnostic.sort_key)
