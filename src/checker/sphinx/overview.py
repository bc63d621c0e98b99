"""The ``assessment-overview`` directive: every team of an organisation, one row each.

``{assessment-overview} /examples`` reads each team folder's answers files (``*/*.yaml``) and
every JSON report in the folder (``*.json``, written by ``playbook-check report --format
json``). With ``:groups: groups.yaml`` (a mapping of group names to team folders or report
names) teams are grouped, e.g. by value stream. The output, readable without JavaScript:

* a heat-map (SVG) of scores by group (or team) and checklist;
* per group, a table with one row per team: score and level per checklist (cells coloured by
  score) and open findings by risk; ``playbook-overview.js`` adds sorting and filtering;
* per checklist, teams x section scores.

Per-file results are cached between builds (:mod:`checker.sphinx.teams`), and the page is
re-read when a team folder or report appears or disappears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx

from checker.constants import RISKS
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Severity
from checker.load.yaml import load_path
from checker.report.util import fmt_score, plural
from checker.sphinx import charts
from checker.sphinx.assessments import AnswersDirective, evidence_root, run_check
from checker.sphinx.common import (
    WarningType,
    add_scripts_if,
    checklist_dirs,
    checklist_path,
    checklist_paths,
    display_path,
    html_id,
    html_wrapper,
    inside_sources,
    resolve_source_path,
    unique_id,
    warn,
    warn_diagnostics,
)
from checker.sphinx.data import PlaybookData, current_listing
from checker.sphinx.tables import TCell, make_data_table
from checker.sphinx.teams import Assessment, from_result, read_report, result_cache

OTHER_GROUP = "Other teams"
SCRIPT = "playbook-overview.js"


@dataclass
class TeamRow:
    """One row: a team folder (or report) and its latest assessment per checklist."""

    unit: str
    team: str
    target: str  # link target key of the team's page
    latest: dict[str, Assessment] = field(default_factory=dict)

    def open_counts(self) -> tuple[int, ...]:
        return tuple(sum(a.open_counts[i] for a in self.latest.values()) for i in range(3))


def _located(diag: Diagnostic) -> None:
    warn_diagnostics([diag], WarningType.OVERVIEW)


class AssessmentOverviewDirective(AnswersDirective):
    """``{assessment-overview} /examples``: every team (sub-directory or report), one row each."""

    option_spec = {"groups": directives.unchanged_required}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        folder = self._path()
        if folder is None:
            return []
        if not folder.is_dir():
            warn(f"{self.arguments[0]!r} is not a directory", self.get_location(), WarningType.PATH)
            return []
        srcdir = Path(self.env.app.srcdir).resolve()
        listing = PlaybookData(self.env).listings.setdefault(self.env.docname, {})
        for pattern in ("*/*.yaml", "*.json"):
            rel = str((folder / pattern).relative_to(srcdir))
            listing[rel] = current_listing(srcdir, rel)
        assessments = self._collect(folder)
        rows = _rows(assessments, _today(self.env.app))
        if not rows:
            return [nodes.paragraph(text="No assessments found.")]
        groups = self._groups(rows)
        checklists = sorted({cid for row in rows.values() for cid in row.latest})
        titles = _titles(self.env.app, assessments)
        out: list[nodes.Element] = []
        intro = nodes.paragraph(classes=["playbook-overview-intro"])
        intro += nodes.Text(
            f"{plural(len(rows), 'team')}"
            + (f" in {plural(len(groups), 'group')}" if len(groups) > 1 else "")
            + f", {plural(len(checklists), 'checklist')}. Each cell shows the overall score "
            "and the maturity level of the team's latest assessment; darker cells score "
            f"higher. {_scales(rows, checklists, titles)}. Open findings are counted by risk."
        )
        out.append(intro)
        heatmap_id = unique_id(self.env, "overview-heatmap")
        out.append(_heatmap(rows, groups, checklists, titles, heatmap_id))
        out.append(nodes.container(classes=["playbook-overview-controls"]))
        for name, units in groups:
            table = _team_table(rows, units, checklists, titles, name)
            if len(groups) == 1:
                out.append(table)
                continue
            anchor = unique_id(self.env, html_id("group", name))
            out.append(_section(anchor, f"{name} ({plural(len(units), 'team')})", [table]))
        scores_id = unique_id(self.env, "group-section-scores")
        out.append(_section_scores(rows, checklists, titles, scores_id))
        for node in out:
            node["support_smartquotes"] = False
            self.set_source_info(node)
        return list(out)

    def _collect(self, folder: Path) -> list[Assessment]:
        app = self.env.app
        cache = result_cache(app)
        root = evidence_root(app)
        stamps = tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in checklist_paths(app)
        )
        cache.context = (
            stamps,
            app.config.playbook_today or dt.date.today().isoformat(),
            str(root),
        )
        found: list[Assessment] = []
        for path in sorted(folder.glob("*/*.yaml")):
            unit = path.parent.name
            if not self._inside(path):
                continue
            self.env.note_dependency(str(path))
            hit = cache.get(path, unit)
            if hit is None:
                result = run_check(app, path)
                found_here = [a for a in [from_result(result, unit)] if a is not None]
                cache.put(path, unit, result.diagnostics, found_here, result, root)
                diagnostics = result.diagnostics
            else:
                diagnostics, found_here = hit
            warn_diagnostics(diagnostics, WarningType.ANSWERS)
            found.extend(found_here)
        for path in sorted(folder.glob("*.json")):
            if not self._inside(path):
                continue
            self.env.note_dependency(str(path))
            hit = cache.get(path, path.stem)
            if hit is None:
                found_here, diagnostics = read_report(path, display_path(app, path))
                cache.put(path, path.stem, diagnostics, found_here)
            else:
                diagnostics, found_here = hit
            warn_diagnostics(diagnostics, WarningType.REPORT)
            found.extend(found_here)
        if app.parallel > 1:
            cache.save()  # a parallel reader's cache is not the one saved when the build ends
        for cid in sorted({a.checklist for a in found}):
            cpath = checklist_path(app, cid)
            if cpath.is_file():
                self.env.note_dependency(str(cpath))
        return found

    def _inside(self, path: Path) -> bool:
        if inside_sources(self.env.app, path):
            return True
        warn(
            f"{display_path(self.env.app, path)!r} leads outside the documentation sources "
            "(a symlink); not reading it",
            self.get_location(),
            WarningType.PATH,
        )
        return False

    def _groups(self, rows: dict[str, TeamRow]) -> list[tuple[str, list[str]]]:
        """[(group name, units)] in the groups file's order; ungrouped teams last."""
        units = sorted(rows, key=lambda u: (rows[u].team.casefold(), u))
        option = self.options.get("groups")
        if not option:
            return [("All teams", units)]
        path = resolve_source_path(self.env.app, self.env.docname, option)
        if path is None or not path.is_file():
            warn(f"groups file {option!r} not found", self.get_location(), WarningType.PATH)
            return [("All teams", units)]
        self.env.note_dependency(str(path))
        mapping = _read_groups(
            path, display_path(self.env.app, path), {u.split("#", 1)[0] for u in rows}
        )
        grouped: list[tuple[str, list[str]]] = []
        seen: set[str] = set()
        for name, names in mapping:
            # A report's teams are units of their own (report#team); the file names them all.
            members = [
                u for u in units if (u in names or u.split("#", 1)[0] in names) and u not in seen
            ]
            seen.update(members)
            if members:
                grouped.append((name, members))
        rest = [u for u in units if u not in seen]
        if rest:
            grouped.append((OTHER_GROUP, rest))
        return grouped


