"""HTML of the organisation site's pages: a group's table of teams, a team's page, the groups
table of the index. Every string from a report is escaped and every address was checked to be
http(s) when the report was read; nothing a team writes becomes markup.

The pages are drawn from :mod:`checker.org.history`'s plain data (no docutils): the site adds
them with ``html-collect-pages``, each in the theme's layout, so a thousand teams cost a
thousand templates, not a thousand documents read, resolved and pickled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from checker.constants import RISKS
from checker.org.history import Group, Latest, Point, Team
from checker.report.types import FindingEntry
from checker.report.util import fmt_score
from checker.sphinx import charts

Uri = Callable[[str], str]
"""The relative address of a page name (or of a file in the output, ``x.svg``) from the page
being written."""


@dataclass(frozen=True, slots=True)
class Current:
    """A checklist as the site knows it: the version in use and its title."""

    id: str
    title: str
    version: str
    known: bool  # a checklist file of the site (else: as the reports name it)


def version_key(text: str) -> tuple[int, int]:
    parts = [*text.split("."), "0", "0"][:2]
    try:
        return (int(parts[0]), int(parts[1]))
    except ValueError:
        return (0, 0)


def version_note(a: Latest, current: Current | None) -> tuple[str, str]:
    """(text, class): the checklist version of an assessment, with what the reader must know:
    ``superseded`` by the site's newer version, or ``stale`` (answered against an older one)."""
    text = a.version
    if (
        current is not None
        and current.known
        and version_key(a.version) < version_key(current.version)
    ):
        return f"{text}, superseded by {current.version}", "playbook-version-superseded"
    if version_key(a.answered_version) < version_key(a.version):
        return f"{text}, answered against {a.answered_version}", "playbook-version-stale"
    return text, ""


def score_text(overall: float | None, maximum: float, points: bool) -> str:
    return fmt_score(overall) + (f"/{fmt_score(maximum)}" if points else "")


def sparkline(points: Sequence[Point], title: str) -> str:
    """A tiny line of a trend's scores, its values in its accessible name."""
    values = [p for p in points if p.overall is not None]
    if len(values) < 2:
        return ""
    w, h = 72.0, 18.0
    top = max(p.maximum for p in values) or 1.0
    step = w / (len(values) - 1)
    coords = " ".join(
        f"{i * step:.1f},{h - 2 - (h - 4) * min(p.overall or 0.0, top) / top:.1f}"
        for i, p in enumerate(values)
    )
    said = ", ".join(f"{p.day} {fmt_score(p.overall)}" for p in values)
    label = escape(f"{title}: {len(values)} assessments: {said}")
    return (
        f'<svg class="playbook-sparkline" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" '
        f'height="{h:.0f}" role="img" aria-label="{label}"><title>{label}</title>'
        f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        "</svg>"
    )


def delta(points: Sequence[Point]) -> str:
    """How the score moved since the previous assessment (``▲ 6.25 since 2026-11-02``)."""
    known = [p for p in points if p.overall is not None]
    if len(known) < 2:
        return ""
    change = (known[-1].overall or 0.0) - (known[-2].overall or 0.0)
    sign = "▲" if change > 0 else "▼" if change < 0 else "="
    amount = "" if change == 0 else f" {fmt_score(abs(round(change, 2)))}"
    return (
        f'<span class="playbook-detail playbook-delta">{sign}{amount} since '
        f"{escape(known[-2].day)}</span>"
    )


def _a(href: str, text: str, cls: str = "") -> str:
    attr = f' class="{escape(cls)}"' if cls else ""
    return f'<a{attr} href="{escape(href)}">{text}</a>'


def _commit(a: Latest) -> str:
    if not a.commit:
        return ""
    short = f"<code>{escape(a.commit[:7])}</code>"
    return _a(a.commit_url, short) if a.commit_url else short


def cell(a: Latest | None, current: Current | None, trend: Sequence[Point]) -> tuple[str, str]:
    """(HTML, class) of a team's cell for one checklist: score and level; date, version and
    commit; the trend."""
    if a is None:
        return '<span aria-label="not assessed">—</span>', "playbook-heat-none"
    version, vcls = version_note(a, current)
    details = [escape(a.assessed or a.day), f'<span class="{vcls}">v{escape(version)}</span>']
    commit = _commit(a)
    if commit:
        details.append(commit)
    html = (
        f"<strong>{escape(score_text(a.overall, a.maximum, a.points))}</strong> "
        f'<span class="playbook-detail">{escape(a.level or "n/a")}</span>'
        f'<span class="playbook-detail playbook-provenance">{" · ".join(details)}</span>'
        + sparkline(trend, a.title)
        + delta(trend)
    )
    return html, charts.heat_class(a.overall, a.maximum)


