"""The organisation site (issue 21, items 4-6): ``org init`` scaffolds it, the build reads the
collection and draws one row per team with its newest score, commit, date, version and trend,
a page and a badge per team; incremental builds redo only what changed; team data never
becomes markup."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from checker.org.store import INDEX, MARKER
from tests.sphinx.conftest import Site

from .conftest import PRACTICES, answers, cli, sha_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One real report (team-shape and engineering-practices), to copy for many teams."""
    folder = tmp_path_factory.mktemp("template")
    (folder / "team-shape.yaml").write_text(answers("Template"))
    (folder / "practices.yaml").write_text(answers("Template", template=PRACTICES))
    out = folder / "report.json"
    code, _, err = cli("report", folder, "-f", "json", "--exit-zero", "-o", out)
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out.read_text())
    return doc


def score_at(entry: dict[str, Any], overall: float) -> None:
    """The entry scored ``overall``, every section at that score, so that the report still
    adds up (the strict reader refuses one whose overall is not its sections' aggregate)."""
    for section in entry["score"]["sections"]:
        if section["max"]:
            section["score"] = overall
            section["earned"] = round(section["max"] * overall / 100, 2)
    entry["score"]["overall"] = overall


def fabricate(
    template: dict[str, Any],
    folder: Path,
    repository: str,
    team: str,
    when: dt.datetime,
    overall: float | None = None,
    **extra: Any,
) -> Path:
    """A report as ``repository``'s CI would publish it at ``when``."""
    doc = copy.deepcopy(template)
    sha = sha_of(repository, when)
    doc["provenance"] = {
        "ci": "github-actions",
        "repository": repository,
        "repository_url": f"https://github.com/{repository}",
        "commit": sha,
        "commit_url": f"https://github.com/{repository}/commit/{sha}",
        "ref": "main",
        "run_url": f"https://github.com/{repository}/actions/runs/7",
        "generated": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    for entry in doc["files"]:
        entry["team"] = team
        if overall is not None and entry["checklist"]["id"] == "team-shape":
            score_at(entry, overall)
    for key, value in extra.items():
        doc["files"][0][key] = value
    path = folder / f"{repository.replace('/', '-')}-{when:%Y%m%d%H%M}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2))
    return path


DAY1 = dt.datetime(2026, 11, 2, 9, 0)
DAY2 = dt.datetime(2026, 11, 16, 9, 0)


def org_site(tmp_path: Path, *extra: str) -> Site:
    code, _, err = cli("org", "init", tmp_path / "site", "--organisation", "Acme", *extra)
    assert code == 0, err
    conf = tmp_path / "site" / "conf.py"
    conf.write_text(conf.read_text() + 'playbook_today = "2026-12-07"\n')
    return Site(tmp_path / "site")


def collect(*paths: Path, into: Path) -> str:
    code, _, err = cli("collect", *paths, "--into", into, "--today", "2026-12-07")
    assert code == 0, err
    return err


def page(site: Site, name: str) -> str:
    return (site.srcdir / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture
def three(template: dict[str, Any], tmp_path: Path) -> Site:
    """Three teams, two CI runs each, collected; an org site built over them."""
    runs = tmp_path / "runs"
    for repo, team in (("acme/search", "Search"), ("acme/fraud", "Fraud"), ("data/lake", "Lake")):
        fabricate(template, runs, repo, team, DAY1, overall=40.0)
        fabricate(template, runs, repo, team, DAY2, overall=55.5)
    collect(runs, into=tmp_path / "site" / "reports")
    site = org_site(tmp_path)
    site.build()
    assert site.warnings == "", site.warnings
    return site


def test_org_init_writes_a_site_and_never_overwrites(tmp_path: Path) -> None:
    code, _, err = cli("org", "init", tmp_path / "s", "--organisation", 'Acme "R&D"')
    assert code == 0, err
    conf = (tmp_path / "s" / "conf.py").read_text()
    assert "project = 'Acme \"R&D\": ML teams'" in conf
    assert "playbook_collection = 'reports'" in conf and "html_theme = 'furo'" in conf
    index = (tmp_path / "s" / "index.md").read_text()
    assert index.startswith('# Acme \\"R\\&D\\"\\: ML teams\n')
    assert "```{organisation}" in index and "```{topology} topology.yaml" in index
    code, _, err = cli("org", "init", tmp_path / "s")
    assert code == 2 and "file exists; not overwriting it [PC501]" in err
    assert cli("org", "init", tmp_path / "s", "--force", "--theme", "alabaster")[0] == 0
    assert "html_theme = 'alabaster'" in (tmp_path / "s" / "conf.py").read_text()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--organisation", "<script>alert(1)</script>"),
        ("--organisation", "x" * 200),
        ("--theme", "furo; import os"),
        ("--collection", "../outside"),
        ("--groups", "/etc/groups.yaml"),
    ],
)
def test_org_init_refuses_what_would_become_code_or_leave_the_site(
    tmp_path: Path, option: str, value: str
) -> None:
    code, _, err = cli("org", "init", tmp_path / "s", option, value)
    assert code == 2 and "[PC014]" in err
    assert not (tmp_path / "s").exists()