def _read_groups(path: Path, display: str, known: set[str]) -> list[tuple[str, set[str]]]:
    """Parse ``{group: [team folder or report name, ...]}``; problems are located warnings."""
    try:
        doc = load_path(path, display=display)
    except CheckerError as exc:
        warn_diagnostics(exc.diagnostics, WarningType.OVERVIEW)
        return []
    sink = DiagnosticSink(display, doc.source_map)
    result: list[tuple[str, set[str]]] = []
    if not isinstance(doc.data, dict):
        sink.add("PC604", "a groups file maps group names to lists of team folders", ())
    else:
        for name, members in doc.data.items():
            if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
                sink.add("PC604", f"group {name!r} should be a list of team folder names", (name,))
                continue
            for i, member in enumerate(members):
                if member not in known:
                    sink.add(
                        "PC604",
                        f"group {name!r} names {member!r}, which has no assessments",
                        (name, i),
                        hint="check the team folder's name",
                    )
            result.append((str(name), set(members)))
    warn_diagnostics(sink.items, WarningType.OVERVIEW)
    return result


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def future(a: Assessment, today: dt.date) -> Diagnostic | None:
    """PC611 for an assessment dated more than a day after ``today`` (it would stay "latest"
    for ever), else None."""
    if not a.assessed or a.assessed <= (today + dt.timedelta(days=1)).isoformat():
        return None
    return Diagnostic(
        "PC611",
        f"{a.checklist!r} of {a.team!r} is dated {a.assessed}, after {today}; it is left out",
        a.source,
        a.line,
        1,
        Severity.ERROR,
        "correct the assessed: date (or the clock of the CI that wrote the report)",
    )


