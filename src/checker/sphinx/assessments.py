"""The ``assessment`` and ``assessment-overview`` directives: a team's results in the site.

Every value that comes from an answers file (team name, notes, evidence) becomes docutils
``Text``, which the HTML writer escapes: nothing a team writes becomes live HTML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.model import Evaluation, FileResult, Status
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import round2
from checker.report.util import fmt_score
from checker.sphinx.common import (
    checklist_dir,
    display_path,
    pitfall_ref,
    resolve_source_path,
    risk_badge,
    warn,
    warn_diagnostics,
)

RISK_ORDER = ("high", "medium", "low")


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def run_check(app: Sphinx, path: Path) -> FileResult:
    """Check one answers file against the site's checklists."""
    registry = ChecklistRegistry([checklist_dir(app)])
    return check_answers(
        path, registry, CheckOptions(today=_today(app)), display=display_path(app, path)
    )


class _AnswersDirective(SphinxDirective):
    required_arguments = 1

    def _path(self) -> Path | None:
        path = resolve_source_path(self.env.app, self.env.docname, self.arguments[0])
        if path is None:
            warn(
                f"{self.arguments[0]!r} is outside the documentation sources; not reading it",
                self.get_location(),
                "path",
            )
        return path

    def _depend(self, result: FileResult, path: Path) -> None:
        self.env.note_dependency(str(path))
        if result.evaluation is not None:
            cpath = checklist_dir(self.env.app) / f"{result.evaluation.checklist.id}.yaml"
            self.env.note_dependency(str(cpath))


class AssessmentDirective(_AnswersDirective):
    """``{assessment} /examples/team/checklist.yaml``: scores, findings and notes."""

    def run(self) -> list[nodes.Node]:
        path = self._path()
        if path is None:
            return []
        if not path.is_file():
            warn(f"answers file {self.arguments[0]!r} not found", self.get_location(), "path")
            return []
        result = run_check(self.env.app, path)
        self._depend(result, path)
        warn_diagnostics(result.diagnostics, "answers")
        if result.evaluation is None or not result.valid:
            return [nodes.paragraph(text=f"{result.path} is invalid; see the build log.")]
        box = render_assessment(result.evaluation)
        self.set_source_info(box)
        return [box]


def render_assessment(ev: Evaluation) -> nodes.container:
    cl, score = ev.checklist, ev.score
    box = nodes.container(classes=["playbook-assessment"], ids=[f"assessment-{cl.id}"])
    box += nodes.rubric(text=f"{cl.title} — {ev.answers.team}")
    summary = nodes.paragraph(classes=["playbook-score"])
    summary += nodes.Text("Overall score ")
    summary += nodes.strong(text=fmt_score(round2(score.overall)))
    summary += nodes.Text(" of 100, maturity level ")
    summary += nodes.strong(text=score.level or "n/a")
    summary += nodes.Text(
        f" (checklist {cl.id} {cl.version_text}, answered against "
        f"{ev.answers.answered_version[0]}.{ev.answers.answered_version[1]}"
        + (f", assessed {ev.answers.assessed}" if ev.answers.assessed else "")
        + ")."
    )
    box += summary
    box += _sections_table(ev)
    box += _findings(ev)
    if ev.answers.notes:
        box += nodes.rubric(text="The team's notes")
        notes = nodes.definition_list(classes=["playbook-notes"])
        prompts = {q.id: q.prompt for q in cl.question_list()}
        for qid, text in sorted(ev.answers.notes.items()):
            item = nodes.definition_list_item()
            item += nodes.term(text=prompts.get(qid, qid))
            definition = nodes.definition()
            definition += nodes.paragraph(text=text)
            item += definition
            notes += item
        box += notes
    costly = [c for c in score.costs if c.cost > 0][:5]
    if costly:
        box += nodes.rubric(text="Where the points went")
        lost = nodes.bullet_list()
        prompts = {q.id: q.prompt for q in cl.question_list()}
        for cost in costly:
            item = nodes.list_item()
            item += nodes.paragraph(
                text=f"{prompts[cost.question]} — {fmt_score(round2(cost.cost))} points"
            )
            lost += item
        box += lost
    return box


def _sections_table(ev: Evaluation) -> nodes.table:
    table = nodes.table(classes=["playbook-section-scores"])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=70)
    group += nodes.colspec(colwidth=30)
    head = nodes.thead()
    group += head
    head += _row([nodes.paragraph(text="Section"), nodes.paragraph(text="Score")])
    body = nodes.tbody()
    group += body
    for s in ev.score.sections:
        body += _row(
            [nodes.paragraph(text=s.title), nodes.paragraph(text=fmt_score(round2(s.score)))]
        )
    return table


