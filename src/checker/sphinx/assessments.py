"""The ``assessment`` and ``assessment-overview`` directives: a team's results in the site.

Every value that comes from an answers file (team name, notes, evidence) becomes docutils
``Text``, which the HTML writer escapes: nothing a team writes becomes live HTML.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.constants import RISKS
from checker.diagnostics import CheckerError
from checker.load.files import is_dir
from checker.model import FileResult, Status
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import file_entry
from checker.report.types import FileEntry, FindingEntry
from checker.report.util import (
    fmt_score,
    in_points,
    level_text,
    open_findings,
    overall_maximum,
    section_best,
)
from checker.sphinx import charts
from checker.sphinx.common import (
    WarningType,
    checklist_dirs,
    checklist_path,
    display_path,
    html_id,
    page_link,
    pitfall_ref,
    resolve_source_path,
    risk_badge,
    unique_id,
    warn,
    warn_diagnostics,
)
from checker.sphinx.data import PlaybookData
from checker.sphinx.teams import report_entries
from checker.validate.answers import is_evidence_url


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def evidence_root(app: Sphinx) -> Path:
    """The directory evidence paths are relative to (``playbook_evidence_root``)."""
    root: str = app.config.playbook_evidence_root
    return (Path(app.confdir) / root).resolve()


def run_check(app: Sphinx, path: Path) -> FileResult:
    """Check one answers file against the site's checklists."""
    registry = ChecklistRegistry(checklist_dirs(app))
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
            self._depend_on_checklist(result.evaluation.checklist.id)

    def _depend_on_checklist(self, checklist_id: str) -> None:
        """Re-read the page when the checklist's file changes."""
        self.env.note_dependency(str(checklist_path(self.env.app, checklist_id)))


class AssessmentDirective(AnswersDirective):
    """``{assessment} /examples/team/checklist.yaml``: scores, findings and notes, rendered from
    the file's entry in the report document (:func:`checker.report.document.file_entry`), as
    every CLI format is. A JSON report (``playbook-check report --format json``) renders each
    valid assessment it holds, exactly as the answers file it was written from would."""

    def run(self) -> list[nodes.Node]:
        path = self._path()
        if path is None:
            return []
        if not os.path.lexists(path) or is_dir(path):  # special files: the loader refuses them
            warn(
                f"{'report' if path.suffix == '.json' else 'answers file'} "
                f"{self.arguments[0]!r} not found",
                self.get_location(),
                WarningType.PATH,
            )
            return []
        if path.suffix == ".json":
            return self._report(path)
        result = run_check(self.env.app, path)
        self._depend(result, path)
        warn_diagnostics(result.diagnostics, WarningType.ANSWERS)
        if result.evaluation is None or not result.valid:
            return [nodes.paragraph(text=f"{result.path} is invalid; see the build log.")]
        prompts = {q.id: q.prompt for q in result.evaluation.checklist.question_list()}
        return [self._box(file_entry(result), prompts, path.parent, result.path)]

    def _report(self, path: Path) -> list[nodes.Node]:
        """Every valid answers entry of a JSON report, each named after the report."""
        app = self.env.app
        self.env.note_dependency(str(path))
        display = display_path(app, path)
        entries, diagnostics = report_entries(path, display)
        warn_diagnostics(diagnostics, WarningType.REPORT)
        entries = [(e, line) for e, line in entries if e.get("kind", "answers") == "answers"]
        if not entries:
            if not any(d.severity.value == "error" for d in diagnostics):
                warn(
                    f"report {self.arguments[0]!r} holds no valid assessment of an answers file",
                    self.get_location(),
                    WarningType.REPORT,
                )
            return [nodes.paragraph(text=f"{display} holds no valid assessment; see the log.")]
        registry = ChecklistRegistry(checklist_dirs(app))
        out: list[nodes.Node] = []
        for entry, _line in entries:
            cid = entry["checklist"]["id"]
            try:
                checklist = registry.get(cid)
            except CheckerError:
                checklist = None  # the checklist's own page reports it
            if checklist is not None:
                self._depend_on_checklist(cid)
            prompts = {q.id: q.prompt for q in checklist.question_list()} if checklist else {}
            out.append(self._box(entry, prompts, None, entry["file"]))
        return out

    def _box(
        self, entry: FileEntry, prompts: Mapping[str, str], folder: Path | None, name: str
    ) -> nodes.section:
        """The rendered entry, with an anchor unique in the page; ``folder`` is the team's
        folder (an answers file's), whose pages a topology drawing links to."""
        unique = unique_id(self.env, assessment_anchor(entry))
        box = render_assessment(entry, prompts, unique)
        data = PlaybookData(self.env)
        if folder is not None:
            data.add_target(f"team:{display_path(self.env.app, folder)}", self.env.docname, "")
        data.add_target(f"assessment:{name}", self.env.docname, unique)
        self.set_source_info(box)
        return box


