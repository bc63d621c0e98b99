"""``playbook-check diff``: progress between two sets of assessments.

Each side is a list of valid file entries of a report document. Entries are matched by
checklist id and team (by file path when that pair is not unique); every match is compared,
and entries with no counterpart are named, never silently dropped.
"""

from __future__ import annotations

from typing import Any

from checker.report.util import fmt_score
from checker.textsafe import neutralise


def compare(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Compare two valid file entries of a report document (see report.document)."""

    def findings(entry: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {f["id"]: f for f in entry["findings"] if f["status"] == "open"}

    before, after = findings(old), findings(new)
    old_sections = {s["id"]: s["score"] for s in old["score"]["sections"]}
    sections = []
    for s in new["score"]["sections"]:
        sections.append(
            {
                "id": s["id"],
                "title": s["title"],
                "old": old_sections.get(s["id"]),
                "new": s["score"],
            }
        )
    rank = {"low": 1, "medium": 2, "high": 3}
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
            if rank[after[k]["risk"]] > rank[before[k]["risk"]]
        ],
    }


Key = tuple[str, ...]


def _keys(entries: list[dict[str, Any]]) -> dict[Key, dict[str, Any]]:
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
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Pairs of (old, new) entries for the same checklist and team, in NEW's order; then the
    entries only in OLD and only in NEW."""
    before, after = _keys(old), _keys(new)
    pairs = [(before[k], after[k]) for k in after if k in before]
    only_old = [before[k] for k in before if k not in after]
    only_new = [after[k] for k in after if k not in before]
    return pairs, only_old, only_new


def compare_all(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole comparison: one change per matched pair and the unmatched entries."""
    pairs, only_old, only_new = match(old, new)
    changes = []
    for o, n in pairs:
        change = compare(o, n)
        change["files"] = {"old": o["file"], "new": n["file"]}
        changes.append(change)

    def unmatched(e: dict[str, Any], side: str) -> dict[str, Any]:
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


def worse(change: dict[str, Any]) -> bool:
    """Whether the new assessment is worse: a new or riskier finding, or a lower score."""
    old, new = change["overall"]["old"], change["overall"]["new"]
    lower = old is not None and (new is None or new < old)
    return bool(change["new_findings"] or change["riskier_findings"] or lower)


def render_all(result: dict[str, Any]) -> str:
    """Text for :func:`compare_all`: one block per matched assessment."""
    text = "".join(render_text(c) for c in result["changes"])
    n, u = len(result["changes"]), len(result["unmatched"])
    summary = f"{n} assessment(s) compared"
    if u:
        summary += f", {u} not matched"
    verdict = "worse" if result["worse"] else "not worse"
    return text + f"{summary}; {verdict}\n"


def _s(value: Any) -> str:
    """Text from a (possibly hand-edited) report, safe for a terminal."""
    return neutralise(str(value))


def _level(value: Any) -> str:
    return "n/a" if value is None else _s(value)


def render_text(change: dict[str, Any]) -> str:
    o = change["overall"]
    delta = ""
    if o["old"] is not None and o["new"] is not None:
        delta = f" ({o['new'] - o['old']:+.2f})"
    level = change["level"]
    head = f"{_s(change['team'])} — {_s(change['checklist'])}"
    if any(v is not None for v in (o["old"], o["new"], level["old"], level["new"])):
        head += (
            f": score {fmt_score(o['old'])} -> {fmt_score(o['new'])}{delta}, "
            f"level {_level(level['old'])} -> {_level(level['new'])}"
        )  # a topology has neither: its findings are the comparison
    lines = [head]
    versions = change.get("versions")
    if versions and versions["old"] != versions["new"]:
        lines.append(
            f"  checklist {_s(versions['old'])} -> {_s(versions['new'])}"
            + (" (another major version: scores may not compare)" if versions["major"] else "")
        )
    for sec in change["sections"]:
        lines.append(f"  {_s(sec['title'])}: {fmt_score(sec['old'])} -> {fmt_score(sec['new'])}")
    for label, key in (
        ("new", "new_findings"),
        ("resolved", "resolved_findings"),
        ("riskier", "riskier_findings"),
    ):
        for f in change[key]:
            lines.append(f"  {label}: {_s(f['risk'])}: {_s(f['title'])} [{_s(f['id'])}]")
    if not (change["new_findings"] or change["resolved_findings"] or change["riskier_findings"]):
        lines.append("  findings unchanged")
    return "\n".join(lines) + "\n"
