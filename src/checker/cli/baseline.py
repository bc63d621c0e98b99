"""Ratchet mode (``--baseline REPORT.json``): fail only when an assessment gets worse than a
committed earlier report — a new open finding, a riskier finding, or a lower overall score.

:func:`judge` rewrites the report document before any format renders it, so the exit code,
text, Markdown summary, annotations, JUnit, SARIF and Code Quality reports all tell the same
story: each finding says whether it is ``new``, ``unchanged`` or ``updated`` (riskier) against
the baseline and whether it ``fails`` the run; each file lists the baseline findings now
``absent`` (resolved)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.cli.diff import compare
from checker.model import fails
from checker.report.read import load_report
from checker.report.util import fmt_score


def load_baseline(path: Path) -> dict[str, Any]:
    """A JSON report written by ``playbook-check report --format json``, validated against the
    published report schema (see :mod:`checker.report.read`)."""
    return load_report(path, role="baseline")


def _key(entry: dict[str, Any]) -> tuple[str, str]:
    return (entry["checklist"]["id"], entry["team"])


def judge(doc: dict[str, Any], baseline: dict[str, Any], name: str) -> dict[str, Any]:
    """``doc`` judged against ``baseline`` (a report document read from ``name``), in place.

    A file is matched to its baseline entry by path, else by checklist and team. In a matched
    file, an open finding fails the run only when it is new or riskier than in the baseline and
    at or above ``fail_on``; a lower overall score also fails it. A file not in the baseline is
    judged by ``fail_on`` as usual."""
    fail_on = doc["fail_on"]
    valid_old = [e for e in baseline.get("files", []) if isinstance(e, dict) and e.get("valid")]
    by_file = {e["file"]: e for e in valid_old}
    by_key = {_key(e): e for e in valid_old}
    tally = {"new": 0, "unchanged": 0, "updated": 0, "absent": 0, "worse_files": 0}
    failing = 0
    any_old = {e["file"]: e for e in baseline.get("files", []) if isinstance(e, dict)}
    for entry in doc["files"]:
        known = {
            (d.get("code"), d.get("message"))
            for d in any_old.get(entry["file"], {}).get("diagnostics", [])
            if isinstance(d, dict)
        }
        for d in entry["diagnostics"]:
            d["baseline"] = "unchanged" if (d["code"], d["message"]) in known else "new"
        if not entry["valid"]:
            continue
        old = by_file.get(entry["file"]) or by_key.get(_key(entry))
        if old is None:
            for f in entry["findings"]:
                f["baseline"] = "new"
                tally["new"] += 1
                failing += f["fails"]
            worse = any(f["fails"] for f in entry["findings"])
            entry["baseline"] = {"matched": None, "overall": None, "absent": [], "worse": worse}
            tally["worse_files"] += worse
            continue
        change = compare(old, entry)
        new_ids = {f["id"] for f in change["new_findings"]}
        riskier_ids = {f["id"] for f in change["riskier_findings"]}
        known_ids = {f["id"] for f in old["findings"]}
        for f in entry["findings"]:
            if f["id"] in riskier_ids:
                state = "updated"
            elif f["id"] in new_ids or f["id"] not in known_ids:
                state = "new"
            else:
                state = "unchanged"
            f["baseline"] = state
            tally[state] += 1
            f["fails"] = (
                f["status"] == "open" and state != "unchanged" and fails(f["risk"], fail_on)
            )
            failing += f["fails"]
        o, n = change["overall"]["old"], change["overall"]["new"]
        lower = o is not None and (n is None or n < o)
        overall: dict[str, Any] = {"old": o, "new": n, "lower": lower}
        if lower:
            overall["rose"] = costs_rose(old, entry)
        absent = [
            {k: f[k] for k in ("id", "title", "risk", "pitfall", "triggers")}
            for f in change["resolved_findings"]
        ]
        tally["absent"] += len(absent)
        worse = lower or any(f["fails"] for f in entry["findings"])
        tally["worse_files"] += worse
        entry["baseline"] = {
            "matched": old["file"],
            "overall": overall,
            "absent": absent,
            "worse": worse,
        }
    doc["summary"]["failing"] = failing
    doc["baseline"] = {"file": name, **tally}
    if not doc["summary"]["invalid"]:
        doc["exit_code"] = 1 if tally["worse_files"] else 0
    return doc


def costs_rose(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers of ``new`` that cost more of the overall score than in ``old``, most first,
    each with its line (a report without positions points at line 1)."""
    before = {c["question"]: c["cost"] for c in old["score"]["costs"]}
    rose = []
    for c in new["score"]["costs"]:
        was = before.get(c["question"], 0.0)
        if c["cost"] > was + 0.005:
            rose.append(
                {
                    "question": c["question"],
                    "line": c.get("line", 1),
                    "column": c.get("column", 1),
                    "old": was,
                    "new": c["cost"],
                }
            )
    rose.sort(key=lambda r: (-(r["new"] - r["old"]), r["line"], r["question"]))
    return rose


def with_baseline(doc: dict[str, Any], path: str | Path | None) -> dict[str, Any]:
    """``doc`` judged against the baseline report at ``path`` (from ``--baseline`` or the
    configuration), or unchanged without one. Raises :class:`CheckerError` (PC412) for an
    unreadable baseline."""
    if path is None or str(path) == "":
        return doc
    return judge(doc, load_baseline(Path(path)), str(path))


def ratchet(
    doc: dict[str, Any], baseline: dict[str, Any], name: str = "the baseline"
) -> tuple[int, list[str]]:
    """Judge ``doc`` against ``baseline`` in place; its exit code and verdict lines."""
    judge(doc, baseline, name)
    return int(doc["exit_code"]), verdict_lines(doc)


def verdict_lines(doc: dict[str, Any]) -> list[str]:
    """One line per valid file saying how it compares with the baseline (empty without one)."""
    if "baseline" not in doc:
        return []
    lines = []
    for entry in doc["files"]:
        b = entry.get("baseline")
        if b is None:
            continue
        gating = [f for f in entry["findings"] if f["fails"]]
        what = [f"{f['risk']}: {f['id']} ({f['baseline']})" for f in gating]
        if b["matched"] is None:
            lines.append(
                f"{entry['file']}: not in the baseline; "
                f"{len(gating)} finding(s) at or above {doc['fail_on']}"
            )
            continue
        o = b["overall"]
        score = f"score {fmt_score(o['old'])} -> {fmt_score(o['new'])}"
        where = entry["file"]
        if o["lower"]:
            rose = o.get("rose") or []
            if rose:
                where = f"{entry['file']}:{rose[0]['line']}:{rose[0]['column']}"
                score += (
                    " ("
                    + ", ".join(
                        f"{r['question']} at line {r['line']} now costs {fmt_score(r['new'])} "
                        f"points, was {fmt_score(r['old'])}"
                        for r in rose[:5]
                    )
                    + (f" and {len(rose) - 5} more" if len(rose) > 5 else "")
                    + ")"
                )
            what.append(score)
        if b["worse"]:
            lines.append(f"{where}: worse than the baseline: " + "; ".join(what))
        else:
            scored = o["old"] is not None or o["new"] is not None  # a topology has no score
            lines.append(
                f"{entry['file']}: not worse than the baseline "
                f"({score + ', ' if scored else ''}{len(b['absent'])} resolved)"
            )
    return lines