def _heading(title: str, anchor: str, classes: list[str] | None = None) -> nodes.section:
    sec = nodes.section(ids=[anchor], names=[anchor], classes=classes or [])
    sec += nodes.title(title, title)
    return sec


def assessment_anchor(entry: FileEntry) -> str:
    """``assessment-<checklist>[-<date assessed>]``: the section id of an assessment, plain
    whatever the entry holds (:func:`~checker.sphinx.common.html_id`)."""
    return html_id("assessment", entry["checklist"]["id"], entry["assessed"])


def render_assessment(
    entry: FileEntry, prompts: Mapping[str, str], anchor: str | None = None
) -> nodes.section:
    """A valid file's report entry as a section headed by the checklist's title, with
    sub-sections (real headings) for the scores, findings, notes, evidence and lost points.
    ``prompts`` names questions by their checklist prompt; ``anchor`` is the section's id
    (default :func:`assessment_anchor`). Team text is never smart-quoted."""
    cl, score, team = entry["checklist"], entry["score"], entry["team"]
    assessed = entry["assessed"]
    stem = anchor or assessment_anchor(entry)
    box = _heading(cl["title"], stem, ["playbook-assessment"])
    box["support_smartquotes"] = False
    who = nodes.paragraph(classes=["playbook-assessment-team"])
    who += nodes.Text(f"{team}, with the ")
    who += page_link(f"checklist:{cl['id']}", f"{cl['title']} checklist")
    who += nodes.Text(".")
    box += who
    if "not_applicable" in entry:
        para = nodes.paragraph(classes=["playbook-score", "playbook-not-applicable"])
        para += nodes.Text("Does not apply to this team: ")
        para += nodes.emphasis(text=entry["not_applicable"])
        para += nodes.Text(
            f" (checklist {cl['id']} {cl['version']}, answered against {entry['answered_version']}"
            + (f", assessed {assessed}" if assessed else "")
            + ")."
        )
        box += para
        return box
    summary = nodes.paragraph(classes=["playbook-score"])
    summary += nodes.Text("Overall score ")
    summary += nodes.strong(text=fmt_score(score["overall"]))
    points = in_points(score)
    summary += nodes.Text(f" of {fmt_score(overall_maximum(score))}{' points' if points else ''}")
    summary += nodes.Text(", maturity level ")
    summary += nodes.strong(text=score["level"] or "n/a")
    if score.get("capped"):
        summary += nodes.Text(level_text(score).removeprefix(str(score["level"])))
    summary += nodes.Text(
        f" (checklist {cl['id']} {cl['version']}, answered against {entry['answered_version']}"
        + (f", assessed {assessed}" if assessed else "")
        + ")."
    )
    box += summary
    scores = _heading("Section scores", f"{stem}-scores")
    scores += charts.section_bars(
        f"{stem}-chart",
        f"{cl['title']}: section scores of {team}",
        [(s["title"], s["score"], section_best(s) if points else None) for s in score["sections"]],
    )
    box += scores
    findings = _heading("Findings", f"{stem}-findings")
    findings += findings_box(entry["findings"])
    box += findings
    if entry["notes"]:
        box += (notes_sec := _heading("The team's notes", f"{stem}-notes"))
        notes = nodes.definition_list(classes=["playbook-notes"])
        for qid, text in sorted(entry["notes"].items()):
            item = nodes.definition_list_item()
            item += nodes.term(text=prompts.get(qid, qid))
            definition = nodes.definition()
            definition += nodes.paragraph(text=text)
            item += definition
            notes += item
        notes_sec += notes
    if entry.get("evidence"):
        box += (evidence := _heading("Evidence", f"{stem}-evidence"))
        evidence += _evidence(entry["evidence"], prompts)
    costly = [c for c in score["costs"] if c["cost"] > 0][:5]
    if costly:
        box += (lost_sec := _heading("Where the points went", f"{stem}-lost"))
        lost = nodes.bullet_list()
        for cost in costly:
            lost_item = nodes.list_item()
            prompt = prompts.get(cost["question"], cost["question"])
            lost_item += nodes.paragraph(text=f"{prompt} — {fmt_score(cost['cost'])} points")
            lost += lost_item
        lost_sec += lost
    return box


def _evidence(
    evidence: Mapping[str, Sequence[str]], prompts: Mapping[str, str]
) -> nodes.bullet_list:
    """Evidence per question: usable http(s) URLs as links (a JSON report's evidence was not
    checked when read), anything else as text."""
    items = nodes.bullet_list(classes=["playbook-evidence"])
    for qid, refs in sorted(evidence.items()):
        para = nodes.paragraph()
        para += nodes.Text(prompts.get(qid, qid) + ": ")
        for i, ref in enumerate(refs):
            if i:
                para += nodes.Text(", ")
            if is_evidence_url(ref):
                para += nodes.reference(ref, ref, refuri=ref)
            else:
                para += nodes.literal(text=ref)
        item = nodes.list_item()
        item += para
        items += item
    return items


