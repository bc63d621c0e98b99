"""``playbook-check lint``: check checklists themselves (and their pitfall references)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from checker.constants import ARCHIVE, ID_RE
from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import read_bounded
from checker.load.yaml import load_path
from checker.model import Checklist
from checker.validate.checklist import build_checklist
from checker.validate.migrations import check_history

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


class _Archive:
    """The archived releases beside checklists, each loaded once; an invalid one's errors are
    reported once, however many checks ask for it."""

    def __init__(self) -> None:
        self.loaded: dict[Path, Checklist | None] = {}
        self.diagnostics: list[Diagnostic] = []

    def beside(self, path: Path, checklist_id: str) -> Callable[[int], Checklist | None]:
        """The archived releases of the checklist at ``path``, by major version."""
        folder = path.parent / ARCHIVE
        return lambda major: self.get(folder / f"{checklist_id}@{major}.yaml", checklist_id, major)

    def get(self, path: Path, checklist_id: str, major: int) -> Checklist | None:
        if path not in self.loaded:
            self.loaded[path] = self._load(path, checklist_id, major)
        return self.loaded[path]

    def _load(self, path: Path, checklist_id: str, major: int) -> Checklist | None:
        if not path.is_file():
            return None
        try:
            doc = load_path(path)
        except CheckerError as exc:
            self.diagnostics.extend(exc.diagnostics)
            return None
        # Pitfall ids are not checked: an archived release may name pitfalls since renamed.
        checklist, sink = build_checklist(doc, expected_id=checklist_id)
        if checklist is not None and checklist.version[0] != major:
            sink.add(
                "PC324",
                f"the archive file for {checklist_id}@{major} holds version "
                f"{checklist.version_text}",
                ("version",),
                hint=f"keep the last {major}.x release there, as it was published",
            )
            checklist = None
        self.diagnostics.extend(sink.bounded())
        return checklist


def lint(paths: Iterable[Path], pitfalls: Iterable[str] | None) -> list[Diagnostic]:
    """All diagnostics for the checklists in ``paths`` (files or directories), with their
    migrations and the archived releases beside them."""
    known = None if pitfalls is None else set(pitfalls)
    diagnostics: list[Diagnostic] = []
    ids: dict[str, str] = {}
    archive = _Archive()
    current: dict[Path, Checklist] = {}
    for path in checklist_files(paths):
        try:
            doc = load_path(path)
        except CheckerError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        checklist, sink = build_checklist(doc, pitfalls=known, expected_id=path.stem)
        if checklist is not None:
            check_history(checklist, archive.beside(path, checklist.id), sink)
            current[path] = checklist
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
    for folder in (p / ARCHIVE for p in paths if p.is_dir()):
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            diagnostics += _lint_archived(path, archive, current)
    diagnostics += archive.diagnostics
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def _lint_archived(
    path: Path, archive: _Archive, current: dict[Path, Checklist]
) -> list[Diagnostic]:
    """An archive file: named ``<id>@<major>.yaml`` for an earlier major version of a checklist
    beside the folder (PC324), and a valid checklist of that version."""
    cid, _, major = path.stem.partition("@")
    beside = path.parent.parent / f"{cid}.yaml"
    newest = current.get(beside)
    problem = ""
    if not (ID_RE.fullmatch(cid) and re.fullmatch(r"0|[1-9][0-9]*", major)):
        problem = "is not named ID@MAJOR.yaml"
    elif newest is None and beside.is_file():
        pass  # the checklist itself is invalid: its errors are reported
    elif newest is None:
        problem = f"keeps a release of {cid!r}, but no checklist {cid}.yaml is beside the archive"
    elif newest is not None and int(major) >= newest.version[0]:
        problem = f"is not an earlier major version than {cid} {newest.version_text}"
    if problem:
        return [
            Diagnostic(
                "PC324",
                f"archive file {problem}",
                str(path),
                hint="the archive keeps the last release of each earlier major version "
                "as archive/ID@MAJOR.yaml",
            )
        ]
    archive.get(path, cid, int(major))
    return []
