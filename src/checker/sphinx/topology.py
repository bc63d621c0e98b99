"""The ``topology`` directive: an organisation's topology file drawn, tabulated and checked.

``{topology} /examples/org/topology/organisation.yaml`` puts the SVG drawing (HTML builders),
a table with the same teams and interactions (the accessible alternative), and the findings in
the page; ``:compare: OLD`` adds what changed since an earlier version, ``:caption:`` titles
it and ``:no-findings:`` leaves the findings out. Problems in the file are build warnings at its
``file:line``. Every value from the
file is escaped: the SVG by :mod:`checker.topology.draw`, the rest as docutils text.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.report.document import file_entry
from checker.report.util import open_findings
from checker.sphinx.assessments import findings_box, run_check
from checker.sphinx.common import (
    WarningType,
    add_scripts_if,
    checklist_path,
    display_path,
    make_table,
    resolve_source_path,
    warn,
    warn_diagnostics,
)
from checker.textsafe import neutralise
from checker.topology.check import TopologyResult, check_topology
from checker.topology.diff import change_lines, compare
from checker.topology.draw import (
    MODE_LABEL,
    PROVIDER_LABEL,
    TYPE_LABEL,
    chip_label,
    draw,
    members_line,
    names_of,
)
from checker.topology.model import Team
from checker.topology.report import entry as topology_entry

#: Findings (and changes) listed on a page, riskiest first; a page with thousands helps nobody
#: read it, and each costs the build a dozen document nodes. The rest are counted, never hidden.
MAX_FINDINGS_SHOWN = 200


def _today(app: Sphinx) -> dt.date | None:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else None


class TopologyDirective(SphinxDirective):
    """Draw and check one topology file."""

    required_arguments = 1
    option_spec = {  # noqa: RUF012
        "caption": directives.unchanged,
        "no-findings": directives.flag,
        "compare": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        app = self.env.app
        path = resolve_source_path(app, self.env.docname, self.arguments[0])
        if path is None:
            warn(
                f"{self.arguments[0]!r} is outside the documentation sources; not reading it",
                self.get_location(),
                WarningType.PATH,
            )
            return []
        if not path.is_file():
            warn(
                f"topology file {self.arguments[0]!r} not found",
                self.get_location(),
                WarningType.PATH,
            )
            return []
        self.env.note_dependency(str(path))
        # Answers files are read only from the documentation sources (PC712 otherwise).
        sources = Path(app.srcdir).resolve()
        result = check_topology(
            path, display=display_path(app, path), today=_today(app), root=sources
        )
        warn_diagnostics(result.diagnostics, WarningType.TOPOLOGY)
        if not result.valid or result.organisation is None:
            return [nodes.paragraph(text=f"{result.path} is invalid; see the build log.")]
        for team in result.organisation.teams.values():
            for answers in team.answers:
                self.env.note_dependency(str((path.parent / answers).resolve()))
        box = self._render(result, path)
        if "compare" in self.options:
            box += self._changes(result, app)
        return [box]

    def _changes(self, result: TopologyResult, app: Sphinx) -> list[nodes.Node]:
        """``:compare: OLD``: what changed since an earlier version of the topology."""
        old_path = resolve_source_path(app, self.env.docname, self.options["compare"])
        if old_path is None or not old_path.is_file():
            warn(
                f"topology file {self.options['compare']!r} to compare with not found",
                self.get_location(),
                WarningType.PATH,
            )
            return []
        self.env.note_dependency(str(old_path))
        old = check_topology(
            old_path,
            display=display_path(app, old_path),
            today=_today(app),
            root=Path(app.srcdir).resolve(),
        )
        warn_diagnostics(old.diagnostics, WarningType.TOPOLOGY)
        if not old.valid:
            return []
        lines = change_lines(compare(old, result))
        out: list[nodes.Node] = [nodes.rubric(text=f"What changed since {old_path.stem}")]
        items = nodes.bullet_list(classes=["playbook-topology-changes"])
        for line in lines[:MAX_FINDINGS_SHOWN] or ["nothing"]:
            item = nodes.list_item()
            item += nodes.paragraph(text=line)
            items += item
        out.append(items)
        if len(lines) > MAX_FINDINGS_SHOWN:
            more = len(lines) - MAX_FINDINGS_SHOWN
            out.append(
                nodes.paragraph(
                    text=f"{more:,} more changes are not listed here; `playbook-check topology "
                    f"diff {old.path} {result.path}` lists them all."
                )
            )
        return out

    def _link(self, team: Team, base: Path) -> str | None:
        """A team's page: http(s) as is; a documentation source as its built page."""
        page = team.page
        if page is None:
            return None
        if page.startswith(("http://", "https://")):
            return page
        target = (base / page).resolve()
        docname = self.env.path2doc(str(target))
        if docname is None:
            return None
        builder = self.env.app.builder
        # A team drawn on its own page links to the page itself (its assessments are there).
        return builder.get_relative_uri(self.env.docname, docname) or posixpath.basename(
            builder.get_target_uri(docname)
        )

    def _render(self, result: TopologyResult, path: Path) -> nodes.container:
        org = result.organisation
        assert org is not None
        serial = self.env.new_serialno("playbook-topology")
        prefix = "topology-" + re.sub(r"[^a-z0-9]+", "-", self.env.docname.lower()) + f"-{serial}"
        box = nodes.container(classes=["playbook-topology-box"], ids=[prefix])
        caption = self.options.get("caption") or f"Team topology of {org.name}"
        box += nodes.rubric(text=caption)
        links = {t.id: self._link(t, path.parent) for t in org.teams.values()}
        svg = draw(result, prefix=prefix, linker=lambda t: links[t.id])
        box += nodes.raw("", f'<figure class="playbook-topology">{svg}</figure>', format="html")
        header, rows = _table_rows(result, self._assessments(result, path))
        if self.env.app.builder.format == "html":
            box += nodes.raw("", html_table(header, rows), format="html")
        else:
            box += make_table(["playbook-topology-table"], header, rows, _WIDTHS)
        if "no-findings" not in self.options:
            box += nodes.rubric(text=f"Findings for {org.name}")
            findings = topology_entry(result)["findings"]
            box += findings_box(findings[:MAX_FINDINGS_SHOWN])
            if len(findings) > MAX_FINDINGS_SHOWN:
                more = len(findings) - MAX_FINDINGS_SHOWN
                box += nodes.paragraph(
                    text=f"{more:,} more findings (of {len(findings):,}) are not listed here; "
                    f"`playbook-check topology check {result.path}` lists them all."
                )
        self.set_source_info(box)
        return box

    def _assessments(self, result: TopologyResult, path: Path) -> dict[str, str]:
        """Each team's linked answers files, checked: checklist, level and open findings."""
        app = self.env.app
        out: dict[str, str] = {}
        org = result.organisation
        assert org is not None
        seen: dict[Path, Any] = {}  # teams may share an answers file: check it once
        for team in org.teams.values():
            parts = []
            for answers in team.answers:
                target = (path.parent / answers).resolve()
                if target not in seen:
                    seen[target] = run_check(app, target)
                checked = seen[target]
                ev = checked.evaluation
                if ev is not None:
                    self.env.note_dependency(str(checklist_path(app, ev.checklist.id)))
                if ev is None or not checked.valid:
                    parts.append(f"{answers}: invalid")
                    continue
                entry = file_entry(checked)
                level, n = entry["score"]["level"] or "n/a", open_findings(entry["counts"])
                parts.append(f"{entry['checklist']['id']}: {level}, {n} open finding(s)")
            out[team.id] = "; ".join(parts)
        return out


