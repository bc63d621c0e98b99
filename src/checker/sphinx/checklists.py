"""The ``checklist`` directive: a checklist's sections, questions and findings.

Extension point for the browser form: the output is a container with class
``playbook-checklist`` and id ``playbook-checklist-<checklist id>``; the form script finds it
and the rules JSON exported for that checklist (see :mod:`checker.sphinx.form`).
"""

from __future__ import annotations

import os

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.conditions import describe
from checker.constants import ID_RE
from checker.diagnostics import CheckerError
from checker.load.files import is_dir
from checker.model import Checklist, Question
from checker.sphinx.common import (
    Cell,
    WarningType,
    checklist_path,
    display_path,
    load_cached_checklist,
    make_table,
    pitfall_ref,
    risk_badge,
    warn,
)
from checker.sphinx.data import PlaybookData
from checker.sphinx.form import form_placeholder

_ID = ID_RE
KIND_LABELS = {
    "yes-no": "yes / no",
    "choice": "one choice",
    "multi-choice": "any of the choices",
    "count": "a whole number",
    "number": "a number",
    "percent": "a percentage",
    "text": "free text",
}


class ChecklistDirective(SphinxDirective):
    """``{checklist} <id>``: render ``<playbook_checklist_dir>/<id>.yaml``, else the bundled
    checklist with that id."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        cid = self.arguments[0]
        if not _ID.fullmatch(cid):
            warn(
                f"checklist id {cid!r} is not kebab-case",
                self.get_location(),
                WarningType.CHECKLIST,
            )
            return []
        path = checklist_path(self.env.app, cid)
        if not os.path.lexists(path) or is_dir(path):  # special files: the loader refuses them
            warn(
                f"no checklist {cid!r} (looked for {display_path(self.env.app, path)} and "
                "among the checklists bundled with playbook-check)",
                self.get_location(),
                WarningType.CHECKLIST,
            )
            return []
        self.env.note_dependency(str(path))
        PlaybookData(self.env).add_target(
            f"checklist:{cid}", self.env.docname, f"playbook-checklist-{cid}"
        )
        loaded = load_cached_checklist(self.env.app, path)
        if isinstance(loaded, CheckerError):
            # The errors themselves are reported once, by the consistency check.
            para = nodes.paragraph(text=f"Checklist {cid!r} is invalid; see the build log.")
            return [para]
        return [render_checklist(loaded, self)]


def render_checklist(checklist: Checklist, directive: SphinxDirective) -> nodes.Node:
    box = nodes.container(
        classes=["playbook-checklist"], ids=[f"playbook-checklist-{checklist.id}"]
    )
    directive.set_source_info(box)
    meta = nodes.paragraph(classes=["playbook-checklist-meta"])
    meta += nodes.Text(
        f"Version {checklist.version_text} · "
        f"{len(checklist.question_list())} questions · "
        f"{len(checklist.findings)} findings · scoring: {_aggregate(checklist)}"
    )
    box += meta
    if checklist.summary:
        box += nodes.paragraph(text=checklist.summary)
    if checklist.applicability:
        who = nodes.paragraph(classes=["playbook-applicability"])
        who += nodes.strong(text="Who answers it: ")
        who += nodes.Text(checklist.applicability + " A team it does not apply to writes ")
        who += nodes.literal(text='not_applicable: "why"')
        who += nodes.Text(" in its answers file instead of answers, and is not scored.")
        box += who
    box += form_placeholder(checklist)  # where a reader looks first
    for section in checklist.sections:
        sec = nodes.container(
            classes=["playbook-section"], ids=[f"{checklist.id}-section-{section.id}"]
        )
        title = nodes.rubric(text=section.title, classes=["playbook-section-title"])
        sec += title
        if section.summary:
            sec += nodes.paragraph(text=section.summary)
        items = nodes.enumerated_list(classes=["playbook-questions"])
        for q in section.questions:
            items += _question(q, checklist.id)
        sec += items
        box += sec
    box += nodes.rubric(text="What the checklist detects")
    box += _findings(checklist)
    box += nodes.rubric(text="Maturity levels")
    levels = nodes.bullet_list()
    for i, level in enumerate(checklist.scoring.levels):
        item = nodes.list_item()
        p = nodes.paragraph()
        p += nodes.strong(text=level.name)
        p += nodes.Text(
            f": overall score {_band(checklist, i)}"
            + (f" — {level.summary}" if level.summary else "")
        )
        if checklist.scoring.strict(i):
            p += nodes.Text(" Not given while a high-risk finding is open (the level rule).")
        item += p
        levels += item
    box += levels
    return box


def _band(checklist: Checklist, index: int) -> str:
    """The scores a level holds, in words: ``40 to below 75``, ``above 3 up to 5``."""
    levels = checklist.scoring.levels
    level = levels[index]
    previous = levels[index - 1] if index else None
    if previous is None:
        start = "up to" if level.at_most is not None else "below"
        return f"{start} {level.bound:g}" if level.bound is not None else "any"
    low = previous.bound if previous.bound is not None else 0.0
    start = f"{low:g}" if previous.below is not None else f"above {low:g}"
    if level.below is not None:
        return f"{start} to below {level.below:g}"
    if level.at_most is not None:
        return f"{start} up to {level.at_most:g}"
    return f"{start} and above" if previous.below is not None else start


def _aggregate(checklist: Checklist) -> str:
    return {
        "weighted": "weighted mean of sections",
        "mean": "mean of sections",
        "min": "weakest section",
    }[checklist.scoring.aggregate]


def _question(q: Question, cid: str) -> nodes.list_item:
    item = nodes.list_item(classes=["playbook-question"], ids=[f"{cid}-q-{q.id}"])
    p = nodes.paragraph()
    p += nodes.strong(text=q.prompt)
    item += p
    if q.help:
        item += nodes.paragraph(text=q.help, classes=["playbook-help"])
    details = nodes.paragraph(classes=["playbook-question-meta"])
    details += nodes.literal(text=q.id)
    details += nodes.Text(f" · answer: {KIND_LABELS[q.kind]}")
    if not q.required:
        details += nodes.Text(" · optional")
    if q.scores:
        details += nodes.Text(f" · up to {q.max_points:g} point(s)")
    if q.show_if is not None:
        details += nodes.Text(f" · asked only when {describe(q.show_if)}")
    item += details
    if q.choices:
        choices = nodes.bullet_list(classes=["playbook-choices"])
        for choice in q.choices:
            ci = nodes.list_item()
            cp = nodes.paragraph()
            cp += nodes.Text(choice.label)
            if isinstance(q.points, dict) and choice.id in q.points:
                cp += nodes.Text(f" ({q.points[choice.id]:g} pt)")
            ci += cp
            choices += ci
        item += choices
    if q.pitfalls:
        rel = nodes.paragraph(classes=["playbook-related"])
        rel += nodes.Text("Related: ")
        for i, pid in enumerate(q.pitfalls):
            if i:
                rel += nodes.Text(", ")
            rel += pitfall_ref(pid)
        item += rel
    return item


def _findings(checklist: Checklist) -> nodes.Node:
    rows: list[list[Cell]] = []
    for rule in checklist.findings:
        advice = nodes.paragraph()
        advice += pitfall_ref(rule.pitfall, f"{checklist.path}:{rule.pitfall_position.line}")
        advice += nodes.Text(": " + rule.advice)
        when = nodes.paragraph()
        when += nodes.literal(text=describe(rule.when))
        risk = nodes.paragraph()
        risk += risk_badge(rule.risk.value)
        rows.append([rule.title, risk, when, advice])
    header: list[Cell] = ["Finding", "Risk", "Fires when", "Pitfall and advice"]
    return make_table(["playbook-findings"], header, rows, [25, 10, 30, 35])


def setup(app: Sphinx) -> None:
    app.add_directive("checklist", ChecklistDirective)