def _findings(ev: Evaluation) -> nodes.container:
    box = nodes.container(classes=["playbook-assessment-findings"])
    if not ev.findings:
        box += nodes.paragraph(text="No findings: no pitfall detected.")
        return box
    for risk in RISK_ORDER:
        found = [f for f in ev.findings if f.risk.value == risk]
        if not found:
            continue
        items = nodes.bullet_list(classes=[f"playbook-findings-{risk}"])
        for f in found:
            item = nodes.list_item()
            p = nodes.paragraph()
            p += risk_badge(risk)
            p += nodes.Text(" ")
            p += nodes.strong(text=f.title)
            if f.status is Status.EXEMPTED and f.exemption is not None:
                p += nodes.Text(
                    f" (exempted until {f.exemption.expires.isoformat()}: "
                    f"{f.exemption.reason} — {f.exemption.owner})"
                )
            item += p
            advice = nodes.paragraph()
            advice += nodes.Text(f.advice + " See ")
            advice += pitfall_ref(f.pitfall)
            advice += nodes.Text(".")
            item += advice
            items += item
        box += items
    return box


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


class AssessmentOverviewDirective(_AnswersDirective):
    """``{assessment-overview} /examples``: every team (sub-directory) side by side."""

    def run(self) -> list[nodes.Node]:
        folder = self._path()
        if folder is None:
            return []
        if not folder.is_dir():
            warn(f"{self.arguments[0]!r} is not a directory", self.get_location(), "path")
            return []
        results: dict[str, dict[str, FileResult]] = {}
        checklists: dict[str, str] = {}
        for path in sorted(folder.glob("*/*.yaml")):
            result = run_check(self.env.app, path)
            self._depend(result, path)
            warn_diagnostics(result.diagnostics, "answers")
            if result.evaluation is None or not result.valid:
                continue
            ev = result.evaluation
            results.setdefault(ev.answers.team, {})[ev.checklist.id] = result
            checklists[ev.checklist.id] = ev.checklist.title
        if not results:
            return [nodes.paragraph(text="No assessments found.")]
        order = sorted(checklists)
        table = nodes.table(classes=["playbook-overview"])
        group = nodes.tgroup(cols=len(order) + 2)
        table += group
        for _ in range(len(order) + 2):
            group += nodes.colspec(colwidth=10)
        head = nodes.thead()
        group += head
        head += _row(
            [nodes.paragraph(text="Team")]
            + [nodes.paragraph(text=checklists[c]) for c in order]
            + [nodes.paragraph(text="Open findings")]
        )
        body = nodes.tbody()
        group += body
        for team in sorted(results):
            cells: list[nodes.Node] = [nodes.paragraph(text=team)]
            counts = dict.fromkeys(RISK_ORDER, 0)
            for cid in order:
                res = results[team].get(cid)
                if res is None or res.evaluation is None:
                    cells.append(nodes.paragraph(text="—"))
                    continue
                sc = res.evaluation.score
                cells.append(
                    nodes.paragraph(text=f"{fmt_score(round2(sc.overall))} ({sc.level or 'n/a'})")
                )
                for f in res.evaluation.findings:
                    if f.status is Status.OPEN:
                        counts[f.risk.value] += 1
            risk = nodes.paragraph()
            for r in RISK_ORDER:
                risk += risk_badge(r, f"{counts[r]} {r}")
                risk += nodes.Text(" ")
            cells.append(risk)
            body += _row(cells)
        box = nodes.container(classes=["playbook-overview-box"])
        box += table
        box += nodes.rubric(text="Section scores by checklist")
        box += _section_tabs(results, order, checklists)
        self.set_source_info(box)
        return [box]


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
        sections = next(iter(evaluations.values())).score.sections
        table = nodes.table(classes=["playbook-overview-sections"])
        group = nodes.tgroup(cols=len(sections) + 1)
        table += group
        for _ in range(len(sections) + 1):
            group += nodes.colspec(colwidth=10)
        head = nodes.thead()
        group += head
        head += _row(
            [nodes.paragraph(text="Team")] + [nodes.paragraph(text=s.title) for s in sections]
        )
        body = nodes.tbody()
        group += body
        for team, ev in evaluations.items():
            assert ev is not None
            scores = {s.id: s.score for s in ev.score.sections}
            body += _row(
                [nodes.paragraph(text=team)]
                + [nodes.paragraph(text=fmt_score(round2(scores.get(s.id)))) for s in sections]
            )
        label = nodes.rubric(titles[cid], nodes.Text(titles[cid]), classes=["sd-tab-label"])
        content = create_component("tab-content", children=[table], classes=["sd-tab-content"])
        tab_set += create_component("tab-item", children=[label, content], classes=["sd-tab-item"])
    return tab_set


def setup(app: Sphinx) -> None:
    app.add_directive("assessment", AssessmentDirective)
    app.add_directive("assessment-overview", AssessmentOverviewDirective)