def _titles(app: Sphinx, assessments: Iterable[Assessment]) -> dict[str, str]:
    """Each checklist's title as the site's checklist gives it, else as its newest assessment
    does: one team's report cannot rename a column for every team."""
    from checker.pipeline import ChecklistRegistry

    registry = ChecklistRegistry(checklist_dirs(app))
    newest: dict[str, Assessment] = {}
    for a in assessments:
        if a.checklist not in newest or a.assessed > newest[a.checklist].assessed:
            newest[a.checklist] = a
    titles = {}
    for cid, a in newest.items():
        try:
            checklist = registry.get(cid)
        except CheckerError:
            checklist = None
        titles[cid] = checklist.title if checklist is not None else a.checklist_title
    return titles


def _scales(rows: dict[str, TeamRow], checklists: list[str], titles: dict[str, str]) -> str:
    """ "Scores are out of 100; ML Test Score in points out of 7": the units of the cells."""
    points = []
    for cid in checklists:
        found = [a for r in rows.values() if (a := r.latest.get(cid)) is not None]
        if any(a.points for a in found):
            points.append(
                f"{titles[cid]} in points out of {fmt_score(max(a.maximum for a in found))}"
            )
    return "Scores are out of 100" + "".join(f"; {p}" for p in points)


def _rows(assessments: Iterable[Assessment], today: dt.date) -> dict[str, TeamRow]:
    """Team rows by unit; the latest assessment per checklist. Located warnings for a team name
    used by two folders, for two assessments of one checklist on the same date and for an
    assessment dated in the future (left out)."""
    rows: dict[str, TeamRow] = {}
    by_name: dict[str, Assessment] = {}
    for a in assessments:
        late = future(a, today)
        if late is not None:
            _located(late)
            continue
        row = rows.get(a.unit)
        if row is None:
            row = rows[a.unit] = TeamRow(a.unit, a.team, f"team:{a.source.rsplit('/', 1)[0]}")
            if a.source.endswith(".json"):
                row.target = f"team:{a.source}"
            first = by_name.setdefault(a.team.casefold(), a)
            if first.unit != a.unit:
                _located(
                    Diagnostic(
                        "PC414",
                        f"team {a.team!r} is also named in {first.source}:{first.line}; "
                        "the overview shows both, as separate rows",
                        a.source,
                        a.line,
                        1,
                        Severity.ERROR,
                        "give each team a distinct name (or move the files into one folder)",
                    )
                )
        previous = row.latest.get(a.checklist)
        if previous is None:
            row.latest[a.checklist] = a
        elif previous.assessed == a.assessed:
            _located(
                Diagnostic(
                    "PC603",
                    f"a second {a.checklist!r} assessment of {a.team!r} for the same date "
                    f"({a.assessed or 'no date'}) as {previous.source}; it is left out",
                    a.source,
                    a.line,
                    1,
                    Severity.ERROR,
                    "give each assessment its `assessed:` date, or remove the copy",
                )
            )
        elif a.assessed > previous.assessed:
            row.latest[a.checklist] = a
    return rows


def _section(anchor: str, title: str, children: list[nodes.Node]) -> nodes.section:
    sec = nodes.section(ids=[anchor], names=[anchor])
    sec += nodes.title(title, title)
    for child in children:
        sec += child
    return sec