_HEADER = ["Team", "Type", "Members", "Interactions", "Open findings", "Assessments"]
_WIDTHS = [15, 15, 15, 25, 10, 20]


def _table_rows(
    result: TopologyResult, assessments: dict[str, str]
) -> tuple[list[str], list[list[str]]]:
    """The table beside the drawing (its accessible alternative): a row per team, then one per
    external provider."""
    org = result.organisation
    assert org is not None
    names = names_of(org)
    by_party = org.by_party()
    rows: list[list[str]] = []
    open_by_team = result.open_by_team()
    for team in org.teams.values():
        grouping = org.groupings[team.grouping].name if team.grouping else ""
        ways = [
            f"{chip_label(ix, team, names)} ({MODE_LABEL[ix.mode]}"
            + (f", until {ix.until.isoformat()}" if ix.until else "")
            + ")"
            for ix in by_party[team.id]
        ]
        open_ = open_by_team.get(team.id, [])
        rows.append(
            [
                team.name,
                TYPE_LABEL[team.type] + (f" ({grouping})" if grouping else ""),
                members_line(team),
                "; ".join(ways) or "none",
                str(len(open_)),
                assessments.get(team.id) or "none linked",
            ]
        )
    for provider in org.providers.values():
        ways = [
            f"{MODE_LABEL[ix.mode]} to {names[ix.other(provider.id)]}"
            for ix in by_party[provider.id]
        ]
        rows.append(
            [
                provider.name,
                f"external provider ({PROVIDER_LABEL[provider.kind]})",
                "not staffed by the organisation",
                "; ".join(ways) or "none",
                "",
                "",
            ]
        )
    return list(_HEADER), rows


def html_table(header: list[str], rows: list[list[str]]) -> str:
    """The table as the HTML writer would write it from docutils nodes, every cell escaped and
    made printable. One raw node instead of tens of thousands: a large organisation's table
    would otherwise dominate the build (every transform and the writer walk each node)."""

    def cell(tag: str, value: str, extra: str = "") -> str:
        return f"<{tag}{extra}><p>{escape(neutralise(value))}</p></{tag}>"

    out = ['<table class="playbook-topology-table docutils align-default">', "<thead>"]
    out.append('<tr class="row-odd">' + "\n".join(cell("th", h, ' class="head"') for h in header))
    out += ["</tr>", "</thead>", "<tbody>"]
    for i, row in enumerate(rows):
        parity = "row-even" if i % 2 == 0 else "row-odd"
        out.append(f'<tr class="{parity}">' + "\n".join(cell("td", c) for c in row))
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"


SCRIPT = "playbook-topology.js"


def _add_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Zoom and pan on pages with a drawing."""
    add_scripts_if(app, doctree, "playbook-topology-box", SCRIPT)


def setup(app: Sphinx) -> None:
    app.add_directive("topology", TopologyDirective)
    app.connect("html-page-context", _add_script)
