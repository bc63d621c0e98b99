"""Data the extension collects across pages, kept on the build environment.

One accessor class owns it; ``env-purge-doc`` drops a page's entries and ``env-merge-info``
merges parallel readers' data without duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_ATTR = "playbook_data"


@dataclass(frozen=True)
class PitfallEntry:
    """Where a pitfall is defined and what it says about itself."""

    id: str
    title: str
    risk: str
    summary: str
    docname: str
    lineno: int
    anchor: str


class PlaybookData:
    """Accessor for the extension's data on a :class:`BuildEnvironment`."""

    def __init__(self, env: BuildEnvironment) -> None:
        if not hasattr(env, _ATTR):
            setattr(env, _ATTR, {})
        self._store: dict[str, Any] = getattr(env, _ATTR)
        for key, factory in (
            ("pitfalls", dict),
            ("index_pages", set),
            ("targets", dict),
            ("listings", dict),
            ("keywords", dict),
        ):
            self._store.setdefault(key, factory())

    @property
    def pitfalls(self) -> dict[str, PitfallEntry]:
        pitfalls: dict[str, PitfallEntry] = self._store["pitfalls"]
        return pitfalls

    @property
    def index_pages(self) -> set[str]:
        """Pages whose output depends on every pitfall and checklist (the pitfall index and the
        pitfall pages' "detected by" lists): rewritten after every build that read anything."""
        pages: set[str] = self._store["index_pages"]
        return pages

    @property
    def targets(self) -> dict[str, tuple[str, str]]:
        """Link targets by key (``checklist:<id>``, ``team:<folder>``): (docname, anchor)."""
        targets: dict[str, tuple[str, str]] = self._store["targets"]
        return targets

    @property
    def listings(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """docname -> {glob pattern: the files it matched}; a page is re-read when a listing
        changes (a new team folder or report), without ``-E``."""
        listings: dict[str, dict[str, tuple[str, ...]]] = self._store["listings"]
        return listings

    @property
    def keywords(self) -> dict[str, list[tuple[str, str, str]]]:
        """docname -> [(keyword, kind, target)]: search keywords a page gives another page
        (a glossary term to the page its definition cites: kind "doc" or "pitfall")."""
        keywords: dict[str, list[tuple[str, str, str]]] = self._store["keywords"]
        return keywords

    def add_target(self, key: str, docname: str, anchor: str) -> None:
        """Record a link target; the first page (by name) wins, so builds are deterministic."""
        existing = self.targets.get(key)
        if existing is None or (docname, anchor) < existing:
            self.targets[key] = (docname, anchor)

    def add_pitfall(self, entry: PitfallEntry) -> PitfallEntry | None:
        """Record a pitfall; return the earlier entry if the id is already defined elsewhere."""
        existing = self.pitfalls.get(entry.id)
        if existing is not None and existing.docname != entry.docname:
            return existing
        self.pitfalls[entry.id] = entry
        return None

    def purge(self, docname: str) -> None:
        for pid in [p for p, e in self.pitfalls.items() if e.docname == docname]:
            del self.pitfalls[pid]
        self.index_pages.discard(docname)
        for key in [k for k, (doc, _) in self.targets.items() if doc == docname]:
            del self.targets[key]
        self.listings.pop(docname, None)
        self.keywords.pop(docname, None)

    def merge(self, docnames: Iterable[str], other: PlaybookData) -> None:
        wanted = set(docnames)
        for pid, entry in other.pitfalls.items():
            if entry.docname in wanted:
                self.pitfalls.setdefault(pid, entry)
        self.index_pages.update(other.index_pages & wanted)
        for key, (doc, anchor) in other.targets.items():
            if doc in wanted:
                self.add_target(key, doc, anchor)
        for doc, listing in other.listings.items():
            if doc in wanted:
                self.listings[doc] = listing
        for doc, found in other.keywords.items():
            if doc in wanted:
                self.keywords[doc] = found


def _purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    PlaybookData(env).purge(docname)


def _merge(
    _app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    PlaybookData(env).merge(docnames, PlaybookData(other))


def _updated(_app: Sphinx, env: BuildEnvironment) -> list[str]:
    # Index pages list every pitfall: rewrite them whenever anything was re-read.
    return sorted(PlaybookData(env).index_pages)


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    # Pages that list a folder are re-read when the listing changes (a team folder added).
    srcdir = Path(app.srcdir)
    stale = []
    for docname, listing in PlaybookData(env).listings.items():
        if docname in removed:
            continue
        for pattern, files in listing.items():
            if current_listing(srcdir, pattern) != files:
                stale.append(docname)
                break
    return sorted(stale)


def current_listing(srcdir: Path, pattern: str) -> tuple[str, ...]:
    """The files ``pattern`` (relative to the source directory) matches, sorted."""
    return tuple(sorted(str(p.relative_to(srcdir)) for p in srcdir.glob(pattern)))


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-updated", _updated)
