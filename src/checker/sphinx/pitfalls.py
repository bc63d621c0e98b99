"""Pitfalls: the ``pitfall`` directive and role, the ``pitfall-index`` directive, and the late
resolution of every pitfall reference (from pages, checklists and assessments)."""

from __future__ import annotations

import functools
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective, SphinxRole

from checker.constants import ID_RE
from checker.diagnostics import CheckerError
from checker.model import Risk
from checker.registry import bundled_dir
from checker.report.sarif_format import pitfall_uri
from checker.sphinx.common import (
    Cell,
    WarningType,
    all_checklists,
    checklist_paths,
    is_bundled,
    load_cached_checklist,
    make_table,
    pitfall_ref,
    pitfall_reference,
    risk_badge,
    warn,
    warn_diagnostics,
)
from checker.sphinx.data import PitfallEntry, PlaybookData
from checker.validate.checklist import load_checklist
from sphinx import addnodes

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
        anchor = pitfall_anchor(pid)
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
        # A label, so the pitfall is in the site's objects.inv and other sites can link to it
        # through intersphinx (and this one with {ref}`pitfall-<id>`).
        self.env.get_domain("std").note_hyperlink_target(  # type: ignore[attr-defined]
            anchor, self.env.docname, anchor, entry.title
        )
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


def pitfall_anchor(pid: str) -> str:
    """The element id, and label, of a pitfall's definition."""
    return f"pitfall-{pid}"


@functools.cache
def published_pitfalls() -> frozenset[str]:
    """The published playbook's pitfalls: every one is detected by a bundled checklist (the
    playbook's tests enforce it), so a misspelt id is not linked to a page that does not exist."""
    found: set[str] = set()
    for path in sorted(bundled_dir().glob("*.yaml")):
        try:
            checklist = load_checklist(path)
        except CheckerError:
            continue
        found.update(rule.pitfall for rule in checklist.findings)
        found.update(pid for q in checklist.question_list() for pid in q.pitfalls)
    return frozenset(found)


def external_pitfall(app: Sphinx, pid: str) -> nodes.reference | None:
    """A link to a pitfall this site does not define: through intersphinx when an inventory
    has its label, else on the published playbook at ``playbook_site_url``; None without either."""
    if "sphinx.ext.intersphinx" in app.extensions:
        xref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="ref",
            reftarget=pitfall_anchor(pid),
            refexplicit=False,
            refwarn=False,
        )
        found = app.emit_firstresult(
            "missing-reference", app.env, xref, nodes.inline(pid, pid), allowed_exceptions=(NoUri,)
        )
        if isinstance(found, nodes.reference):
            found["classes"].append("playbook-pitfall-link")
            return found
    site = str(app.config.playbook_site_url)
    if not site or pid not in published_pitfalls():
        return None
    ref = nodes.reference(
        "", "", internal=False, refuri=pitfall_uri(site, pid), classes=["playbook-pitfall-link"]
    )
    ref += nodes.Text(pid)
    return ref


def pitfall_url(app: Sphinx, pid: str, fromdoc: str) -> tuple[str, str] | None:
    """(URL, title) of a pitfall's page, here or published; None when it has none."""
    entry = PlaybookData(app.env).pitfalls.get(pid)
    if entry is not None:
        uri = app.builder.get_relative_uri(fromdoc, entry.docname) + "#" + entry.anchor
        return uri, entry.title
    ref = external_pitfall(app, pid)
    return None if ref is None else (str(ref["refuri"]), ref.astext())


def _resolve(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    data = PlaybookData(app.env)
    for node in list(doctree.findall(pitfall_reference)):
        pid = node["pitfall"]
        entry = data.pitfalls.get(pid)
        if entry is not None:
            node.replace_self(_link(app, entry, fromdoc, entry.title))
            continue
        external = external_pitfall(app, pid)
        if external is not None:
            node.replace_self(external)
            continue
        warn(f"unknown pitfall {pid!r}{_HOW}", node.get("yaml_location") or node, WarningType.REF)
        node.replace_self(nodes.literal(pid, pid))
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


_HOW = (
    "; define it with a pitfall directive, or link to the published playbook with "
    "playbook_site_url or an intersphinx_mapping entry"
)


def _check_checklists(app: Sphinx, env: BuildEnvironment) -> None:
    """Every finding in the site's own checklists must name a pitfall that has a page (fails a
    -W build). The bundled checklists are checked by the playbook's own build; a page that
    renders one warns for each of its pitfalls it cannot link."""
    data = PlaybookData(env)
    for path in checklist_paths(app):
        if is_bundled(app, path):
            continue
        loaded = load_cached_checklist(app, path)
        if isinstance(loaded, CheckerError):
            warn_diagnostics(loaded.diagnostics, WarningType.CHECKLIST)
            continue
        for rule in loaded.findings:
            if rule.pitfall not in data.pitfalls and external_pitfall(app, rule.pitfall) is None:
                warn(
                    f"finding {rule.id!r} names unknown pitfall {rule.pitfall!r}{_HOW}",
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
