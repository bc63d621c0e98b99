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
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from checker.report.document import file_entry
from checker.sphinx.assessments import findings_box, run_check
from checker.sphinx.common import (
    Cell,
    WarningType,
    checklist_path,
    display_path,
    make_table,
    resolve_source_path,
    warn,
    warn_diagnostics,
)
from checker.topology.check import TopologyResult, check_topology
from checker.topology.diff import change_lines, compare
from checker.topology.draw import MODE_LABEL, TYPE_LABEL, chip_label, draw, members_line
from checker.topology.model import Team
from checker.topology.report import entry as topology_entry


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
        result = check_topology(path, display=display_path(app, path), today=_today(app))
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
        old = check_topology(old_path, display=display_path(app, old_path), today=_today(app))
        warn_diagnostics(old.diagnostics, WarningType.TOPOLOGY)
        if not old.valid:
            return []
        lines = change_lines(compare(old, result))
        out: list[nodes.Node] = [nodes.rubric(text=f"What changed since {old_path.stem}")]
        items = nodes.bullet_list(classes=["playbook-topology-changes"])
        for line in lines or ["nothing"]:
            item = nodes.list_item()
            item += nodes.paragraph(text=line)
            items += item
        out.append(items)
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
        box += _table(result, self._assessments(result, path))
        if "no-findings" not in self.options:
            box += nodes.rubric(text=f"Findings for {org.name}")
            box += findings_box(topology_entry(result)["findings"])
        self.set_source_info(box)
        return box

    def _assessments(self, result: TopologyResult, path: Path) -> dict[str, str]:
        """Each team's linked answers files, checked: checklist, level and open findings."""
        app = self.env.app
        out: dict[str, str] = {}
        org = result.organisation
        assert org is not None
        for team in org.teams.values():
            parts = []
            for answers in team.answers:
                checked = run_check(app, (path.parent / answers).resolve())
                ev = checked.evaluation
                if ev is not None:
                    self.env.note_dependency(str(checklist_path(app, ev.checklist.id)))
                if ev is None or not checked.valid:
                    parts.append(f"{answers}: invalid")
                    continue
                entry = file_entry(checked)
                level, n = entry["score"]["level"] or "n/a", sum(entry["counts"].values())
                parts.append(f"{entry['checklist']['id']}: {level}, {n} open finding(s)")
            out[team.id] = "; ".join(parts)
        return out


def _table(result: TopologyResult, assessments: dict[str, str]) -> nodes.table:
    org = result.organisation
    assert org is not None
    names = {t.id: t.name for t in org.teams.values()}
    rows: list[list[Cell]] = []
    open_by_team = result.open_by_team()
    for team in org.teams.values():
        grouping = org.groupings[team.grouping].name if team.grouping else ""
        ways = [
            f"{chip_label(ix, team, names)} ({MODE_LABEL[ix.mode]}"
            + (f", until {ix.until.isoformat()}" if ix.until else "")
            + ")"
            for ix in org.interactions
            if ix.involves(team.id)
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
    return make_table(
        ["playbook-topology-table"],
        ["Team", "Type", "Members", "Interactions", "Open findings", "Assessments"],
        rows,
        [15, 15, 15, 25, 10, 20],
    )


def setup(app: Sphinx) -> None:
    app.add_directive("topology", TopologyDirective)
