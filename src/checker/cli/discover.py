"""Which files ``validate`` and ``report`` check.

A file named on the command line is always checked (so a mistyped answers file is reported,
not skipped). A directory is searched recursively for answers files: YAML files (``.yaml``,
``.yml``) whose text has a top-level ``checklist:`` key, so that ``validate .`` skips
``.pre-commit-config.yaml``, workflows and checklists. Paths matching an exclude glob, and the
folders in :data:`DEFAULT_EXCLUDE`, are never searched. ``-`` stands for standard input.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from pathlib import Path

from checker.diagnostics import CheckerError, Diagnostic, Severity
from checker.load.files import is_dir, read_bounded
from checker.records import Record

STDIN = "-"

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    "_build",
    "site-packages",
)
"""Folder names never searched (as ruff and yamllint skip them)."""

SUFFIXES = (".yaml", ".yml")

_ANSWERS_KEY = re.compile(rb"^checklist[ \t]*:", re.M)


class Discovery(Record):
    """The files to check, and a warning for each directory that held none."""

    __slots__ = ("files", "warnings")

    def __init__(self) -> None:
        self.files: list[str] = []
        self.warnings: list[Diagnostic] = []


def is_answers_file(path: Path, max_bytes: int) -> bool:
    """Whether a YAML file looks like an answers file: a top-level ``checklist:`` key. A file
    that cannot be read as a regular file within ``max_bytes`` (a FIFO, a device, too large) is
    never opened for long (see :func:`checker.load.files.read_bounded`) and counts, so that
    the checker reports it (PC111, PC103, PC100) instead of skipping it silently."""
    try:
        head = read_bounded(path, display=str(path), max_bytes=max_bytes)
    except CheckerError:
        return True
    return _ANSWERS_KEY.search(head) is not None


def excluded(rel: str, patterns: Iterable[str]) -> bool:
    """Whether a path (POSIX, relative to the searched directory) or any of its parts matches
    one of the glob ``patterns``."""
    parts = rel.split("/")
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(rel, pattern) or any(fnmatch.fnmatchcase(p, pattern) for p in parts):
            return True
    return False


def discover(paths: Iterable[str], exclude: Iterable[str], max_bytes: int) -> Discovery:
    """Expand ``paths`` into the files to check, in a stable order."""
    patterns = [*DEFAULT_EXCLUDE, *exclude]
    out = Discovery()
    for path in paths:
        folder = Path(path)
        if path == STDIN or not is_dir(folder):
            out.files.append(path)
            continue
        found = []
        for root, dirs, files in os.walk(folder):
            rel_root = Path(root).relative_to(folder).as_posix()
            prefix = "" if rel_root == "." else rel_root + "/"
            dirs[:] = sorted(d for d in dirs if not excluded(prefix + d, patterns))
            for name in sorted(files):
                candidate = Path(root) / name
                if candidate.suffix not in SUFFIXES or excluded(prefix + name, patterns):
                    continue
                if is_answers_file(candidate, max_bytes):
                    found.append(str(candidate))
        if not found:
            out.warnings.append(
                Diagnostic(
                    "PC003",
                    "no answers files found here",
                    path,
                    severity=Severity.WARNING,
                    hint="answers files are YAML files with a top-level checklist: key; "
                    "write one with `playbook-check init CHECKLIST -o FILE`",
                )
            )
        out.files.extend(sorted(found))
    return out
