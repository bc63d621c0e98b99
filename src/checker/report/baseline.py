"""Ratchet mode (``--baseline REPORT.json``): fail only when an assessment gets worse than a
committed earlier report — a new open finding, a riskier finding, or a lower overall score.

:func:`judge` rewrites the report document before any format renders it, so the exit code,
text, Markdown summary, annotations, JUnit, SARIF and Code Quality reports all tell the same
story: each finding says whether it is ``new``, ``unchanged`` or ``updated`` (riskier) against
the baseline and whether it ``fails`` the run; each file lists the baseline findings now
``absent`` (resolved). What fails is decided by :mod:`checker.report.verdict`."""

from __future__ import annotations

from checker.report.compare import compare, score_fell
from checker.report.types import (
    BaselineState,
    CostRise,
    FileEntry,
    ReportDocument,
    ResolvedFinding,
    ScoreChange,
)
from checker.report.util import fmt_score
from checker.report.verdict import settle


def _key(entry: FileEntry) -> tuple[str, str]:
    return (entry["checklist"]["id"], entry["team"])


def judge(doc: ReportDocument, baseline: ReportDocument, name: str) -> ReportDocument:
    """``doc`` judged against ``baseline`` (a report document read from ``name``), in place.

    A file is matched to its baseline entry by path, else by checklist and team. In a matched
    file, an open finding fails the run only when it is new or riskier than in the baseline and
    at or above ``fail_on``; a lower overall score also fails it. A file not in the baseline is
    judged by ``fail_on`` as usual."""
    valid_old = [e for e in baseline["files"] if e["valid"]]
    by_file = {e["file"]: e for e in valid_old}
    by_key = {_key(e): e for e in valid_old}
    known_diagnostics = {
        e["file"]: {(d["code"], d["message"]) for d in e["diagnostics"]} for e in baseline["files"]
    }
    tally: dict[str, int] = {"new": 0, "unchanged": 0, "updated": 0, "absent": 0}
    for entry in doc["files"]:
        known = known_diagnostics.get(entry["file"], set())
        for d in entry["diagnostics"]:
            d["baseline"] = "unchanged" if (d["code"], d["message"]) in known else "new"
        if not entry["valid"]:
            continue
        old = by_file.get(entry["file"]) or by_key.get(_key(entry))
        if old is None:
            for f in entry["findings"]:
                f["baseline"] = "new"
            tally["new"] += len(entry["findings"])
            entry["baseline"] = {"matched": None, "overall": None, "absent": [], "worse": False}
            continue
        change = compare(old, entry)
        new_ids = {f["id"] for f in change["new_findings"]}
        riskier_ids = {f["id"] for f in change["riskier_findings"]}
        known_ids = {f["id"] for f in old["findings"]}
        for f in entry["findings"]:
            state: BaselineState = "unchanged"
            if f["id"] in riskier_ids:
                state = "updated"
            elif f["id"] in new_ids or f["id"] not in known_ids:
                state = "new"
            f["baseline"] = state
            tally[state] += 1
        o, n = change["overall"]["old"], change["overall"]["new"]
        overall: ScoreChange = {"old": o, "new": n, "lower": score_fell(o, n)}
        if overall["lower"]:
            overall["rose"] = costs_rose(old, entry)
        absent: list[ResolvedFinding] = [
            {
                "id": f["id"],
                "title": f["title"],
                "risk": f["risk"],
                "pitfall": f["pitfall"],
                "triggers": f["triggers"],
            }
            for f in change["resolved_findings"]
        ]
        tally["absent"] += len(absent)
        entry["baseline"] = {
            "matched": old["file"],
            "overall": overall,
            "absent": absent,
            "worse": False,
        }
    doc["baseline"] = {
        "file": name,
        "new": tally["new"],
        "unchanged": tally["unchanged"],
        "updated": tally["updated"],
        "absent": tally["absent"],
        "worse_files": 0,
    }
    return settle(doc)  # each finding's fails, each file's worse, the exit code


def costs_rose(old: FileEntry, new: FileEntry) -> list[CostRise]:
    """The answers of ``new`` that cost more of the overall score than in ``old``, most first,
    each with its line (a report without positions points at line 1)."""
    before = {c["question"]: c["cost"] for c in old["score"]["costs"]}
    rose: list[CostRise] = []
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


def verdict_lines(doc: ReportDocument) -> list[str]:
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
        o = b["overall"]
        if b["matched"] is None or o is None:
            lines.append(
                f"{entry['file']}: not in the baseline; "
                f"{len(gating)} finding(s) at or above {doc['fail_on']}"
            )
            continue
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
