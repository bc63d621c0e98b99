"""Pitfalls: the ``pitfall`` directive and role, the ``pitfall-index`` directive, and the late
resolution of every pitfall reference (from pages, checklists and assessments)."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole

from checker.constants import ID_RE
from checker.diagnostics import CheckerError
from checker.model import Risk
from checker.sphinx.common import (
    Cell,
    WarningType,
    all_checklists,
    checklist_paths,
    load_cached_checklist,
    make_table,
    pitfall_ref,
    pitfall_reference,
    risk_badge,
    warn,
    warn_diagnostics,
)
from checker.sphinx.data import PitfallEntry, PlaybookData

_ID = ID_RE


class pitfall_index(nodes.General, nodes.Element):
    """Placeholder filled with every pitfall once all pages have been read."""


class pitfall_detectors(nodes.General, nodes.Element):
    """Placeholder filled with the checklist findings that detect one pitfall."""


def _risk(value: str) -> str:
    return directives.choice(value, [r.value for r in Risk])


class PitfallDirective(SphinxDirective):
    """Define a pitfall: ``:::{pitfall} id`` with ``:title:``, ``:risk:``, ``:summary:``."""

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "title": directives.unchanged_required,
        "risk": _risk,
        "summary": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        pid = self.arguments[0]
        if not _ID.fullmatch(pid):
            warn(f"pitfall id {pid!r} is not kebab-case", self.get_location(), WarningType.PITFALL)
            return []
        missing = [o for o in ("title", "risk", "summary") if o not in self.options]
        if missing:
            warn(
                f"pitfall {pid!r} needs option(s): {', '.join(missing)}",
                self.get_location(),
                WarningType.PITFALL,
            )
            return []
        anchor = f"pitfall-{pid}"
        entry = PitfallEntry(
            pid,
            self.options["title"],
            self.options["risk"],
            self.options["summary"],
            self.env.docname,
            self.lineno,
            anchor,
        )
        earlier = PlaybookData(self.env).add_pitfall(entry)
        if earlier is not None:
            warn(
                f"pitfall {pid!r} is already defined in {earlier.docname}",
                self.get_location(),
                WarningType.PITFALL,
            )
            return []
        for path in checklist_paths(self.env.app):
            self.env.note_dependency(str(path))
        # Its "detected by" list is filled in at write time from every checklist.
        PlaybookData(self.env).index_pages.add(self.env.docname)
        box = nodes.container(
            classes=["playbook-pitfall", f"playbook-risk-{entry.risk}"], ids=[anchor]
        )
        self.set_source_info(box)
        head = nodes.paragraph(classes=["playbook-pitfall-summary"])
        head += risk_badge(entry.risk)
        head += nodes.Text(" ")
        head += nodes.strong(entry.summary, entry.summary)
        box += head
        box += self.parse_content_to_nodes(allow_section_headings=True)
        detectors = pitfall_detectors(pitfall=pid)
        self.set_source_info(detectors)
        box += detectors
        return [box]


class PitfallRole(SphinxRole):
    """``{pitfall}`id``: a link to a pitfall, showing its title."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = pitfall_ref(self.text.strip())
        self.set_source_info(node)
        return [node], []


class PitfallIndexDirective(SphinxDirective):
    """``{pitfall-index}``: every pitfall with its risk, summary and detecting findings."""

    def run(self) -> list[nodes.Node]:
        PlaybookData(self.env).index_pages.add(self.env.docname)
        for path in checklist_paths(self.env.app):
            self.env.note_dependency(str(path))
        node = pitfall_index()
        self.set_source_info(node)
        return [node]


def _detections(app: Sphinx) -> dict[str, list[tuple[str, str, str, str]]]:
    """pitfall id -> [(checklist id, checklist title, finding title, risk)]."""
    found: dict[str, list[tuple[str, str, str, str]]] = {}
    for checklist in all_checklists(app):
        for rule in checklist.findings:
            found.setdefault(rule.pitfall, []).append(
                (checklist.id, checklist.title, rule.title, rule.risk.value)
            )
    return found


def _detector_list(app: Sphinx, pid: str, fromdoc: str) -> nodes.Node:
    rows = _detections(app).get(pid, [])
    if not rows:
        return nodes.paragraph(text="No checklist detects this pitfall yet.")
    para = nodes.paragraph(classes=["playbook-detected-by"])
    para += nodes.strong(text="Detected by: ")
    items = nodes.bullet_list()
    for cid, ctitle, ftitle, risk in rows:
        item = nodes.list_item()
        p = nodes.paragraph()
        p += risk_badge(risk)
        p += nodes.Text(f" {ftitle} — ")
        p += _checklist_link(app, cid, ctitle, fromdoc)
        item += p
        items += item
    box = nodes.container(classes=["playbook-detectors"])
    box += para
    box += items
    return box


def _checklist_link(app: Sphinx, cid: str, title: str, fromdoc: str) -> nodes.Node:
    """A link to the page that renders checklist ``cid`` (wherever it is), else its title."""
    found = PlaybookData(app.env).targets.get(f"checklist:{cid}")
    if found is None:
        return nodes.emphasis(text=title)
    docname, anchor = found
    uri = app.builder.get_relative_uri(fromdoc, docname) + (f"#{anchor}" if anchor else "")
    ref = nodes.reference("", "", internal=True, refuri=uri)
    ref += nodes.Text(title)
    return ref


def _link(app: Sphinx, entry: PitfallEntry, fromdoc: str, text: str) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdoc, entry.docname) + "#" + entry.anchor
    ref = nodes.reference(
        "", "", internal=True, refuri=uri, reftitle=entry.summary, classes=["playbook-pitfall-link"]
    )
    ref += nodes.Text(text)
    return ref


def _resolve(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    data = PlaybookData(app.env)
    for node in list(doctree.findall(pitfall_reference)):
        pid = node["pitfall"]
        entry = data.pitfalls.get(pid)
        if entry is None:
            where = node.get("yaml_location") or node
            warn(f"unknown pitfall {pid!r}", where, WarningType.REF)
            node.replace_self(nodes.literal(pid, pid))
            continue
        node.replace_self(_link(app, entry, fromdoc, entry.title))
    for detectors in list(doctree.findall(pitfall_detectors)):
        detectors.replace_self(_detector_list(app, detectors["pitfall"], fromdoc))
    for index in list(doctree.findall(pitfall_index)):
        index.replace_self(_index(app, fromdoc))


def _index(app: Sphinx, fromdoc: str) -> nodes.Node:
    data = PlaybookData(app.env)
    detections = _detections(app)
    order = {"high": 0, "medium": 1, "low": 2}
    entries = sorted(data.pitfalls.values(), key=lambda e: (order.get(e.risk, 3), e.title))
    if not entries:
        return nodes.paragraph(text="No pitfalls are defined yet.")
    rows: list[list[Cell]] = []
    for e in entries:
        title = nodes.paragraph()
        title += _link(app, e, fromdoc, e.title)
        title += nodes.Text(" ")
        title += risk_badge(e.risk)
        found = nodes.paragraph()
        rows_for = detections.get(e.id, [])
        for i, (cid, ctitle, ftitle, _risk) in enumerate(rows_for):
            if i:
                found += nodes.Text("; ")
            found += nodes.Text(f"{ftitle} (")
            found += _checklist_link(app, cid, ctitle, fromdoc)
            found += nodes.Text(")")
        if not rows_for:
            found += nodes.emphasis(text="not detected by any checklist")
        rows.append([title, e.summary, found])
    header: list[Cell] = ["Pitfall", "Summary", "Detected by"]
    return make_table(["playbook-pitfall-index"], header, rows, [30, 40, 30])


def _check_checklists(app: Sphinx, env: BuildEnvironment) -> None:
    """Every finding in every checklist must name a defined pitfall (fails a -W build)."""
    data = PlaybookData(env)
    for path in checklist_paths(app):
        loaded = load_cached_checklist(app, path)
        if isinstance(loaded, CheckerError):
            warn_diagnostics(loaded.diagnostics, WarningType.CHECKLIST)
            continue
        for rule in loaded.findings:
            if rule.pitfall not in data.pitfalls:
                warn(
                    f"finding {rule.id!r} names unknown pitfall {rule.pitfall!r}",
                    f"{loaded.path}:{rule.pitfall_position.line}",
                    WarningType.REF,
                )


def setup(app: Sphinx) -> None:
    app.add_node(pitfall_reference)
    app.add_node(pitfall_index)
    app.add_node(pitfall_detectors)
    app.add_directive("pitfall", PitfallDirective)
    app.add_directive("pitfall-index", PitfallIndexDirective)
    app.add_role("pitfall", PitfallRole())
    app.connect("doctree-resolved", _resolve)
    app.connect("env-check-consistency", _check_checklists)