def _team_table(
    rows: dict[str, TeamRow],
    units: list[str],
    checklists: list[str],
    titles: dict[str, str],
    group: str,
) -> nodes.Element:
    # Open findings first, after the team: on a laptop the checklists scroll, the counts stay.
    header = [
        TCell("Team"),
        *(TCell(risk.capitalize(), cls="playbook-count") for risk in RISKS),
        *(TCell(titles[cid], link=f"checklist:{cid}") for cid in checklists),
    ]
    body: list[list[TCell]] = []
    for unit in units:
        row = rows[unit]
        cells = [TCell(row.team, link=row.target, cls="playbook-team")]
        for risk, count in zip(RISKS, row.open_counts(), strict=True):
            cls = f"playbook-count-{risk}" if count else "playbook-count-zero"
            cells.append(TCell(str(count), cls=cls))
        for cid in checklists:
            a = row.latest.get(cid)
            if a is None:
                cells.append(TCell("—", cls="playbook-heat-none"))
            else:
                cells.append(
                    TCell(
                        a.level or "n/a",
                        strong=fmt_score(a.overall),
                        cls=charts.heat_class(a.overall, a.maximum),
                    )
                )
        body.append(cells)
    return make_data_table(f"{group}: teams by checklist", ["playbook-overview"], header, body)


def _heatmap(
    rows: dict[str, TeamRow],
    groups: list[tuple[str, list[str]]],
    checklists: list[str],
    titles: dict[str, str],
    prefix: str,
) -> nodes.Element:
    """Mean overall score per group (or per team when ungrouped) and checklist."""
    columns = [titles[c] for c in checklists]
    lines: list[tuple[str, list[float | None]]] = []
    if len(groups) == 1:
        for unit in groups[0][1]:
            latest = rows[unit].latest
            lines.append(
                (rows[unit].team, [latest[c].overall if c in latest else None for c in checklists])
            )
        what = "team"
    else:
        for name, units in groups:
            means: list[float | None] = []
            for cid in checklists:
                scores = [rows[u].latest[cid].overall for u in units if cid in rows[u].latest]
                known = [s for s in scores if s is not None]
                means.append(round(sum(known) / len(known), 2) if known else None)
            lines.append((f"{name} ({len(units)})", means))
        what = "group (mean of its teams)"
    # A points checklist's column is coloured against the best score any of its teams could get.
    maxima: list[float | None] = []
    for cid in checklists:
        found = [a for r in rows.values() if (a := r.latest.get(cid)) is not None]
        maxima.append(max(a.maximum for a in found) if any(a.points for a in found) else None)
    return charts.heatmap(prefix, f"Overall score by {what} and checklist", lines, columns, maxima)


def _section_scores(
    rows: dict[str, TeamRow], checklists: list[str], titles: dict[str, str], anchor: str
) -> nodes.section:
    """Per checklist, a collapsible table of teams x section scores."""
    children: list[nodes.Node] = []
    for cid in checklists:
        teams = sorted(
            (r for r in rows.values() if cid in r.latest), key=lambda r: (r.team.casefold(), r.unit)
        )
        sections = teams[0].latest[cid].sections
        header = [TCell("Team"), *(TCell(s.title) for s in sections)]
        body: list[list[TCell]] = []
        for row in teams:
            scores = {s.id: s for s in row.latest[cid].sections}
            values = [scores.get(s.id) for s in sections]
            body.append(
                [
                    TCell(row.team, link=row.target, cls="playbook-team"),
                    *(
                        TCell("n/a", cls=charts.heat_class(None))
                        if v is None
                        else TCell(fmt_score(v.score), cls=charts.heat_class(v.score, v.maximum))
                        for v in values
                    ),
                ]
            )
        table = make_data_table(
            f"{titles[cid]}: section scores by team", ["playbook-overview-sections"], header, body
        )
        summary = html_wrapper("summary", {}, nodes.inline(text=titles[cid]))
        children.append(
            html_wrapper(
                "details",
                {"class": "playbook-details"},
                summary,
                table,
            )
        )
    return _section(anchor, "Section scores by checklist", children)


def _add_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    add_scripts_if(app, doctree, "playbook-overview-controls", SCRIPT)


def setup(app: Sphinx) -> None:
    app.add_directive("assessment-overview", AssessmentOverviewDirective)
    app.connect("html-page-context", _add_script)
