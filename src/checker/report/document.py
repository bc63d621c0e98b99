"""The canonical report document (:class:`~checker.report.types.ReportDocument`): plain data
that every output format renders.

Every kind of checked file becomes an entry through one interface: the checker of that kind
says whether the file is valid, its diagnostics and, when valid, what it assessed
(:class:`Assessed`); :func:`make_entry` writes the entry, its findings, rules and counts alike
for answers files (:func:`file_entry`) and topology files (:mod:`checker.topology.report`).

Numbers are rounded half-up to two decimals (the browser form rounds the same way), so the
CLI, the site and the browser show identical figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, NamedTuple, Protocol, cast, overload

from checker import __version__
from checker.codes import EXIT_OK
from checker.constants import RISKS
from checker.diagnostics import Diagnostic
from checker.model import Evaluation, FileResult, Finding, Risk, Score, SectionScore, Status
from checker.report import types as t
from checker.report.verdict import settle

REPORT_FORMAT_VERSION: Final = 1


@overload
def round2(value: float) -> float: ...
@overload
def round2(value: float | None) -> float | None: ...
def round2(value: float | None) -> float | None:
    """Round half-up to two decimals; ``None`` stays ``None``."""
    if value is None:
        return None
    return math.floor(value * 100 + 0.5 + 1e-9) / 100


class RuleLike(Protocol):
    """A finding rule of any document kind, as the report lists it."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def pitfall(self) -> str: ...
    @property
    def risk(self) -> Risk: ...
    @property
    def advice(self) -> str: ...


class Assessed(NamedTuple):
    """What a valid file of any kind assessed: the one interface through which answers files
    (:func:`assessed_answers`) and topology files (:func:`checker.topology.report.entry`)
    become report entries. ``evidence`` and ``not_applicable`` belong to answers files,
    ``topology`` to topology files; ``None`` leaves the field out."""

    checklist: t.ChecklistRef
    answered_version: str
    team: str
    assessed: str
    score: t.ScoreEntry
    findings: Sequence[Finding]
    rules: Iterable[RuleLike]
    notes: Mapping[str, str]
    evidence: Mapping[str, Sequence[str]] | None = None
    not_applicable: str | None = None
    topology: t.TopologyShape | None = None


def diagnostic_entry(d: Diagnostic) -> t.DiagnosticEntry:
    """One diagnostic as report data."""
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "hint": d.hint,
    }


def finding_entry(f: Finding) -> t.FindingEntry:
    """One finding as report data (answers and topology findings alike)."""
    return {
        "id": f.id,
        "title": f.title,
        "pitfall": f.pitfall,
        "risk": f.risk.value,
        "status": f.status.value,
        "advice": f.advice,
        "triggers": [
            {"question": tr.question, "line": tr.position.line, "column": tr.position.column}
            for tr in f.triggers
        ],
        "exemption": None
        if f.exemption is None
        else {
            "owner": f.exemption.owner,
            "reason": f.exemption.reason,
            "expires": f.exemption.expires.isoformat(),
        },
    }


def rule_entry(r: RuleLike) -> t.RuleEntry:
    """One finding rule as report data."""
    return {
        "id": r.id,
        "title": r.title,
        "pitfall": r.pitfall,
        "risk": r.risk.value,
        "advice": r.advice,
    }


def risk_counts(findings: Iterable[Finding]) -> t.RiskCounts:
    """Open findings per risk."""
    open_risks = [f.risk.value for f in findings if f.status is Status.OPEN]
    high, medium, low = (open_risks.count(r) for r in RISKS)
    return {"high": high, "medium": medium, "low": low}


NO_SCORE: t.ScoreEntry = {
    "aggregate": "none",
    "unit": "percent",
    "overall": None,
    "level": None,
    "sections": [],
    "costs": [],
}
"""The score of a kind of file that is not scored (a topology)."""


def score_entry(
    score: Score, where: Callable[[str], tuple[int, int]] | None = None
) -> t.ScoreEntry:
    """The ``score`` of a file's report. Optional keys: ``capped`` when the level rule kept the
    level below the score's band (``band``: that level; ``findings``: the open high-risk
    findings), and a points section's ``scale`` (its best score with every question applicable).
    ``where`` gives each cost its answer's ``line`` and ``column``."""
    costs: list[t.CostEntry] = []
    for c in score.costs:
        cost: t.CostEntry = {
            "question": c.question,
            "section": c.section,
            "lost": round2(c.lost),
            "cost": round2(c.cost),
        }
        if where is not None:
            cost["line"], cost["column"] = where(c.question)
        costs.append(cost)
    out: t.ScoreEntry = {
        "aggregate": cast("t.Aggregate", score.aggregate),
        "unit": cast("t.ScoreUnit", score.unit),
        "overall": round2(score.overall),
        "level": score.level,
        "sections": [_section_entry(s) for s in score.sections],
        "costs": costs,
    }
    if score.capped_by:
        out["capped"] = {"band": str(score.band), "findings": list(score.capped_by)}
    return out