def test_one_row_per_team_with_newest_score_commit_date_and_trend(three: Site) -> None:
    html = page(three, "org/acme")
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", html, flags=re.S)
    assert len(rows) == 2  # acme/fraud and acme/search: one row each
    search = next(r for r in rows if "acme/search" in r)
    assert "<strong>55.5</strong>" in search  # the newest of two reports
    sha = sha_of("acme/search", DAY2)
    assert f'href="https://github.com/acme/search/commit/{sha}"' in search
    assert f"<code>{sha[:7]}</code>" in search
    assert "playbook-sparkline" in search and "2 assessments: 2026-11-02 40, 2026-11-16 55.5" in (
        search
    )
    assert "▲ 15.5 since 2026-11-02" in search
    assert 'src="badges/acme/search/search.svg"' in search
    assert 'href="teams/acme/search/search.html"' in search
    index = page(three, "index")
    assert "3 teams in 2 groups, 2 checklists, from 6 reports" in index
    assert 'href="org/acme.html"' in index and 'href="org/data.html"' in index


def test_each_team_has_a_page_with_its_trend_and_a_badge(three: Site) -> None:
    html = page(three, "org/teams/acme/search/search")
    assert "<h1>Search</h1>" in html
    assert "playbook-chart-trend" in html and "2026-11-16: score 55.5" in html
    assert "[![ML playbook](org/badges/acme/search/search.svg)]" in html
    svg = three.srcdir / "_build" / "html" / "org" / "badges" / "acme" / "search" / "search.svg"
    root = ET.fromstring(svg.read_text())
    assert root.get("role") == "img" and "ML playbook: " in (root.get("aria-label") or "")
    per_checklist = svg.with_suffix("") / "team-shape.svg"
    assert "55.5" in per_checklist.read_text()


def test_a_new_report_rebuilds_only_what_shows_it(
    three: Site, template: dict[str, Any], tmp_path: Path
) -> None:
    out = three.srcdir / "_build" / "html"
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    new = fabricate(template, tmp_path / "late", "acme/search", "Search", dt.datetime(2026, 12, 1))
    collect(new, into=three.srcdir / "reports")
    three.build()
    assert three.warnings == ""
    assert three.reread == ["index"]
    changed = sorted(
        str(p.relative_to(out)) for p in out.rglob("*.html") if p.stat().st_mtime_ns != before[p]
    )
    assert "org/teams/acme/search/search.html" in changed and "org/acme.html" in changed
    assert "org/teams/acme/fraud/fraud.html" not in changed
    assert "org/teams/data/lake/lake.html" not in changed and "org/data.html" not in changed
    assert "2026-12-01" in page(three, "org/teams/acme/search/search")
    # Nothing new: nothing re-read.
    three.build()
    assert three.reread == []


def test_team_text_never_becomes_markup(template: dict[str, Any], tmp_path: Path) -> None:
    evil = '<script>window.__pwned=1</script>"><img src=x onerror=alert(1)>'
    doc = copy.deepcopy(template)
    doc["files"][0]["checklist"]["title"] = evil
    doc["files"][0]["score"]["level"] = evil
    doc["files"][0]["findings"][0]["title"] = evil
    doc["files"][0]["findings"][0]["advice"] = evil
    runs = tmp_path / "runs"
    fabricate(doc, runs, "acme/search", evil, DAY1)
    collect(runs, into=tmp_path / "site" / "reports")
    site = org_site(tmp_path)
    site.build()
    out = site.srcdir / "_build" / "html"
    for path in [*out.rglob("*.html"), *out.rglob("*.svg")]:
        text = path.read_text(encoding="utf-8")
        assert "<script>window" not in text and "<img src=x" not in text, path
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page(site, "org/acme")


def test_a_broken_or_forged_index_is_a_warning_not_a_crash(three: Site) -> None:
    (three.srcdir / "reports" / "acme" / "fraud" / INDEX).write_text('{"format": NaN}')
    index = three.srcdir / "reports" / "data" / "lake" / INDEX
    data = json.loads(index.read_text())
    data["reports"][0]["assessments"][0]["overall"] = "<b>"
    index.write_text(json.dumps(data))
    three.build()
    assert "reports/acme/fraud/@index.json" in three.warnings and "[PC610]" in three.warnings
    assert "reports/data/lake/@index.json" in three.warnings
    assert "Traceback" not in three.warnings
    assert "acme/search" in page(three, "org/acme")


