"""The organisation overview: rows per team, groups, caching, new folders, duplicates, reports."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from checker.sphinx.teams import result_cache
from tests.helpers import playbook_check

from .conftest import Site


def _text(html: str) -> str:
    body = html[html.index("<h1") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _touch(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def _add_team(teams: Path, unit: str, name: str, size: int = 6) -> Path:
    folder = teams / unit
    folder.mkdir()
    text = (teams / "fraud" / "staffing.yaml").read_text(encoding="utf-8")
    text = text.replace("team: Fraud", f"team: {name}").replace(
        "team-size: 5", f"team-size: {size}"
    )
    (folder / "staffing.yaml").write_text(text, encoding="utf-8")
    return folder / "staffing.yaml"


def test_teams_are_rows_with_row_headers_and_heat_classes(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    html = s.html("overview")
    assert '<th scope="row" class="playbook-team">Fraud</th>' in html
    assert (
        '<td class="playbook-heat-3"><strong>70</strong> '
        '<span class="playbook-detail">repeatable</span></td>'
    ) in html
    # A count of zero is not shown as a risk; a non-zero count is.
    assert '<td class="playbook-count-zero">0</td>' in html
    assert '<td class="playbook-count-medium">2</td>' in html
    assert 'role="region" tabindex="0" aria-label="All teams: teams by checklist"' in html
    assert "playbook-overview.js" in html
    # The heat-map is an SVG image whose description states every value.
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="overview-heatmap-\w+-t', html)
    assert "Fraud: Staffing (test checklist) 70; Search Ranking: Staffing (test checklist) 100" in (
        html
    )


def test_an_edit_rechecks_only_that_file_and_a_new_folder_is_read_without_E(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    teams = s.srcdir / "answers" / "teams"
    for i in range(10):
        _add_team(teams, f"gen-{i}", f"Generated {i}")
    app = s.build()
    cache = result_cache(app)
    assert (cache.hits, cache.misses) == (0, 12)
    _touch(teams / "gen-3" / "staffing.yaml", "team-size: 6", "team-size: 9")
    app = s.build()
    assert s.reread == ["docs/overview"]
    cache = result_cache(app)
    assert (cache.hits, cache.misses) == (11, 1)
    # A new team folder is picked up by an ordinary incremental build.
    _add_team(teams, "newcomers", "Newcomers")
    s.build()
    assert s.reread == ["docs/overview"]
    assert "Newcomers" in _text(s.html("overview"))
    # ... and a removed one disappears.
    shutil.rmtree(teams / "newcomers")
    s.build()
    assert s.reread == ["docs/overview"]
    assert "Newcomers" not in _text(s.html("overview"))


def test_an_evidence_file_appearing_invalidates_the_cached_result(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    answers = s.srcdir / "answers" / "teams" / "fraud" / "staffing.yaml"
    answers.write_text(
        answers.read_text(encoding="utf-8") + "evidence:\n  scientists: answers/roster.md\n",
        encoding="utf-8",
    )
    s.build()
    assert "evidence path 'answers/roster.md' does not exist [PC404]" in s.warnings
    (s.srcdir / "answers" / "roster.md").write_text("roster\n", encoding="utf-8")
    _touch(s.srcdir / "docs" / "overview.md", "# All teams", "# All the teams")
    s.build()
    assert "PC404" not in s.warnings


def test_two_folders_with_one_team_name_give_a_located_warning(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    teams = s.srcdir / "answers" / "teams"
    _add_team(teams, "fraud-copy", "Fraud")
    s.build()
    assert re.search(
        r"answers/teams/fraud-copy/staffing\.yaml:2: WARNING: team 'Fraud' is also named in "
        r"answers/teams/fraud/staffing\.yaml:2; the overview shows both, as separate rows "
        r"\[PC414\]",
        s.warnings,
    ), s.warnings
    assert _text(s.html("overview")).count("Fraud 0 2 0 70 repeatable") == 2


def test_dated_assessments_use_the_latest_and_same_date_copies_warn(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    fraud = s.srcdir / "answers" / "teams" / "fraud"
    text = (fraud / "staffing.yaml").read_text(encoding="utf-8")
    older = text.replace("assessed: 2026-11-20", "assessed: 2026-05-01")
    (fraud / "older.yaml").write_text(older.replace("team-size: 5", "team-size: 40"), "utf-8")
    s.build()
    assert s.warnings == ""
    assert "Fraud 0 2 0 70 repeatable" in _text(s.html("overview"))
    (fraud / "copy.yaml").write_text(text, encoding="utf-8")
    s.build()
    assert re.search(
        r"answers/teams/fraud/staffing\.yaml:2: WARNING: a second 'staffing' assessment of "
        r"'Fraud' for the same date \(2026-11-20\) as answers/teams/fraud/copy\.yaml; "
        r"it is left out \[PC603\]",
        s.warnings,
    ), s.warnings


def test_groups_give_a_section_per_group_and_unknown_members_warn(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    (s.srcdir / "answers" / "groups.yaml").write_text(
        "Risk:\n  - fraud\n  - frud\n", encoding="utf-8"
    )
    page = s.srcdir / "docs" / "overview.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "/answers/teams\n", "/answers/teams\n:groups: /answers/groups.yaml\n"
        ),
        encoding="utf-8",
    )
    s.build()
    assert re.search(
        r"answers/groups\.yaml:3: WARNING: group 'Risk' names 'frud', which has no assessments "
        r"\(hint: check the team folder's name\) \[PC604\]|answers/groups\.yaml:3: WARNING: "
        r"group 'Risk' names 'frud', which has no assessments \[PC604\]",
        s.warnings,
    ), s.warnings
    text = _text(s.html("overview"))
    assert "Risk (1 team)" in text and "Other teams (1 team)" in text
    assert "Overall score by group (mean of its teams) and checklist" in text
    assert (
        text.index("Risk (1 team) ¶ Team")
        < text.index("Fraud 0 2 0 70")
        < text.index("Other teams (1 team)")
        < text.index("Search Ranking 100")
    )


def test_json_reports_from_ci_are_read_and_validated(
    site: Callable[[str], Site], tmp_path: Path
) -> None:
    s = site("playbook")
    teams = s.srcdir / "answers" / "teams"
    elsewhere = tmp_path / "team-repos"
    (elsewhere / "fraud").mkdir(parents=True)
    shutil.copy(teams / "fraud" / "staffing.yaml", elsewhere / "fraud")
    source = _add_team(elsewhere, "payments", "Payments")
    report = teams / "payments.json"
    proc = playbook_check(
        "report",
        "--format",
        "json",
        "--checklists",
        s.srcdir / "checklists",
        "--today",
        "2026-11-24",
        "-o",
        report,
        source,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    s.build()
    assert s.warnings == ""
    text = _text(s.html("overview"))
    assert "Payments 0 2 0 70 repeatable" in text
    # A report that does not follow the schema is a located warning (the CLI's error), and is
    # left out.
    data = json.loads(report.read_text(encoding="utf-8"))
    data["files"][0]["score"]["overall"] = "high"
    report.write_text(json.dumps(data, indent=2), encoding="utf-8")
    s.build()
    assert re.search(
        r"answers/teams/payments\.json:\d+: WARNING: .*overall.*\[PC412\]", s.warnings
    ), s.warnings
    assert "Payments" not in _text(s.html("overview"))
