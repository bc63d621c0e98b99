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
from checker.model import Evaluation, FileResult, Finding, Status
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import round2
from checker.report.util import fmt_score
from checker.sphinx import charts
from checker.sphinx.common import (
    WarningType,
    checklist_dir,
    display_path,
    page_link,
    pitfall_ref,
    resolve_source_path,
    risk_badge,
    warn,
    warn_diagnostics,
)
from checker.sphinx.data import PlaybookData

RISK_ORDER = RISKS


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def evidence_root(app: Sphinx) -> Path:
    """The directory evidence paths are relative to (``playbook_evidence_root``)."""
    root: str = app.config.playbook_evidence_root
    return (Path(app.confdir) / root).resolve()


def run_check(app: Sphinx, path: Path) -> FileResult:
    """Check one answers file against the site's checklists."""
    registry = ChecklistRegistry([checklist_dir(app)])
    options = CheckOptions(today=_today(app), evidence_root=evidence_root(app))
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
        data = PlaybookData(self.env)
        folder = display_path(self.env.app, path.parent)
        data.add_target(f"team:{folder}", self.env.docname, "")
        data.add_target(f"assessment:{result.path}", self.env.docname, box["ids"][0])
        self.set_source_info(box)
        return [box]


def _heading(title: str, anchor: str, classes: list[str] | None = None) -> nodes.section:
    sec = nodes.section(ids=[anchor], names=[anchor], classes=classes or [])
    sec += nodes.title(title, title)
    return sec


def render_assessment(ev: Evaluation) -> nodes.section:
    """A section headed by the checklist's title, with sub-sections (real headings) for the
    scores, findings, notes, evidence and lost points. Team text is never smart-quoted."""
    cl, score = ev.checklist, ev.score
    stem = f"assessment-{cl.id}" + (f"-{ev.answers.assessed}" if ev.answers.assessed else "")
    box = _heading(cl.title, stem, ["playbook-assessment"])
    box["support_smartquotes"] = False
    who = nodes.paragraph(classes=["playbook-assessment-team"])
    who += nodes.Text(f"{ev.answers.team}, with the ")
    who += page_link(f"checklist:{cl.id}", f"{cl.title} checklist")
    who += nodes.Text(".")
    box += who
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
    scores = _heading("Section scores", f"{stem}-scores")
    scores += charts.section_bars(
        f"{stem}-chart",
        f"{cl.title}: section scores of {ev.answers.team}",
        [(s.title, round2(s.score)) for s in score.sections],
    )
    box += scores
    findings = _heading("Findings", f"{stem}-findings")
    findings += _findings(ev)
    box += findings
    if ev.answers.notes:
        box += (notes_sec := _heading("The team's notes", f"{stem}-notes"))
        notes = nodes.definition_list(classes=["playbook-notes"])
        prompts = {q.id: q.prompt for q in cl.question_list()}
        for qid, text in sorted(ev.answers.notes.items()):
            item = nodes.definition_list_item()
            item += nodes.term(text=prompts.get(qid, qid))
            definition = nodes.definition()
            definition += nodes.paragraph(text=text)
            item += definition
            notes += item
        notes_sec += notes
    if ev.answers.evidence:
        box += (evidence := _heading("Evidence", f"{stem}-evidence"))
        evidence += _evidence(ev)
    costly = [c for c in score.costs if c.cost > 0][:5]
    if costly:
        box += (lost_sec := _heading("Where the points went", f"{stem}-lost"))
        lost = nodes.bullet_list()
        prompts = {q.id: q.prompt for q in cl.question_list()}
        for cost in costly:
            lost_item = nodes.list_item()
            lost_item += nodes.paragraph(
                text=f"{prompts[cost.question]} — {fmt_score(round2(cost.cost))} points"
            )
            lost += lost_item
        lost_sec += lost
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


def _findings(ev: Evaluation) -> nodes.container:
    return findings_box(ev.findings)


def findings_box(findings: list[Finding]) -> nodes.container:
    """Findings by risk, each with its exemption, advice and pitfall link."""
    box = nodes.container(classes=["playbook-assessment-findings"])
    if not findings:
        box += nodes.paragraph(text="No findings: no pitfall detected.")
        return box
    for risk in RISK_ORDER:
        found = [f for f in findings if f.risk.value == risk]
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


class AssessmentTrendDirective(AnswersDirective):
    """``{assessment-trend} /examples/team``: for each checklist the folder (and its
    ``history/`` sub-folder) holds several dated assessments of, a chart of the overall score
    and open findings over time."""

    def run(self) -> list[nodes.Node]:
        folder = self._path()
        if folder is None:
            return []
        if not folder.is_dir():
            warn(f"{self.arguments[0]!r} is not a directory", self.get_location(), WarningType.PATH)
            return []
        by_checklist: dict[str, list[Evaluation]] = {}
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("history/*.yaml")]):
            result = run_check(self.env.app, path)
            self._depend(result, path)
            warn_diagnostics(result.diagnostics, WarningType.ANSWERS)
            if (
                result.evaluation is not None
                and result.valid
                and result.evaluation.answers.assessed
            ):
                by_checklist.setdefault(result.evaluation.checklist.id, []).append(
                    result.evaluation
                )
        out: list[nodes.Node] = []
        for cid, evs in sorted(by_checklist.items()):
            dated = sorted(
                {e.answers.assessed: e for e in evs}.values(), key=lambda e: e.answers.assessed
            )
            if len(dated) < 2:
                continue
            title = f"{dated[-1].checklist.title}: {dated[-1].answers.team} over time"
            points = [
                (
                    e.answers.assessed,
                    round2(e.score.overall),
                    sum(1 for f in e.findings if f.status is Status.OPEN),
                )
                for e in dated
            ]
            out.append(charts.trend(f"trend-{cid}", title, points))
        if not out:
            return [nodes.paragraph(text="No checklist has been assessed more than once yet.")]
        return out


def setup(app: Sphinx) -> None:
    app.add_directive("assessment", AssessmentDirective)
    app.add_directive("assessment-trend", AssessmentTrendDirective)
