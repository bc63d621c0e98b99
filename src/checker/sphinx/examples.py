"""The ``checked-example`` directive: a page's example, run through the real engine at build time.

A pitfall page illustrates its pitfall, and a page that recommends a shape shows it; the directive
renders the example with the verdict ``playbook-check`` gives it, and warns (failing a ``-W``
build) when the two disagree::

    :::{checked-example} Four MLOps engineers serve nine science teams by ticket
    :checklist: team-shape
    :illustrates: central-mlops-bottleneck

    scientists: 4
    ml-engineers: 0
    path-to-production: other-team
    teams-served: 9
    :::

The content is an answers excerpt (the ``answers`` mapping of an answers file) for the
``:checklist:``, or, with ``:topology:``, a topology file or excerpt (``topology: 1`` and
``organisation`` are added when missing); ``:file:`` reads the YAML from a file instead.
``:illustrates: PITFALL`` requires an open finding for that pitfall; ``:recommended:`` requires no
open finding at all, because every finding's advice asks the team to change the shape the page
recommends (that is what "contradicts" means; see docs/reference/sphinx.md). An excerpt need not
answer every question: unanswered questions are unknown, and raise nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.constants import ID_RE, MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import read_bounded
from checker.model import Finding, Status
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.sphinx.common import (
    WarningType,
    checklist_dir,
    display_path,
    load_cached_checklist,
    pitfall_ref,
    resolve_source_path,
    risk_badge,
    warn,
)
from checker.topology.check import evaluate as evaluate_topology
from checker.topology.load import load_topology_text

UNANSWERED = "PC405"
"""An excerpt answers only what it needs to: unanswered questions are not a problem here."""


class Verdict:
    """What the engine says about one example: its open findings and problems with it."""

    def __init__(
        self,
        source: str,
        findings: Sequence[Finding],
        problems: Sequence[tuple[int, str]],
        *,
        valid: bool,
        level: str | None = None,
    ) -> None:
        self.source = source  # "team-shape 3.0.0" or "topology"
        self.findings = [f for f in findings if f.status is Status.OPEN]
        self.problems = list(problems)  # (line in the checked YAML text, message)
        self.valid = valid
        self.level = level


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _problem(d: Diagnostic) -> tuple[int, str]:
    hint = f" (hint: {d.hint})" if d.hint else ""
    return d.line, f"{d.severity.value}: {d.message} [{d.code}]{hint}"


def check_answers_excerpt(
    app: Sphinx, checklist_id: str, title: str, excerpt: str, page: Path
) -> tuple[Verdict, int]:
    """The verdict on an answers excerpt, and how many lines precede it in the checked text."""
    loaded = load_cached_checklist(app, checklist_dir(app) / f"{checklist_id}.yaml")
    if isinstance(loaded, CheckerError):
        problem = (0, f"checklist {checklist_id!r}: {loaded.diagnostics[0].message}")
        return Verdict(checklist_id, [], [problem], valid=False), 0
    major, minor, _ = loaded.version
    header = [
        f"checklist: {checklist_id}@{major}.{minor}",
        f"team: {json.dumps(title)}",
        "answers:",
    ]
    body = [f"  {line}" if line.strip() else "" for line in excerpt.splitlines()]
    if not any(line.strip() for line in body):
        header[-1] = "answers: {}"
    text = "\n".join(header + body) + "\n"
    registry = ChecklistRegistry([checklist_dir(app)])
    options = CheckOptions(today=_today(app), allow_incomplete=True)
    result = check_answers(page, registry, options, display=str(page), source=text.encode())
    problems = [_problem(d) for d in result.diagnostics if d.code != UNANSWERED]
    ev = result.evaluation
    source = f"{checklist_id} {loaded.version_text}"
    if ev is None or not result.valid:
        return Verdict(source, [], problems, valid=False), len(header)
    complete = not any(d.code == UNANSWERED for d in result.diagnostics)
    level = ev.score.level if complete else None
    return Verdict(source, ev.findings, problems, valid=True, level=level), len(header)


def check_topology_excerpt(
    app: Sphinx, title: str, excerpt: str, source: Path
) -> tuple[Verdict, int]:
    """The verdict on a topology file or excerpt (``topology: 1`` and ``organisation`` are
    added when it has none), and how many lines were added before it. ``source`` is the page or
    the file it comes from (answers files it names are relative to its folder)."""
    header = []
    if not re.search(r"^topology\s*:", excerpt, re.M):
        header.append("topology: 1")
    if not re.search(r"^organisation\s*:", excerpt, re.M):
        header.append(f"organisation: {json.dumps(title)}")
    text = "\n".join([*header, excerpt]) + "\n"
    today = _today(app)
    # Answers files are read only from the documentation sources, as for {topology} (PC712).
    sources = Path(app.srcdir).resolve()
    org, diagnostics = load_topology_text(
        text, str(source), base=source.parent, today=today, root=sources
    )
    result = evaluate_topology(org, str(source), diagnostics, today)
    problems = [_problem(d) for d in result.diagnostics]
    findings = result.findings if result.valid else []
    return Verdict("topology", findings, problems, valid=result.valid), len(header)


def disagreements(verdict: Verdict, illustrates: str | None) -> list[str]:
    """How the verdict contradicts the page: an illustration that raises no finding for its
    pitfall, or a recommended shape (``illustrates`` is None) that raises any finding."""
    if illustrates is not None:
        if any(f.pitfall == illustrates for f in verdict.findings):
            return []
        raised = ", ".join(f"{f.id} ({f.pitfall})" for f in verdict.findings) or "nothing"
        return [
            f"it illustrates pitfall {illustrates!r}, but {verdict.source} raises no finding "
            f"for it (it raises: {raised})"
        ]
    return [
        f"it is a recommended shape, but {verdict.source} raises {f.risk.value}-risk finding "
        f"{f.id!r} ({f.title}), which contradicts it"
        for f in verdict.findings
    ]


class CheckedExampleDirective(SphinxDirective):
    """``{checked-example} TITLE``: an answers or topology excerpt, checked and rendered."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "checklist": directives.unchanged_required,
        "topology": directives.flag,
        "illustrates": directives.unchanged_required,
        "recommended": directives.flag,
        "file": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0]
        problem = self._option_problem()
        if problem:
            warn(f"checked-example {title!r}: {problem}", self.get_location(), WarningType.EXAMPLE)
            return []
        found = self._excerpt()
        if found is None:
            return []
        excerpt, where, source = found
        page = Path(self.env.doc2path(self.env.docname))
        illustrates = self.options.get("illustrates")
        if "topology" in self.options:
            verdict, added = check_topology_excerpt(self.env.app, title, excerpt, source)
        else:
            cid = self.options["checklist"]
            self.env.note_dependency(str(checklist_dir(self.env.app) / f"{cid}.yaml"))
            verdict, added = check_answers_excerpt(self.env.app, cid, title, excerpt, page)
        for line, message in verdict.problems:
            at = where(line - added) if line > added else self.get_location()
            warn(f"example {title!r}: {message}", at, WarningType.EXAMPLE)
        if verdict.valid:
            for message in disagreements(verdict, illustrates):
                warn(f"example {title!r}: {message} [PC318]", where(1), WarningType.EXAMPLE)
        return [self._render(title, excerpt, verdict, illustrates)]

    def _option_problem(self) -> str:
        if ("checklist" in self.options) == ("topology" in self.options):
            return "give exactly one of :checklist: ID (an answers excerpt) and :topology:"
        if ("illustrates" in self.options) == ("recommended" in self.options):
            return "give exactly one of :illustrates: PITFALL and :recommended:"
        for key in ("checklist", "illustrates"):
            if key in self.options and not ID_RE.fullmatch(self.options[key]):
                return f":{key}: {self.options[key]!r} is not a kebab-case id"
        if "file" in self.options and self.content:
            return "give the YAML either as content or with :file:, not both"
        return ""

    def _excerpt(self) -> tuple[str, Callable[[int], str], Path] | None:
        """The YAML, where each of its lines (1-based) is, and the file it is in: the page, or
        the ``:file:``."""
        if "file" not in self.options:
            doc = Path(self.env.doc2path(self.env.docname))
            page = display_path(self.env.app, doc)
            first = self._first_content_line()
            return "\n".join(self.content), lambda line: f"{page}:{first + line - 1}", doc
        path = resolve_source_path(self.env.app, self.env.docname, self.options["file"])
        if path is None or not os.path.lexists(path):
            warn(
                f"checked-example file {self.options['file']!r} not found in the sources",
                self.get_location(),
                WarningType.PATH,
            )
            return None
        self.env.note_dependency(str(path))
        shown = display_path(self.env.app, path)
        try:  # bounded and non-blocking: a FIFO or a device is refused, with its reason
            text = read_bounded(path, display=shown, max_bytes=MAX_BYTES).decode("utf-8")
        except (CheckerError, UnicodeDecodeError) as exc:
            reason = exc.diagnostics[0].message if isinstance(exc, CheckerError) else "not UTF-8"
            warn(f"checked-example file {shown}: {reason}", self.get_location(), WarningType.PATH)
            return None
        return text, lambda line: f"{shown}:{line}", path

    def _first_content_line(self) -> int:
        """The page line of the content's first line: docutils gives ``content_offset`` as the
        content's 0-based line in the page, MyST as its offset from the directive's line."""
        if type(self.state_machine).__module__.startswith("myst_parser"):
            return self.lineno + self.content_offset + 1
        return self.content_offset + 1

    def _render(
        self, title: str, excerpt: str, verdict: Verdict, illustrates: str | None
    ) -> nodes.Node:
        kind = "illustration" if illustrates else "recommended"
        box = nodes.container(classes=["playbook-example", f"playbook-example-{kind}"])
        self.set_source_info(box)
        head = nodes.paragraph(classes=["playbook-example-title"])
        head += nodes.strong(text=f"Example: {title}")
        head += nodes.Text(" — ")
        if illustrates:
            head += nodes.Text("an illustration of ")
            head += pitfall_ref(illustrates)
        else:
            head += nodes.Text("a shape this page recommends")
        box += head
        what = "topology" if "topology" in self.options else f"answers to {verdict.source}"
        if "file" in self.options:  # a whole file, usually drawn or shown elsewhere on the page
            para = nodes.paragraph(classes=["playbook-example-what"])
            para += nodes.Text(f"The example is the {what} file ")
            para += nodes.literal(text=self.options["file"])
            para += nodes.Text(".")
            box += para
        else:
            box += nodes.paragraph(
                text=f"The example, as {what}:", classes=["playbook-example-what"]
            )
            box += nodes.literal_block(excerpt, excerpt, language="yaml")
        said = nodes.paragraph(classes=["playbook-example-verdict"])
        said += nodes.strong(text="What playbook-check says: ")
        if not verdict.valid:
            said += nodes.Text("the example is invalid; see the build log.")
            box += said
            return box
        n = len(verdict.findings)
        said += nodes.Text("no finding." if not n else f"{n} open finding{'' if n == 1 else 's'}:")
        if verdict.level is not None:
            said += nodes.Text(f" Maturity level: {verdict.level}.")
        box += said
        if verdict.findings:
            items = nodes.bullet_list(classes=["playbook-example-findings"])
            for f in verdict.findings:
                para = nodes.paragraph()
                para += risk_badge(f.risk.value)
                para += nodes.Text(f" {f.title} ")
                para += nodes.literal(text=f.id)
                para += nodes.Text(" — ")
                para += pitfall_ref(f.pitfall)
                item = nodes.list_item()
                item += para
                items += item
            box += items
        return box


def setup(app: Sphinx) -> None:
    app.add_directive("checked-example", CheckedExampleDirective)


__all__ = ["CheckedExampleDirective", "Verdict", "disagreements"]
