"""Find checklists by id: in directories given by the user, ./checklists, then the bundled copy.

Beside each checklist, ``archive/<id>@<major>.yaml`` keeps the last release of an earlier major
version (see :data:`checker.constants.ARCHIVE`); ids are never looked up there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple

from checker.constants import ARCHIVE, BUNDLED_CHECKLISTS, ID_RE
from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import is_dir, safe_resolve
from checker.model import Checklist
from checker.validate.checklist import load_checklist

ENV_VAR = "PLAYBOOK_CHECKLISTS"
_MAJOR = re.compile(r"0|[1-9][0-9]*")


def bundled_dir() -> Path:
    """The checklists shipped inside the package."""
    return BUNDLED_CHECKLISTS


class Source(NamedTuple):
    """A directory of checklists and why it is searched (shown by ``playbook-check list``)."""

    dir: Path
    origin: str


def default_sources(explicit: Iterable[str | Path] = ()) -> list[Source]:
    """The checklist search path, first match wins for an id:

    1. ``--checklists`` directories (or the ``checklists`` configuration key), else the
       directories in ``$PLAYBOOK_CHECKLISTS``;
    2. ``./checklists`` when it exists;
    3. the checklists bundled with the package, always last, so a team's own checklists add to
       them and a local file with a bundled id overrides the bundled one.

    Raises :class:`CheckerError` (PC004) for a folder of 1. that is not one: a typo would
    otherwise leave only the bundled checklists, silently.
    """
    sources = [Source(Path(d), "--checklists") for d in explicit]
    if not sources:
        env = os.environ.get(ENV_VAR, "")
        sources = [Source(Path(d), ENV_VAR) for d in env.split(os.pathsep) if d]
    missing = [s for s in sources if not is_dir(s.dir)]
    if missing:
        raise CheckerError(
            [
                Diagnostic(
                    "PC004",
                    f"checklists folder (from {s.origin}) does not exist or is not a folder",
                    str(s.dir),
                    hint="fix the path; `playbook-check list` shows where checklists come from",
                )
                for s in missing
            ]
        )
    sources.append(Source(Path("checklists"), "./checklists"))
    sources.append(Source(bundled_dir(), "bundled"))
    seen: set[Path] = set()
    unique = []
    for s in sources:
        key = safe_resolve(s.dir) or Path(os.path.abspath(s.dir))  # a symlink loop stays as given
        if key not in seen and (is_dir(s.dir) or s.origin != "./checklists"):
            seen.add(key)
            unique.append(s)
    return unique


def default_dirs(explicit: Iterable[str | Path] = ()) -> list[Path]:
    """The directories of :func:`default_sources`, in search order."""
    return [s.dir for s in default_sources(explicit)]


class ChecklistRegistry:
    """Loads checklists on demand and caches them; one per id (``<dir>/<id>.yaml``)."""

    def __init__(self, dirs: Iterable[str | Path], pitfalls: Collection[str] | None = None) -> None:
        self.dirs = [Path(d) for d in dirs]
        self.pitfalls = pitfalls
        self._cache: dict[str, Checklist] = {}

    def path_of(self, checklist_id: str) -> Path | None:
        """``<dir>/<id>.yaml`` in the first directory that has it. Only kebab-case ids name a
        file, so an id can never reach a path outside the checklist directories."""
        if not ID_RE.fullmatch(checklist_id):
            return None
        for d in self.dirs:
            candidate = d / f"{checklist_id}.yaml"
            if os.path.lexists(candidate) and not is_dir(candidate):
                return candidate  # special files are refused, with a location, when loaded
        return None

    def ids(self) -> list[str]:
        found: set[str] = set()
        for d in self.dirs:
            if is_dir(d):
                found.update(p.stem for p in d.glob("*.yaml"))
        return sorted(found)

    def locations(self) -> dict[str, list[Path]]:
        """Every file for each id, in search order: the first is used, the rest are shadowed."""
        found: dict[str, list[Path]] = {}
        for d in self.dirs:
            if is_dir(d):
                for p in sorted(d.glob("*.yaml")):
                    found.setdefault(p.stem, []).append(p)
        return dict(sorted(found.items()))

    def get(self, checklist_id: str) -> Checklist | None:
        """The checklist with this id, or None if no file has it. Raises CheckerError if
        the checklist itself is invalid."""
        if checklist_id in self._cache:
            return self._cache[checklist_id]
        path = self.path_of(checklist_id)
        if path is None:
            return None
        checklist = load_checklist(path, display=_display(path), pitfalls=self.pitfalls)
        self._cache[checklist_id] = checklist
        return checklist

    def archive_path(self, checklist_id: str, major: int) -> Path | None:
        """``archive/<id>@<major>.yaml`` beside the checklist ``get`` would load, if it exists."""
        current = self.path_of(checklist_id)
        if current is None:
            return None
        candidate = current.parent / ARCHIVE / f"{checklist_id}@{major}.yaml"
        return candidate if os.path.lexists(candidate) and not is_dir(candidate) else None

    def archived(self, checklist_id: str, major: int) -> Checklist | None:
        """The archived release of major version ``major``, or None if none is kept. Raises
        CheckerError if the file is invalid or holds another version (PC324). Pitfall ids
        are not checked: an archived release may name pitfalls the playbook has since renamed."""
        key = f"{checklist_id}@{major}"
        if key in self._cache:
            return self._cache[key]
        path = self.archive_path(checklist_id, major)
        if path is None:
            return None
        shown = _display(path)
        checklist = load_checklist(path, display=shown, expected_id=checklist_id)
        if checklist.version[0] != major:
            raise CheckerError.one(
                "PC324",
                f"the archive file for {key} holds version {checklist.version_text}",
                shown,
                hint=f"keep the last {major}.x release there, as it was published",
            )
        self._cache[key] = checklist
        return checklist

    def archives(self, checklist_id: str) -> list[tuple[int, Path]]:
        """Every archived major version kept for ``checklist_id``, oldest first."""
        current = self.path_of(checklist_id)
        if current is None or not is_dir(current.parent / ARCHIVE):
            return []
        found = []
        for p in (current.parent / ARCHIVE).glob(f"{checklist_id}@*.yaml"):
            major = p.stem.partition("@")[2]
            if _MAJOR.fullmatch(major):
                found.append((int(major), p))
        return sorted(found)


def _display(path: Path) -> str:
    """A short, stable name for a file: relative to the working directory when inside it."""
    resolved = safe_resolve(path)
    try:
        return str(resolved.relative_to(Path.cwd().resolve())) if resolved else str(path)
    except ValueError:
        return str(path)