def test_an_assessment_dated_in_the_future_is_left_out(
    template: dict[str, Any], tmp_path: Path
) -> None:
    runs = tmp_path / "runs"
    fabricate(template, runs, "acme/search", "Search", DAY1, overall=40.0)
    fabricate(template, runs, "acme/search", "Search", dt.datetime(9999, 12, 31), overall=99.0)
    code, _, err = cli(
        "collect", runs, "--into", tmp_path / "site" / "reports", "--today", "2026-12-07"
    )
    assert code == 0 and "[PC807]" in err
    site = org_site(tmp_path)
    site.build()
    assert "is dated 9999-12-31T00:00:00Z, after 2026-12-07; it is left out [PC611]" in (
        site.warnings
    )
    html = page(site, "org/acme")
    assert "<strong>40</strong>" in html and "<strong>99</strong>" not in html


def test_groups_come_from_the_groups_file(three: Site) -> None:
    (three.srcdir / "groups.yaml").write_text(
        "Payments: [acme/fraud, Data/Lake]\nSearch: [acme/search, 'not a path']\n"
    )
    conf = three.srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'playbook_groups = "groups.yaml"\n')
    three.build()
    assert "groups.yaml:2" in three.warnings and "'not a path' is not a repository path" in (
        three.warnings
    )
    payments = page(three, "org/payments")
    assert "acme/fraud" in payments and "data/lake" in payments and "acme/search" not in payments


def test_a_large_group_is_split_into_pages(template: dict[str, Any], tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    for i in range(120):
        fabricate(template, runs, f"acme/team-{i:03d}", f"Team {i:03d}", DAY1)
    collect(runs, into=tmp_path / "site" / "reports")
    site = org_site(tmp_path)
    site.build()
    assert site.warnings == ""
    first, third = page(site, "org/acme"), page(site, "org/acme-3")
    assert first.count('<tr><th scope="row">') == 50 and third.count('<tr><th scope="row">') == 20
    assert "(page 1 of 3)" in first and 'href="acme-2.html"' in first
    for name in ("org/acme", "org/acme-2", "org/acme-3", "index"):
        assert len(page(site, name).encode()) < 1024 * 1024


def test_a_superseded_checklist_version_is_marked(template: dict[str, Any], tmp_path: Path) -> None:
    doc = copy.deepcopy(template)
    doc["files"][0]["checklist"]["version"] = "1.2.0"
    doc["files"][0]["answered_version"] = "1.2"
    fabricate(doc, tmp_path / "runs", "acme/search", "Search", DAY1)
    collect(tmp_path / "runs", into=tmp_path / "site" / "reports")
    site = org_site(tmp_path)
    site.build()
    current = template["files"][0]["checklist"]["version"]
    assert not current.startswith("1.")
    assert f'class="playbook-version-superseded">v1.2.0, superseded by {current}' in page(
        site, "org/acme"
    )


def test_the_site_builds_in_another_theme(three: Site) -> None:
    conf = three.srcdir / "conf.py"
    conf.write_text(conf.read_text().replace("html_theme = 'furo'", "html_theme = 'alabaster'"))
    three.build()
    assert three.warnings == ""
    html = page(three, "org/teams/acme/search/search")
    assert "furo" not in html and "<h1>Search</h1>" in html


def test_without_a_collection_the_directive_says_how_to_start(tmp_path: Path) -> None:
    site = org_site(tmp_path)
    site.build()
    assert "'reports' is not a folder; collect reports into it" in site.warnings
    (site.srcdir / "reports").mkdir()
    (site.srcdir / "reports" / MARKER).write_text(
        '{"format": "playbook-check-collection", "format_version": 1, "repositories": []}'
    )
    site.build()
    assert site.warnings == "" and "No reports collected yet." in page(site, "index")


def test_a_regrouping_leaves_no_stale_group_page(three: Site) -> None:
    out = three.srcdir / "_build" / "html" / "org"
    assert (out / "acme.html").is_file()
    (three.srcdir / "groups.yaml").write_text("Everyone: [acme/search, acme/fraud, data/lake]\n")
    conf = three.srcdir / "conf.py"
    conf.write_text(conf.read_text() + 'playbook_groups = "groups.yaml"\n')
    three.build()
    assert three.warnings == ""
    assert (out / "everyone.html").is_file()
    assert not (out / "acme.html").exists() and not (out / "data.html").exists()


def test_many_owners_without_a_groups_file_page_teams_by_name() -> None:
    from checker.org.history import Team, group_teams

    teams = [Team(f"owner-{i:03d}/repo", f"Team {i:03d}", "t") for i in range(130)]
    groups = group_teams(teams, None)
    assert [g.name for g in groups] == ["Teams 1 to 50", "Teams 51 to 100", "Teams 101 to 130"]
    assert [len(g.teams) for g in groups] == [50, 50, 30]
    few = group_teams(teams[:10], None)
    assert [g.name for g in few] == [f"owner-{i:03d}" for i in range(10)]