def _section_entry(s: SectionScore) -> t.SectionEntry:
    out: t.SectionEntry = {
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


def assessed_answers(ev: Evaluation) -> Assessed:
    """What an answers file assessed; a checklist answered as not applicable carries the
    team's reason as ``not_applicable``."""
    cl = ev.checklist
    return Assessed(
        checklist={"id": cl.id, "version": cl.version_text, "title": cl.title},
        answered_version="{}.{}".format(*ev.answers.answered_version),
        team=ev.answers.team,
        assessed=ev.answers.assessed,
        score=score_entry(ev.score, lambda question: _where(ev, question)),
        findings=ev.findings,
        rules=cl.findings,
        notes=ev.answers.notes,
        evidence=ev.answers.evidence,
        not_applicable=ev.answers.not_applicable,
    )


def _where(ev: Evaluation, question: str) -> tuple[int, int]:
    """The line and column of a question's answer; an unanswered one's is the ``answers:``
    key, where the answer would go."""
    pos = ev.answers.positions.get(question, ev.answers.file_position)
    return max(1, pos.line), max(1, pos.column)


def make_entry(
    path: str,
    valid: bool,
    diagnostics: Iterable[Diagnostic],
    assessed: Assessed | None,
    *,
    kind: t.FileKind | None = None,
) -> t.FileEntry:
    """The report entry for one checked file of any kind: its diagnostics and, when it is
    valid, what it assessed (``kind`` is written for every kind but answers files, whose
    entries predate it)."""
    entry: t.FileEntry = {
        "file": path,
        "valid": valid,
        "diagnostics": [diagnostic_entry(d) for d in diagnostics],
    }
    if kind is not None:
        entry["kind"] = kind
    if not valid or assessed is None:
        return entry
    entry["checklist"] = assessed.checklist
    entry["answered_version"] = assessed.answered_version
    entry["team"] = assessed.team
    entry["assessed"] = assessed.assessed
    entry["score"] = assessed.score
    entry["findings"] = [finding_entry(f) for f in assessed.findings]
    entry["rules"] = [rule_entry(r) for r in assessed.rules]
    entry["counts"] = risk_counts(assessed.findings)
    entry["notes"] = dict(sorted(assessed.notes.items()))
    if assessed.evidence is not None:
        entry["evidence"] = {q: list(refs) for q, refs in sorted(assessed.evidence.items())}
    if assessed.not_applicable is not None:
        entry["not_applicable"] = assessed.not_applicable
    if assessed.topology is not None:
        entry["topology"] = assessed.topology
    return entry


def evaluation_dict(ev: Evaluation) -> dict[str, object]:
    """The assessment part of an answers file's entry (what the browser form computes; the
    parity tests compare the two)."""
    entry = make_entry("", True, (), assessed_answers(ev))
    return {k: v for k, v in entry.items() if k not in ("file", "valid", "diagnostics")}


def file_entry(res: FileResult) -> t.FileEntry:
    """The report entry for one checked answers file."""
    assessed = None if res.evaluation is None else assessed_answers(res.evaluation)
    return make_entry(res.path, res.valid, res.diagnostics, assessed)


def build(results: Sequence[FileResult], *, fail_on: t.FailOn = "high") -> t.ReportDocument:
    """The report document for a run over several answers files."""
    return assemble([file_entry(res) for res in results], fail_on=fail_on)


def assemble(entries: Sequence[t.FileEntry], *, fail_on: t.FailOn = "high") -> t.ReportDocument:
    """The report document from file entries (answers files or topology files), with its
    verdict (:func:`checker.report.verdict.settle`)."""
    summary: t.Summary = {
        "files": len(entries),
        "invalid": sum(not e["valid"] for e in entries),
        "errors": 0,
        "warnings": 0,
        "high": 0,
        "medium": 0,
        "low": 0,
        "exempted": 0,
        "failing": 0,
    }
    for entry in entries:
        for d in entry["diagnostics"]:
            summary["errors" if d["severity"] == "error" else "warnings"] += 1
        for f in entry["findings"] if entry["valid"] else ():
            summary["exempted" if f["status"] == "exempted" else f["risk"]] += 1
    return settle(
        {
            "format": "playbook-check-report",
            "format_version": REPORT_FORMAT_VERSION,
            "tool": {"name": "playbook-check", "version": __version__},
            "fail_on": fail_on,
            "exit_code": EXIT_OK,
            "summary": summary,
            "files": list(entries),
        }
    )