def _table(label: str, classes: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table in a keyboard-focusable scrolling region; cells are HTML already; the first
    cell of each row is its header. ``header`` cells are HTML too."""
    out = [
        f'<div class="playbook-scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
        f'<table class="{escape(classes)}"><thead><tr>'
    ]
    out += [f'<th scope="col">{h}</th>' for h in header]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(row) + "</tr>\n")
    out.append("</tbody></table></div>")
    return "".join(out)


def _td(html: str, cls: str = "") -> str:
    return f'<td class="{escape(cls)}">{html}</td>' if cls else f"<td>{html}</td>"


def _counts(counts: tuple[int, ...]) -> list[str]:
    return [
        _td(str(n), f"playbook-count-{risk}" if n else "playbook-count-zero")
        for risk, n in zip(RISKS, counts, strict=True)
    ]


def checklist_header(c: Current, teams: Sequence[Team]) -> str:
    points = [t.latest[c.id] for t in teams if c.id in t.latest and t.latest[c.id].points]
    unit = f" (points of {fmt_score(max(a.maximum for a in points))})" if points else ""
    return escape(c.title + unit)


def team_rows(
    teams: Sequence[Team], checklists: Sequence[Current], uri: Uri
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a table of teams: name and badge, open findings by risk (first,
    so they stay in view), then a cell per checklist."""
    header = [
        "Team",
        "High",
        "Medium",
        "Low",
        *(checklist_header(c, teams) for c in checklists),
    ]
    rows = []
    for t in teams:
        # Decorative here: the row says the same in words.
        badge = (
            f'<img class="playbook-badge" src="{escape(uri(t.badge))}" alt="" height="20" '
            'loading="lazy"/>'
        )
        name = (
            f'<th scope="row">{_a(uri(t.page), escape(t.name))}'
            f'<span class="playbook-detail">{escape(t.repository)}</span>{badge}</th>'
        )
        cells = []
        for c in checklists:
            html, cls = cell(t.latest.get(c.id), c, t.trends.get(c.id, ()))
            cells.append(_td(html, cls))
        rows.append([name, *_counts(t.open_counts()), *cells])
    return header, rows


def intro(checklists: Sequence[Current], teams: Sequence[Team]) -> str:
    """How to read the scores: out of 100, or in points for a points checklist."""
    points = []
    for c in checklists:
        found = [t.latest[c.id] for t in teams if c.id in t.latest]
        if found and found[0].points:
            points.append(f"{c.title} in points out of {fmt_score(max(a.maximum for a in found))}")
    scale = "Scores are out of 100" + ("; " + "; ".join(points) if points else "")
    return (
        f"{scale}. Each cell gives a team's newest assessment: score and maturity level; the "
        "date assessed, the checklist version (marked when a newer version exists or the "
        "answers were written for an older one) and the commit it was published from; and the "
        "score's trend. Open findings are counted by risk."
    )


def group_page(
    group: Group, index: int, checklists: Sequence[Current], uri: Uri, heading: str
) -> str:
    teams = group.chunk(index)
    pages = group.pages
    out = [f"<h1>{escape(heading)}</h1>"]
    out.append(f"<p>{escape(intro(checklists, teams))}</p>")
    if len(pages) > 1:
        links = [
            f"<strong>{i + 1}</strong>" if i == index else _a(uri(p), str(i + 1))
            for i, p in enumerate(pages)
        ]
        out.append(
            f'<nav aria-label="Pages of {escape(group.name)}"><p>Page: {" ".join(links)}</p></nav>'
        )
    header, rows = team_rows(teams, checklists, uri)
    out.append(_table(f"{group.name}: teams by checklist", "playbook-overview", header, rows))
    out.append(f"<p>{_a(uri('__index__'), 'Back to the overview')}</p>")
    return "\n".join(out)


def _section_bars(a: Latest, team: str) -> str:
    node = charts.section_bars(
        f"sections-{a.checklist}",
        f"{a.title}: section scores of {team}",
        [(title, score, mx if a.points else None) for _sid, title, score, mx in a.sections],
    )
    return node.astext()


def _findings(findings: Sequence[FindingEntry]) -> str:
    open_ = [f for f in findings if f["status"] == "open"]
    if not open_:
        return "<p>No open findings.</p>"
    items = []
    for f in sorted(open_, key=lambda f: RISKS.index(f["risk"])):
        items.append(
            f'<li><span class="playbook-risk playbook-risk-{escape(f["risk"])}">'
            f"{escape(f['risk'])}</span> <strong>{escape(f['title'])}</strong>: "
            f'{escape(f["advice"])} <span class="playbook-detail">Pitfall: '
            f"{escape(f['pitfall'])}.</span></li>"
        )
    return f'<ul class="playbook-findings-list">{"".join(items)}</ul>'


def team_page(
    team: Team,
    group: Group,
    checklists: Sequence[Current],
    uri: Uri,
    badge_url: str,
    page_url: str,
    findings: Callable[[Latest], Sequence[FindingEntry] | None],
) -> str:
    """A team's page: its badge (and how to embed it), its newest assessments with their
    provenance, and per checklist the trend, the section scores and the open findings."""
    out = [f"<h1>{escape(team.name)}</h1>"]
    repo_url = next((a.repository_url for a in team.latest.values() if a.repository_url), "")
    repo = _a(repo_url, escape(team.repository)) if repo_url else escape(team.repository)
    out.append(
        f"<p>Repository {repo}, in {_a(uri(group.page_of(team)), escape(group.name))}; "
        f"{team.reports} report(s) collected.</p>"
    )
    out.append(
        f'<p><img class="playbook-badge" src="{escape(uri(team.badge))}" '
        f'alt="{escape(_badge_alt(team))}"/></p>'
    )
    snippet = f"[![ML playbook]({badge_url})]({page_url})"
    absolute = badge_url.startswith(("https://", "http://"))
    out.append(
        "<p>Show the badge in the repository's README, linking here"
        + (
            ""
            if absolute
            else " (set <code>html_baseurl</code> in conf.py to the site's address "
            "for addresses that work from anywhere)"
        )
        + ":</p>"
        # A long line scrolls on a phone: it takes focus, so keys scroll it too.
        f'<div class="highlight"><pre tabindex="0"><code>{escape(snippet)}</code></pre></div>'
    )
    header = ["Checklist", "Score", "Level", "High", "Medium", "Low", "Assessed", "Version",
              "Commit", "Run"]  # fmt: skip
    rows = []
    by_id = {c.id: c for c in checklists}
    for cid, a in sorted(team.latest.items(), key=lambda kv: by_id[kv[0]].title.casefold()):
        version, vcls = version_note(a, by_id.get(cid))
        run = _a(a.run_url, "run") if a.run_url else ""
        rows.append(
            [
                f'<th scope="row">{_a("#" + _anchor(cid), escape(by_id[cid].title))}</th>',
                _td(
                    escape(score_text(a.overall, a.maximum, a.points)),
                    charts.heat_class(a.overall, a.maximum),
                ),
                _td(escape(a.level or "n/a")),
                *_counts(a.counts),
                _td(escape(a.assessed or a.day)),
                _td(escape(version), vcls),
                _td(_commit(a) + (f" on {escape(a.ref)}" if a.ref else "")),
                _td(run),
            ]
        )
    out.append(_table(f"{team.name}: newest assessments", "playbook-overview", header, rows))
    for cid, a in sorted(team.latest.items(), key=lambda kv: by_id[kv[0]].title.casefold()):
        title = by_id[cid].title
        out.append(f'<section id="{_anchor(cid)}"><h2>{escape(title)}</h2>')
        generated = a.when if "T" in a.when else ""
        out.append(
            "<p>"
            + escape(
                f"Newest: score {score_text(a.overall, a.maximum, a.points)}, level "
                f"{a.level or 'n/a'}, assessed {a.assessed or 'without a date'}"
                + (f"; report generated {generated}" if generated else "")
                + f" by playbook-check {a.tool_version}."
            )
            + "</p>"
        )
        trend = team.trends.get(cid, [])
        if len(trend) >= 2:
            node = charts.trend(
                f"trend-{cid}",
                f"{title}: {team.name} over time",
                [(p.day, p.overall, p.open) for p in trend],
                a.maximum if a.points else None,
            )
            out.append(node.astext())
        else:
            out.append("<p>One assessment so far: the trend starts with the next.</p>")
        out.append(_section_bars(a, team.name))
        found = findings(a)
        out.append("<h3>Open findings</h3>")
        out.append(
            "<p>The stored report cannot be read; see the build log.</p>"
            if found is None
            else _findings(found)
        )
        out.append("</section>")
    return "\n".join(out)


def _anchor(checklist_id: str) -> str:
    return "checklist-" + checklist_id  # a kebab-case id (the collection's schema)


def _badge_alt(team: Team) -> str:
    from checker.org.badge import team_message

    high, medium, _ = team.open_counts()
    return "ML playbook: " + team_message(high, medium, len(team.latest))[0]


def groups_table(groups: Sequence[Group], checklists: Sequence[Current], uri: Uri) -> str:
    """The index's table: one row per group, its teams, mean scores and open findings."""
    header = ["Group", "Teams", "High", "Medium", "Low", *(escape(c.title) for c in checklists)]
    rows = []
    for g in groups:
        counts = tuple(sum(t.open_counts()[i] for t in g.teams) for i in range(3))
        cells = []
        for c in checklists:
            found = [t.latest[c.id] for t in g.teams if c.id in t.latest]
            known = [a.overall for a in found if a.overall is not None]
            if not known:
                cells.append(_td("—", "playbook-heat-none"))
                continue
            mean = sum(known) / len(known)
            best = max(a.maximum for a in found)
            text = score_text(round(mean, 2), best, found[0].points)
            cells.append(
                _td(
                    f"<strong>{escape(text)}</strong>"
                    f'<span class="playbook-detail">mean of {len(known)}</span>',
                    charts.heat_class(mean, best),
                )
            )
        rows.append(
            [
                f'<th scope="row">{_a(uri(g.pages[0]), escape(g.name))}</th>',
                _td(str(len(g.teams))),
                *_counts(counts),
                *cells,
            ]
        )
    return _table("Groups: teams and mean scores by checklist", "playbook-overview", header, rows)
