"""Two assessments compared: what ``playbook-check diff`` shows and what ``--baseline`` judges
by (:mod:`checker.report.baseline`).

Each side is a list of valid file entries of a report document. Entries are matched by
checklist id and team (by file path when that pair is not unique); every match is compared,
and entries with no counterpart are named, never silently dropped.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from checker.model import Risk
from checker.report.types import FileEntry, FindingEntry, ScoreValue


class Versions(TypedDict):
    """The checklist's version on each side; ``major``: another major version."""

    old: str
    new: str
    major: bool


class ScorePair(TypedDict):
    old: ScoreValue
    new: ScoreValue


class LevelPair(TypedDict):
    old: str | None
    new: str | None


class SectionChange(TypedDict):
    id: str
    title: str
    old: ScoreValue
    new: ScoreValue


class FilePair(TypedDict):
    old: str
    new: str


class Change(TypedDict):
    """One assessment compared with its earlier self (``diff --format json``: ``changes[]``)."""

    checklist: str
    team: str
    versions: Versions
    overall: ScorePair
    level: LevelPair
    sections: list[SectionChange]
    new_findings: list[FindingEntry]
    resolved_findings: list[FindingEntry]
    riskier_findings: list[FindingEntry]
    files: NotRequired[FilePair]


class Unmatched(TypedDict):
    """An assessment on one side only."""

    side: Literal["old", "new"]
    file: str
    checklist: str
    team: str


class Comparison(TypedDict):
    """What ``playbook-check diff --format json`` writes."""

    format: Literal["playbook-check-diff"]
    worse: bool
    changes: list[Change]
    unmatched: list[Unmatched]


def score_fell(old: ScoreValue, new: ScoreValue) -> bool:
    """Whether an overall score is lower than before (a score that is gone is lower)."""
    return old is not None and (new is None or new < old)


def compare(old: FileEntry, new: FileEntry) -> Change:
    """Compare two valid file entries of a report document (see report.document)."""

    def findings(entry: FileEntry) -> dict[str, FindingEntry]:
        return {f["id"]: f for f in entry["findings"] if f["status"] == "open"}

    before, after = findings(old), findings(new)
    old_sections = {s["id"]: s["score"] for s in old["score"]["sections"]}
    sections: list[SectionChange] = [
        {"id": s["id"], "title": s["title"], "old": old_sections.get(s["id"]), "new": s["score"]}
        for s in new["score"]["sections"]
    ]
    versions = (old["checklist"]["version"], new["checklist"]["version"])
    return {
        "checklist": new["checklist"]["id"],
        "team": new["team"],
        # Another major version may ask other questions or score them otherwise.
        "versions": {
            "old": versions[0],
            "new": versions[1],
            "major": versions[0].split(".")[0] != versions[1].split(".")[0],
        },
        "overall": {"old": old["score"]["overall"], "new": new["score"]["overall"]},
        "level": {"old": old["score"]["level"], "new": new["score"]["level"]},
        "sections": sections,
        "new_findings": [after[k] for k in sorted(after.keys() - before.keys())],
        "resolved_findings": [before[k] for k in sorted(before.keys() - after.keys())],
        "riskier_findings": [
            after[k]
            for k in sorted(after.keys() & before.keys())
            if Risk(after[k]["risk"]).rank > Risk(before[k]["risk"]).rank
        ],
    }


Key = tuple[str, ...]


def _keys(entries: list[FileEntry]) -> dict[Key, FileEntry]:
    counts: dict[tuple[str, str], int] = {}
    for e in entries:
        k = (e["checklist"]["id"], e["team"])
        counts[k] = counts.get(k, 0) + 1
    return {
        (e["checklist"]["id"], e["team"])
        if counts[(e["checklist"]["id"], e["team"])] == 1
        else (e["checklist"]["id"], e["team"], e["file"]): e
        for e in entries
    }


def match(
    old: list[FileEntry], new: list[FileEntry]
) -> tuple[list[tuple[FileEntry, FileEntry]], list[FileEntry], list[FileEntry]]:
    """Pairs of (old, new) entries for the same checklist and team, in NEW's order; then the
    entries only in OLD and only in NEW."""
    before, after = _keys(old), _keys(new)
    pairs = [(before[k], after[k]) for k in after if k in before]
    only_old = [before[k] for k in before if k not in after]
    only_new = [after[k] for k in after if k not in before]
    return pairs, only_old, only_new


def compare_all(old: list[FileEntry], new: list[FileEntry]) -> Comparison:
    """The whole comparison: one change per matched pair and the unmatched entries."""
    pairs, only_old, only_new = match(old, new)
    changes = []
    for o, n in pairs:
        change = compare(o, n)
        change["files"] = {"old": o["file"], "new": n["file"]}
        changes.append(change)

    def unmatched(e: FileEntry, side: Literal["old", "new"]) -> Unmatched:
        return {
            "side": side,
            "file": e["file"],
            "checklist": e["checklist"]["id"],
            "team": e["team"],
        }

    return {
        "format": "playbook-check-diff",
        "worse": any(worse(c) for c in changes),
        "changes": changes,
        "unmatched": [unmatched(e, "old") for e in only_old]
        + [unmatched(e, "new") for e in only_new],
    }


def worse(change: Change) -> bool:
    """Whether the new assessment is worse: a new or riskier finding, or a lower score."""
    fell = score_fell(change["overall"]["old"], change["overall"]["new"])
    return bool(change["new_findings"] or change["riskier_findings"] or fell)
