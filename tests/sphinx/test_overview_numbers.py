"""The overview and trends read reports as teams do (issue 24, item 13 and weak spots; issue 25,
the overview's numbers): a topology report is not a team, a report of five teams gives five
rows, one report cannot rename a checklist's column, a date in the future is not "latest", two
assessments of one date in a trend are not dropped silently, and the heat-map, the table and
the caption say the same numbers in the same units."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from checker.sphinx import charts
from tests.helpers import playbook_check

from .conftest import Site
from .test_overview import _add_team, _text

ROOT = Path(__file__).resolve().parents[2]


def _report(s: Site, out: Path, *answers: Path) -> None:
    proc = playbook_check(
        "report", "--format", "json", "--checklists", s.srcdir / "checklists",
        "--today", "2026-11-24", "--exit-zero", "-o", out, *answers,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_topology_report_is_not_a_team(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    report = s.srcdir / "answers" / "teams" / "organisation.json"
    proc = playbook_check(
        "topology", "check", s.srcdir / "topology" / "org.yaml", "-f", "json", "-o", report,
        "--today", "2026-11-24", cwd=s.srcdir,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    s.build()
    assert s.warnings == "", s.warnings
    text = _text(s.html("overview"))
    assert "All teams ¶ 2 teams, 1 checklist." in text


def test_a_report_of_five_teams_gives_five_rows(
    site: Callable[[str], Site], tmp_path: Path
) -> None:
    s = site("playbook")
    elsewhere = tmp_path / "monorepo"
    (elsewhere / "fraud").mkdir(parents=True)
    shutil.copy(s.srcdir / "answers" / "teams" / "fraud" / "staffing.yaml", elsewhere / "fraud")
    files = [_add_team(elsewhere, f"t{i}", f"Team {i}", size=4 + i) for i in range(5)]
    _report(s, s.srcdir / "answers" / "teams" / "monorepo.json", *files)
    s.build()
    assert "PC603" not in s.warnings and s.warnings == "", s.warnings
    text = _text(s.html("overview"))
    assert "All teams ¶ 7 teams, 1 checklist." in text
    for i in range(5):
        assert f"Team {i} " in text


def test_one_report_cannot_rename_a_checklist_column(
    site: Callable[[str], Site], tmp_path: Path
) -> None:
    s = site("playbook")
    (tmp_path / "fraud").mkdir()
    shutil.copy(s.srcdir / "answers" / "teams" / "fraud" / "staffing.yaml", tmp_path / "fraud")
    source = _add_team(tmp_path, "payments", "Payments")
    report = s.srcdir / "answers" / "teams" / "payments.json"
    _report(s, report, source)
    data = json.loads(report.read_text(encoding="utf-8"))
    data["files"][0]["checklist"]["title"] = "Renamed by one team"
    report.write_text(json.dumps(data), encoding="utf-8")
    s.build()
    html = s.html("overview")
    assert "Renamed by one team" not in html
    assert ">Staffing (test checklist)</a></th>" in html


def test_an_assessment_dated_in_the_future_is_left_out_with_a_warning(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    fraud = s.srcdir / "answers" / "teams" / "fraud"
    text = (fraud / "staffing.yaml").read_text(encoding="utf-8")
    future = text.replace("assessed: 2026-11-20", "assessed: 9999-12-31")
    (fraud / "typo.yaml").write_text(future.replace("team-size: 5", "team-size: 40"), "utf-8")
    s.build()
    assert re.search(
        r"answers/teams/fraud/typo\.yaml:2: WARNING: 'staffing' of 'Fraud' is dated 9999-12-31, "
        r"after 2026-11-24; it is left out \[PC611\]",
        s.warnings,
    ), s.warnings
    assert "Fraud 0 2 0 70 repeatable" in _text(s.html("overview"))


def test_open_findings_come_before_the_checklists_so_they_stay_in_view(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    s.build()
    html = s.html("overview")
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", html, flags=re.S)
    assert header is not None
    cols = re.findall(r"<th [^>]*>(.*?)</th>", header.group(1))
    assert [re.sub(r"<[^>]+>", "", c) for c in cols[:4]] == ["Team", "High", "Medium", "Low"]


def test_the_heat_map_prints_the_table_s_numbers_and_whole_labels() -> None:
    node = charts.heatmap(
        "h",
        "Scores",
        [("A team with a rather long name indeed", [66.666, 4.5])],
        ["Team shape and staffing", "ML Test Score"],
        [None, 7.0],
    )
    svg = node.astext()
    assert ">66.67<" in svg and ">67<" not in svg  # the table says 66.67 too
    assert ">4.5<" in svg
    assert "…" not in re.sub(r"<title>.*?</title>|<desc[^>]*>.*?</desc>", "", svg, flags=re.S)
    words = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
    assert "Team shape and" in words and "staffing" in words
    assert "A team with a rather long" in words and "name indeed" in words


def test_the_caption_says_points_for_a_points_checklist(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    shutil.copy(ROOT / "checklists" / "ml-test-score.yaml", s.srcdir / "checklists")
    for team in ("fraud", "search"):
        text = (ROOT / "examples" / "startup" / "ml-test-score.yaml").read_text(encoding="utf-8")
        text = re.sub(r"(?m)^team: .*$", f"team: {team.title()}", text)
        (s.srcdir / "answers" / "teams" / team / "ml-test-score.yaml").write_text(text, "utf-8")
    s.build()
    text = _text(s.html("overview"))
    assert "0 to 100" not in text
    assert "Scores are out of 100; ML Test Score in points out of 7." in text


def test_a_trend_reads_reports_and_keeps_two_assessments_of_one_date(
    site: Callable[[str], Site], tmp_path: Path
) -> None:
    s = site("playbook")
    fraud = s.srcdir / "answers" / "teams" / "fraud"
    text = (fraud / "staffing.yaml").read_text(encoding="utf-8")
    (fraud / "history").mkdir()
    older = text.replace("assessed: 2026-11-20", "assessed: 2026-05-01")
    (fraud / "history" / "may.yaml").write_text(older.replace("team-size: 5", "team-size: 40"))
    source = tmp_path / "june.yaml"
    source.write_text(text.replace("assessed: 2026-11-20", "assessed: 2026-06-01"))
    _report(s, fraud / "history" / "june.json", source)
    (fraud / "history" / "copy.yaml").write_text(
        older.replace("team-size: 5", "team-size: 6"), encoding="utf-8"
    )
    page = s.srcdir / "docs" / "trend.md"
    page.write_text("# Trend\n\n```{assessment-trend} /answers/teams/fraud\n```\n")
    index = s.srcdir / "docs" / "index.md"
    index.write_text(index.read_text().replace("overview\n", "overview\ntrend\n"))
    s.build()
    html = s.html("trend")
    assert "2026-06-01: score" in html  # from the JSON report
    assert re.search(
        r"answers/teams/fraud/history/(copy|may)\.yaml:2: WARNING: a second 'staffing' "
        r"assessment of 'Fraud' for 2026-05-01 .*it is left out of the trend \[PC603\]",
        s.warnings,
    ), s.warnings
