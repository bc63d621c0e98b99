"""The ``assessment`` and ``assessment-overview`` directives: a team's results in the site.

Every value that comes from an answers file (team name, notes, evidence) becomes docutils
``Text``, which the HTML writer escapes: nothing a team writes becomes live HTML.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.constants import RISKS
from checker.load.files import is_dir
from checker.model import Evaluation, FileResult, Status
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import round2
from checker.report.util import fmt_score
from checker.sphinx.common import (
    Cell,
    WarningType,
    checklist_dir,
    display_path,
    make_table,
    pitfall_ref,
    resolve_source_path,
    risk_badge,
    warn,
    warn_diagnostics,
)

RISK_ORDER = RISKS


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def run_check(app: Sphinx, path: Path) -> FileResult:
    """Check one answers file against the site's checklists."""
    registry = ChecklistRegistry([checklist_dir(app)])
    evidence_root = (Path(app.confdir) / app.config.playbook_evidence_root).resolve()
    options = CheckOptions(today=_today(app), evidence_root=evidence_root)
    return check_answers(path, registry, options, display=display_path(app, path))


class AnswersDirective(SphinxDirective):
    required_arguments = 1

    def _path(self) -> Path | None:
        path = resolve_source_path(self.env.app, self.env.docname, self.arguments[0])
        if path is None:
            warn(
                f"{self.arguments[0]!r} is outside the documentation sources; not reading it",
                self.get_location(),
                WarningType.PATH,
            )
        return path

    def _depend(self, result: FileResult, path: Path) -> None:
        self.env.note_dependency(str(path))
        if result.evaluation is not None:
            cpath = checklist_dir(self.env.app) / f"{result.evaluation.checklist.id}.yaml"
            self.env.note_dependency(str(cpath))


class AssessmentDirective(AnswersDirective):
    """``{assessment} /examples/team/checklist.yaml``: scores, findings and notes."""

    def run(self) -> list[nodes.Node]:
        path = self._path()
        if path is None:
            return []
        if not os.path.lexists(path) or is_dir(path):  # special files: the loader refuses them
            warn(
                f"answers file {self.arguments[0]!r} not found",
                self.get_location(),
                WarningType.PATH,
            )
            return []
        result = run_check(self.env.app, path)
        self._depend(result, path)
        warn_diagnostics(result.diagnostics, WarningType.ANSWERS)
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
    summary += nodes.Text(
        " points, maturity level " if score.unit == "points" else " of 100, maturity level "
    )
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
    if ev.answers.evidence:
        box += nodes.rubric(text="Evidence")
        box += _evidence(ev)
    costly = [c for c in score.costs if c.cost > 0][:5]
    if costly:
        box += nodes.rubric(text="Where the points went")
        lost = nodes.bullet_list()
        prompts = {q.id: q.prompt for q in cl.question_list()}
        for cost in costly:
            lost_item = nodes.list_item()
            lost_item += nodes.paragraph(
                text=f"{prompts[cost.question]} — {fmt_score(round2(cost.cost))} points"
            )
            lost += lost_item
        box += lost
    return box


def _evidence(ev: Evaluation) -> nodes.bullet_list:
    """Evidence per question: http(s) URLs (validated) as links, repository paths as text."""
    prompts = {q.id: q.prompt for q in ev.checklist.question_list()}
    items = nodes.bullet_list(classes=["playbook-evidence"])
    for qid, refs in sorted(ev.answers.evidence.items()):
        para = nodes.paragraph()
        para += nodes.Text(prompts.get(qid, qid) + ": ")
        for i, ref in enumerate(refs):
            if i:
                para += nodes.Text(", ")
            if ref.startswith(("https://", "http://")):
                para += nodes.reference(ref, ref, refuri=ref)
            else:
                para += nodes.literal(text=ref)
        item = nodes.list_item()
        item += para
        items += item
    return items


def _sections_table(ev: Evaluation) -> nodes.table:
    rows: list[list[Cell]] = [[s.title, fmt_score(round2(s.score))] for s in ev.score.sections]
    return make_table(["playbook-section-scores"], ["Section", "Score"], rows, [70, 30])


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


def setup(app: Sphinx) -> None:
    app.add_directive("assessment", AssessmentDirective)
