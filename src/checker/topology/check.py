"""The topology pipeline for one file: load -> rules -> exemptions, never raising for bad input.

Exemptions work as for checklists: ``finding`` names a rule (every instance) or one instance
(``rule/subject``); an active exemption turns matching findings to *exempted*, an expired one
becomes an open ``expired-exemption:`` finding, and one that matches nothing is a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from checker.constants import MAX_BYTES
from checker.diagnostics import Diagnostic, DiagnosticSink, Severity
from checker.model import Finding, Status, Trigger
from checker.rules.exemptions import expired_finding, in_force, not_needed
from checker.topology import rules
from checker.topology.load import load_topology
from checker.topology.model import Organisation


@dataclass(slots=True)
class TopologyResult:
    """The outcome of checking one topology file."""

    path: str
    diagnostics: list[Diagnostic]
    organisation: Organisation | None = None
    findings: list[Finding] = field(default_factory=list)
    hits: list[rules.Hit] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.organisation is not None and not any(
            d.severity is Severity.ERROR for d in self.diagnostics
        )

    def open_by_team(self) -> dict[str, list[Finding]]:
        """Open findings by team: those about the team and about its interactions."""
        out: dict[str, list[Finding]] = {}
        for finding, hit in zip(self.findings, self.hits, strict=True):
            if finding.status is Status.OPEN:
                for team_id in hit.teams:
                    out.setdefault(team_id, []).append(finding)
        return out


def check_topology(
    path: str | Path,
    *,
    display: str | None = None,
    today: dt.date | None = None,
    max_bytes: int = MAX_BYTES,
    root: Path | None = None,
) -> TopologyResult:
    """Check one topology file: diagnostics, and findings when it is valid. Its ``answers``
    files must stay inside ``root`` (default: the repository holding it)."""
    name = display if display is not None else str(path)
    org, diagnostics = load_topology(
        path, display=name, max_bytes=max_bytes, today=today, root=root
    )
    return evaluate(org, name, diagnostics, today)


def evaluate(
    org: Organisation | None,
    name: str,
    diagnostics: list[Diagnostic],
    today: dt.date | None = None,
) -> TopologyResult:
    """Findings for a loaded organisation (``None``: the file had errors)."""
    if org is None:
        return TopologyResult(name, _sorted(diagnostics))
    judge = today or dt.date.today()
    hits = rules.evaluate(org)
    sink = DiagnosticSink(name, org.source_map)
    findings: list[Finding] = []
    used: set[str] = set()
    by_finding = {e.finding: e for e in org.exemptions}  # one per finding (PC709)
    for hit in hits:
        exemption = by_finding.get(hit.id) or by_finding.get(hit.rule.id)
        active = in_force(exemption, judge)
        if exemption is not None:
            used.add(exemption.finding)
        findings.append(
            Finding(
                hit.id,
                hit.title,
                hit.rule.pitfall,
                hit.rule.risk,
                hit.rule.advice,
                Status.EXEMPTED if active else Status.OPEN,
                [Trigger(_label(p), org.position(*p)) for p in hit.paths],
                exemption if active else None,
            )
        )
    kept_hits = list(hits)
    for i, ex in enumerate(org.exemptions):
        rule = rules.RULES[ex.finding.split("/", 1)[0]]
        if not in_force(ex, judge):
            findings.append(expired_finding(ex, rule.pitfall, rule.risk, f"exemptions[{i}]"))
            kept_hits.append(rules.Hit(rule, "", "", ()))
        elif ex.finding not in used:
            not_needed(sink, "PC710", ex, i)
    order = sorted(range(len(findings)), key=lambda k: (-findings[k].risk.rank, findings[k].id))
    return TopologyResult(
        name,
        _sorted(diagnostics + sink.items),
        org,
        [findings[k] for k in order],
        [kept_hits[k] for k in order],
    )


def _label(path: tuple[object, ...]) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".")


def _sorted(items: list[Diagnostic]) -> list[Diagnostic]:
    unique = {(d.sort_key(), d.severity.value, d.hint): d for d in items}
    return [unique[k] for k in sorted(unique)]