def findings_box(findings: Sequence[FindingEntry]) -> nodes.container:
    """Findings (report-document entries, :func:`checker.report.document.finding_entry`)
    by risk, each with its exemption, advice and pitfall link."""
    box = nodes.container(classes=["playbook-assessment-findings"])
    if not findings:
        box += nodes.paragraph(text="No findings: no pitfall detected.")
        return box
    for risk in RISKS:
        found = [f for f in findings if f["risk"] == risk]
        if not found:
            continue
        items = nodes.bullet_list(classes=[f"playbook-findings-{risk}"])
        for f in found:
            item = nodes.list_item()
            p = nodes.paragraph()
            p += risk_badge(risk)
            p += nodes.Text(" ")
            p += nodes.strong(text=f["title"])
            exemption = f["exemption"]
            if f["status"] == Status.EXEMPTED.value and exemption is not None:
                p += nodes.Text(
                    f" (exempted until {exemption['expires']}: "
                    f"{exemption['reason']} — {exemption['owner']})"
                )
            item += p
            advice = nodes.paragraph()
            advice += nodes.Text(f["advice"] + " See ")
            advice += pitfall_ref(f["pitfall"])
            advice += nodes.Text(".")
            item += advice
            items += item
        box += items
    return box


class AssessmentTrendDirective(AnswersDirective):
    """``{assessment-trend} /examples/team``: for each checklist the folder (and its
    ``history/`` sub-folder) holds several dated assessments of, in answers files or JSON
    reports (``playbook-check report --format json``), a chart of the overall score and open
    findings over time. One point a date: a second assessment of a checklist for a date it
    already has is left out with a located warning (PC603), never silently."""

    def run(self) -> list[nodes.Node]:
        folder = self._path()
        if folder is None:
            return []
        if not folder.is_dir():
            warn(f"{self.arguments[0]!r} is not a directory", self.get_location(), WarningType.PATH)
            return []
        app = self.env.app
        found: list[tuple[FileEntry, str, int]] = []  # entry, file, line
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("history/*.yaml")]):
            result = run_check(app, path)
            self._depend(result, path)
            warn_diagnostics(result.diagnostics, WarningType.ANSWERS)
            if result.evaluation is not None and result.valid:
                line = result.evaluation.answers.team_position.line
                found.append((file_entry(result), result.path, line))
        for path in sorted([*folder.glob("*.json"), *folder.glob("history/*.json")]):
            self.env.note_dependency(str(path))
            entries, diagnostics = report_entries(path, display_path(app, path))
            warn_diagnostics(diagnostics, WarningType.REPORT)
            found += [
                (e, display_path(app, path), line)
                for e, line in entries
                if e.get("kind", "answers") == "answers"
            ]
        by_checklist: dict[str, dict[str, tuple[FileEntry, str]]] = {}
        for entry, source, line in found:
            if not entry["assessed"]:
                continue
            dated = by_checklist.setdefault(entry["checklist"]["id"], {})
            first = dated.get(entry["assessed"])
            if first is not None:
                warn(
                    f"a second {entry['checklist']['id']!r} assessment of {entry['team']!r} "
                    f"for {entry['assessed']} (the first: {first[1]}); it is left out of the "
                    "trend [PC603] (hint: keep one assessment per checklist and date)",
                    f"{source}:{line}",
                    WarningType.OVERVIEW,
                )
                continue
            dated[entry["assessed"]] = (entry, source)
        out: list[nodes.Node] = []
        for cid, by_date in sorted(by_checklist.items()):
            dated_entries = [e for _, (e, _s) in sorted(by_date.items())]
            if len(dated_entries) < 2:
                continue
            title = (
                f"{dated_entries[-1]['checklist']['title']}: {dated_entries[-1]['team']} over time"
            )
            points = [
                (e["assessed"], e["score"]["overall"], open_findings(e["counts"]))
                for e in dated_entries
            ]
            points_best = (
                max(overall_maximum(e["score"]) for e in dated_entries)
                if in_points(dated_entries[-1]["score"])
                else None
            )
            prefix = unique_id(self.env, html_id("trend", cid))
            out.append(charts.trend(prefix, title, points, points_best))
        if not out:
            return [nodes.paragraph(text="No checklist has been assessed more than once yet.")]
        return out


def setup(app: Sphinx) -> None:
    app.add_directive("assessment", AssessmentDirective)
    app.add_directive("assessment-trend", AssessmentTrendDirective)
