"""The canonical report document: plain data that every output format renders.

Numbers are rounded half-up to two decimals (the browser form rounds the same way), so the
CLI, the site and the browser show identical figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from checker import __version__
from checker.constants import RISKS
from checker.model import Evaluation, FileResult, Finding, Score, SectionScore, Status, fails

REPORT_FORMAT_VERSION = 1


def round2(value: float | None) -> float | None:
    """Round half-up to two decimals; ``None`` stays ``None``."""
    if value is None:
        return None
    return math.floor(value * 100 + 0.5 + 1e-9) / 100


def level(finding: dict[str, Any]) -> str:
    """The one severity every format shows for a finding: ``error`` only when it fails the run
    (see ``fails`` in :func:`build` and ratchet mode), else ``warning`` (high, medium) or
    ``note`` (low)."""
    if finding.get("fails"):
        return "error"
    return "note" if finding["risk"] == "low" else "warning"


BASELINE_LABELS = {
    "new": "new",
    "unchanged": "in the baseline",
    "updated": "riskier than in the baseline",
}
"""How each format names a finding's state against a ``--baseline`` report."""


def baseline_note(finding: dict[str, Any]) -> str:
    """`` (new)`` or `` (in the baseline)``... against a baseline; ``""`` without one."""
    state = finding.get("baseline")
    return f" ({BASELINE_LABELS[state]})" if state else ""


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as report data (answers and topology findings alike)."""
    return {
        "id": f.id,
        "title": f.title,
        "pitfall": f.pitfall,
        "risk": f.risk.value,
        "status": f.status.value,
        "advice": f.advice,
        "triggers": [
            {"question": t.question, "line": t.position.line, "column": t.position.column}
            for t in f.triggers
        ],
        "exemption": None
        if f.exemption is None
        else {
            "owner": f.exemption.owner,
            "reason": f.exemption.reason,
            "expires": f.exemption.expires.isoformat(),
        },
    }


def score_dict(
    score: Score, where: Callable[[str], dict[str, int]] | None = None
) -> dict[str, Any]:
    """The ``score`` of a file's report. Optional keys: ``capped`` when the level rule kept the
    level below the score's band (``band``: that level; ``findings``: the open high-risk
    findings), and a points section's ``scale`` (its best score with every question applicable).
    ``where`` gives each cost its answer's ``line`` and ``column``."""
    out: dict[str, Any] = {
        "aggregate": score.aggregate,
        "unit": score.unit,
        "overall": round2(score.overall),
        "level": score.level,
        "sections": [_section_dict(s) for s in score.sections],
        "costs": [
            {
                "question": c.question,
                "section": c.section,
                "lost": round2(c.lost),
                "cost": round2(c.cost),
                **(where(c.question) if where else {}),
            }
            for c in score.costs
        ],
    }
    if score.capped_by:
        out["capped"] = {"band": score.band, "findings": list(score.capped_by)}
    return out


def _section_dict(s: SectionScore) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "title": s.title,
        "weight": s.weight,
        "earned": round2(s.earned),
        "max": round2(s.maximum),
        "score": round2(s.score),
    }
    if s.unit == "points":
        out["scale"] = round2(s.full)
    return out


def evaluation_dict(ev: Evaluation) -> dict[str, Any]:
    """The evaluation part of a file's report (shared with the browser parity tests); a
    checklist answered as not applicable carries the team's reason as ``not_applicable``."""
    cl = ev.checklist
    out: dict[str, Any] = {
        "checklist": {"id": cl.id, "version": cl.version_text, "title": cl.title},
        "answered_version": "{}.{}".format(*ev.answers.answered_version),
        "team": ev.answers.team,
        "assessed": ev.answers.assessed,
        "score": score_dict(ev.score, lambda question: _where(ev, question)),
        "findings": [finding_dict(f) for f in ev.findings],
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "pitfall": r.pitfall,
                "risk": r.risk.value,
                "advice": r.advice,
            }
            for r in cl.findings
        ],
        "counts": {
            r: sum(1 for f in ev.findings if f.risk.value == r and f.status is Status.OPEN)
            for r in RISKS
        },
        "notes": dict(sorted(ev.answers.notes.items())),
        "evidence": {qid: list(refs) for qid, refs in sorted(ev.answers.evidence.items())},
    }
    if ev.answers.not_applicable is not None:
        out["not_applicable"] = ev.answers.not_applicable
    return out


def _where(ev: Evaluation, question: str) -> dict[str, int]:
    """The line and column of a question's answer; an unanswered one's is the ``answers:``
    key, where the answer would go."""
    pos = ev.answers.positions.get(question, ev.answers.file_position)
    return {"line": max(1, pos.line), "column": max(1, pos.column)}


def score_drop(entry: dict[str, Any], baseline_file: str) -> tuple[str, int, int] | None:
    """A file's score below its ``--baseline``, as every format says it: the text, and the line
    and column of the answer whose cost rose most (line 1 when none did, e.g. a new section).
    None when the score did not fall."""
    overall = (entry.get("baseline") or {}).get("overall")
    if not overall or not overall["lower"]:
        return None
    from checker.report.util import fmt_score

    text = (
        f"overall score fell from {fmt_score(overall['old'])} to {fmt_score(overall['new'])} "
        f"(baseline {baseline_file})"
    )
    rose = overall.get("rose") or []
    if not rose:
        return text, 1, 1
    text += "; answers that cost more: " + ", ".join(
        f"{r['question']} (line {r['line']}: {fmt_score(r['old'])} -> {fmt_score(r['new'])})"
        for r in rose[:5]
    )
    if len(rose) > 5:
        text += f" and {len(rose) - 5} more"
    return text, rose[0]["line"], rose[0]["column"]


def file_entry(res: FileResult) -> dict[str, Any]:
    """The report entry for one checked answers file."""
    entry: dict[str, Any] = {
        "file": res.path,
        "valid": res.valid,
        "diagnostics": [d.to_dict() for d in res.diagnostics],
    }
    if res.evaluation is not None and res.valid:
        entry.update(evaluation_dict(res.evaluation))
    return entry


def build(results: Sequence[FileResult], *, fail_on: str = "high") -> dict[str, Any]:
    """The report document for a run over several answers files."""
    return assemble([file_entry(res) for res in results], fail_on=fail_on)


def assemble(entries: Sequence[dict[str, Any]], *, fail_on: str = "high") -> dict[str, Any]:
    """The report document from file entries (answers files or topology files)."""
    files = []
    totals = {
        "files": len(entries),
        "invalid": 0,
        "errors": 0,
        "warnings": 0,
        "high": 0,
        "medium": 0,
        "low": 0,
        "exempted": 0,
        "failing": 0,
    }
    for entry in entries:
        totals["errors"] += sum(1 for d in entry["diagnostics"] if d["severity"] == "error")
        totals["warnings"] += sum(1 for d in entry["diagnostics"] if d["severity"] == "warning")
        if not entry["valid"]:
            totals["invalid"] += 1
        else:
            for f in entry["findings"]:
                f["fails"] = f["status"] == "open" and fails(f["risk"], fail_on)
                totals["failing"] += f["fails"]
                if f["status"] == "exempted":
                    totals["exempted"] += 1
                else:
                    totals[f["risk"]] += 1
        files.append(entry)
    exit_code = 2 if totals["invalid"] else (1 if totals["failing"] else 0)
    return {
        "format": "playbook-check-report",
        "format_version": REPORT_FORMAT_VERSION,
        "tool": {"name": "playbook-check", "version": __version__},
        "fail_on": fail_on,
        "exit_code": exit_code,
        "summary": totals,
        "files": files,
    }
