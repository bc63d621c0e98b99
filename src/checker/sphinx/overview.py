"""The ``assessment-overview`` directive: every example team side by side.

A table of teams x checklists (overall score, maturity level, open findings by risk), then a
sphinx-design tab per checklist with teams x sections.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from checker.model import FileResult, Status
from checker.report.document import round2
from checker.report.util import fmt_score
from checker.sphinx.assessments import RISK_ORDER, AnswersDirective, run_check
from checker.sphinx.common import (
    Cell,
    WarningType,
    display_path,
    inside_sources,
    make_table,
    risk_badge,
    warn,
    warn_diagnostics,
)


class AssessmentOverviewDirective(AnswersDirective):
    """``{assessment-overview} /examples``: every team (sub-directory) side by side."""

    def run(self) -> list[nodes.Node]:
        folder = self._path()
        if folder is None:
            return []
        if not folder.is_dir():
            warn(f"{self.arguments[0]!r} is not a directory", self.get_location(), WarningType.PATH)
            return []
        results: dict[str, dict[str, FileResult]] = {}
        checklists: dict[str, str] = {}
        team_dirs: dict[str, str] = {}
        for path in sorted(folder.glob("*/*.yaml")):
            if not inside_sources(self.env.app, path):
                warn(
                    f"{display_path(self.env.app, path)!r} leads outside the documentation "
                    "sources (a symlink); not reading it",
                    self.get_location(),
                    WarningType.PATH,
                )
                continue
            result = run_check(self.env.app, path)
            self._depend(result, path)
            warn_diagnostics(result.diagnostics, WarningType.ANSWERS)
            if result.evaluation is None or not result.valid:
                continue
            ev = result.evaluation
            first = team_dirs.setdefault(ev.answers.team, path.parent.name)
            if first != path.parent.name:
                pos = ev.answers.team_position
                warn(
                    f"team {ev.answers.team!r} is also the team in {first}/; two teams with "
                    "one name would share a column, so this file is left out of the overview "
                    "[PC414]",
                    f"{result.path}:{pos.line}",
                    WarningType.ANSWERS,
                )
                continue
            results.setdefault(ev.answers.team, {})[ev.checklist.id] = result
            checklists[ev.checklist.id] = ev.checklist.title
        if not results:
            return [nodes.paragraph(text="No assessments found.")]
        order = sorted(checklists)
        teams = sorted(results)
        box = nodes.container(classes=["playbook-overview-box"])
        box += _summary_table(results, teams, order, checklists)
        box += nodes.rubric(text="Section scores by checklist")
        box += _section_tabs(results, order, checklists)
        self.set_source_info(box)
        return [box]


def _summary_table(
    results: dict[str, dict[str, FileResult]],
    teams: list[str],
    order: list[str],
    titles: dict[str, str],
) -> nodes.table:
    """Checklists x teams (teams as columns keeps the table narrow): overall score and level
    per cell, then a row of open findings by risk."""
    rows: list[list[Cell]] = []
    counts = {team: dict.fromkeys(RISK_ORDER, 0) for team in teams}
    for cid in order:
        cells: list[Cell] = [titles[cid]]
        for team in teams:
            res = results[team].get(cid)
            if res is None or res.evaluation is None:
                cells.append("—")
                continue
            score = res.evaluation.score
            cell = nodes.paragraph()
            cell += nodes.strong(text=fmt_score(round2(score.overall)))
            cell += nodes.Text(f" {score.level or 'n/a'}")
            cells.append(cell)
            for f in res.evaluation.findings:
                if f.status is Status.OPEN:
                    counts[team][f.risk.value] += 1
        rows.append(cells)
    findings: list[Cell] = ["Open findings"]
    for team in teams:
        badges = nodes.paragraph()
        for r in RISK_ORDER:
            badges += risk_badge(r, f"{counts[team][r]} {r}")
            badges += nodes.Text(" ")
        findings.append(badges)
    rows.append(findings)
    return make_table(["playbook-overview"], ["Checklist", *teams], rows)


def _section_tabs(
    results: dict[str, dict[str, FileResult]], order: list[str], titles: dict[str, str]
) -> nodes.Node:
    """A sphinx-design tab set: for each checklist, teams x sections."""
    from sphinx_design.shared import create_component

    tab_set = create_component("tab-set", classes=["sd-tab-set", "playbook-overview-tabs"])
    for cid in order:
        evaluations = {
            team: res[cid].evaluation
            for team, res in sorted(results.items())
            if cid in res and res[cid].evaluation is not None
        }
        first = next(iter(evaluations.values()))
        assert first is not None
        sections = first.score.sections
        rows: list[list[Cell]] = []
        for team, ev in evaluations.items():
            assert ev is not None
            scores = {s.id: s.score for s in ev.score.sections}
            rows.append([team, *(fmt_score(round2(scores.get(s.id))) for s in sections)])
        header = ["Team", *(s.title for s in sections)]
        table = make_table(["playbook-overview-sections"], header, rows)
        label = nodes.rubric(titles[cid], nodes.Text(titles[cid]), classes=["sd-tab-label"])
        content = create_component("tab-content", children=[table], classes=["sd-tab-content"])
        tab_set += create_component("tab-item", children=[label, content], classes=["sd-tab-item"])
    return tab_set


def setup(app: Sphinx) -> None:
    app.add_directive("assessment-overview", AssessmentOverviewDirective)
