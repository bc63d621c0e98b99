"""``playbook-check diff``: progress between two assessments of the same team."""

from __future__ import annotations

from typing import Any

from checker.report.util import fmt_score
from checker.textsafe import neutralise_data


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
    return {
        "checklist": new["checklist"]["id"],
        "team": new["team"],
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


def worse(change: dict[str, Any]) -> bool:
    """Whether the new assessment is worse: a new or riskier finding, or a lower score."""
    old, new = change["overall"]["old"], change["overall"]["new"]
    lower = old is not None and (new is None or new < old)
    return bool(change["new_findings"] or change["riskier_findings"] or lower)


def render_text(change: dict[str, Any]) -> str:
    """The change as text, every string neutralised (see :mod:`checker.textsafe`)."""
    change = neutralise_data(change)
    o = change["overall"]
    delta = ""
    if o["old"] is not None and o["new"] is not None:
        delta = f" ({o['new'] - o['old']:+.2f})"
    lines = [
        f"{change['team']} — {change['checklist']}: score {fmt_score(o['old'])} -> "
        f"{fmt_score(o['new'])}{delta}, level {change['level']['old']} -> "
        f"{change['level']['new']}"
    ]
    for s in change["sections"]:
        lines.append(f"  {s['title']}: {fmt_score(s['old'])} -> {fmt_score(s['new'])}")
    for label, key in (
        ("new", "new_findings"),
        ("resolved", "resolved_findings"),
        ("riskier", "riskier_findings"),
    ):
        for f in change[key]:
            lines.append(f"  {label}: {f['risk']}: {f['title']} [{f['id']}]")
    if not (change["new_findings"] or change["resolved_findings"] or change["riskier_findings"]):
        lines.append("  findings unchanged")
    return "\n".join(lines) + "\n"
