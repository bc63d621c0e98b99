"""Ratchet mode (``--baseline REPORT.json``): fail only when an assessment gets worse than a
committed earlier report — a new open finding, a riskier finding, or a lower overall score."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.cli.diff import compare
from checker.load.report import load_report
from checker.report.document import fails


def load_baseline(path: Path) -> dict[str, Any]:
    """A JSON report written by ``playbook-check report --format json``, validated against the
    published report schema (see :mod:`checker.load.report`)."""
    return load_report(path, role="baseline")


def _key(entry: dict[str, Any]) -> tuple[str, str]:
    return (entry["checklist"]["id"], entry["team"])


def ratchet(doc: dict[str, Any], baseline: dict[str, Any]) -> tuple[int, list[str]]:
    """Exit code (0/1/2) for a report document judged against a baseline, and one line per
    file saying what changed."""
    if doc["summary"]["invalid"]:
        return 2, []
    fail_on = doc["fail_on"]
    by_file = {e["file"]: e for e in baseline.get("files", []) if e.get("valid")}
    by_key = {_key(e): e for e in by_file.values()}
    lines: list[str] = []
    worse_any = False
    for entry in doc["files"]:
        old = by_file.get(entry["file"]) or by_key.get(_key(entry))
        if old is None:
            gating = [
                f for f in entry["findings"] if f["status"] == "open" and fails(f["risk"], fail_on)
            ]
            worse_any = worse_any or bool(gating)
            lines.append(
                f"{entry['file']}: not in the baseline; "
                f"{len(gating)} finding(s) at or above {fail_on}"
            )
            continue
        change = compare(old, entry)
        new = [
            f
            for f in change["new_findings"] + change["riskier_findings"]
            if fails(f["risk"], fail_on)
        ]
        o, n = change["overall"]["old"], change["overall"]["new"]
        lower = o is not None and (n is None or n < o)
        if new or lower:
            worse_any = True
            what = [f"{f['risk']}: {f['id']}" for f in new]
            if lower:
                what.append(f"score {o} -> {n}")
            lines.append(f"{entry['file']}: worse than the baseline: " + "; ".join(what))
        else:
            lines.append(
                f"{entry['file']}: not worse than the baseline "
                f"(score {o} -> {n}, {len(change['resolved_findings'])} resolved)"
            )
    return (1 if worse_any else 0), lines
