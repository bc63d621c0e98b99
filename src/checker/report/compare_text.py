"""What ``playbook-check diff`` prints: a comparison (:mod:`checker.report.compare`) as text or
JSON."""

from __future__ import annotations

import json

from checker.report.compare import Change, Comparison
from checker.report.util import fmt_score
from checker.textsafe import json_safe, neutralise


def render(result: Comparison, fmt: str) -> str:
    """``result`` as ``json`` (every character kept, unsafe ones as escapes) or ``text``."""
    if fmt == "json":
        return json_safe(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return render_all(result)


def render_all(result: Comparison) -> str:
    """Text for :func:`~checker.report.compare.compare_all`: one block per matched
    assessment."""
    text = "".join(render_text(c) for c in result["changes"])
    n, u = len(result["changes"]), len(result["unmatched"])
    summary = f"{n} assessment(s) compared"
    if u:
        summary += f", {u} not matched"
    verdict = "worse" if result["worse"] else "not worse"
    return text + f"{summary}; {verdict}\n"


def _s(value: object) -> str:
    """Text from a (possibly hand-edited) report, safe for a terminal."""
    return neutralise(str(value))


def _level(value: object) -> str:
    return "n/a" if value is None else _s(value)


def render_text(change: Change) -> str:
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
    for label, findings in (
        ("new", change["new_findings"]),
        ("resolved", change["resolved_findings"]),
        ("riskier", change["riskier_findings"]),
    ):
        for f in findings:
            lines.append(f"  {label}: {_s(f['risk'])}: {_s(f['title'])} [{_s(f['id'])}]")
    if not (change["new_findings"] or change["resolved_findings"] or change["riskier_findings"]):
        lines.append("  findings unchanged")
    return "\n".join(lines) + "\n"
