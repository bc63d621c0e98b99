"""A checklist scored in points (the ML Test Score: 0 to 7 per section) is drawn and coloured
against its own best score, not against 100: a "Strong" team is not painted as the worst."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from checker.report.types import Aggregate, ScoreEntry, ScoreUnit
from checker.report.util import overall_maximum
from checker.sphinx import charts
from tests.helpers import empty_score

from .conftest import Site

ROOT = Path(__file__).resolve().parents[2]
STRONG = ROOT / "examples" / "platform-stream" / "ml-test-score.yaml"  # 4.5 points, "Strong"


def _section(
    unit: ScoreUnit, aggregate: Aggregate, *maxima_weights: tuple[float, float]
) -> ScoreEntry:
    """A score with sections of these maxima and weights (nothing earned)."""
    return empty_score(unit, aggregate, maxima_weights)


def test_the_best_overall_score_follows_the_aggregate() -> None:
    assert overall_maximum(_section("percent", "min", (7, 1))) == 100.0
    assert overall_maximum(_section("points", "min", (7, 1), (5, 1), (0, 1))) == 5.0
    assert overall_maximum(_section("points", "mean", (7, 1), (5, 3))) == 6.0
    assert overall_maximum(_section("points", "weighted", (7, 1), (5, 3))) == 5.5
    assert overall_maximum(_section("points", "weighted", (0, 1))) == 0.0


def test_heat_is_a_share_of_the_best_score() -> None:
    assert charts.heat_class(4.5) == "playbook-heat-0"  # 4.5 out of 100
    assert charts.heat_class(4.5, 7.0) == "playbook-heat-3"  # 4.5 of 7 points: 64 %
    assert charts.heat_class(None, 7.0) == charts.heat_class(3.0, 0.0) == "playbook-heat-none"


def _points_site(site: Callable[[str], Site]) -> Site:
    s = site("playbook")
    shutil.copy(ROOT / "checklists" / "ml-test-score.yaml", s.srcdir / "checklists")
    team = s.srcdir / "answers" / "teams" / "search"
    shutil.copy(STRONG, team / "ml-test-score.yaml")
    page = s.srcdir / "docs" / "search.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n```{assessment} /answers/teams/search/ml-test-score.yaml\n```\n",
        encoding="utf-8",
    )
    return s


def test_section_bars_of_a_points_checklist_are_drawn_out_of_its_best(
    site: Callable[[str], Site],
) -> None:
    s = _points_site(site)
    s.build()
    html = s.html("search")
    chart = html[html.index('id="assessment-ml-test-score') :]
    chart = chart[: chart.index("</svg>")]
    assert "Section scores in points." in chart and "6.5 of 7 points" in chart, chart[:2000]
    assert ">6.5/7</text>" in chart
    track = charts.WIDTH - 48.0  # the bar's full length
    widths = [
        float(w) for w in re.findall(r'width="([\d.]+)" height="14" class="playbook-svg-bar', chart)
    ]
    assert widths and max(widths) == round(track * 6.5 / 7, 1), widths  # data: 6.5 of 7
    assert "playbook-heat-4" in chart  # 93 % of the best, not 6.5 %
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "Overall score 4.5 of 7 points, maturity level Strong" in text


def test_the_overview_colours_a_points_checklist_against_its_best(
    site: Callable[[str], Site],
) -> None:
    s = _points_site(site)
    s.build()
    html = s.html("overview")
    cell = re.search(
        r'<td class="[^"]*(playbook-heat-\d)[^"]*"[^>]*>(?:(?!</td>).)*Strong', html, re.S
    )
    assert cell is not None and cell.group(1) == "playbook-heat-3", html[:3000]
    heatmap = html[html.index("playbook-chart-heatmap") :]
    assert "in points, out of 7" in heatmap[: heatmap.index("</desc>")]
    # Points are printed as they are (4.5), as every score is (issue 25), in the cell's colour.
    assert re.search(
        r'class="playbook-svg-cellvalue playbook-heat-3"[^>]*>4.5</text>',
        heatmap[: heatmap.index("</svg>")],
    )


def test_heat_map_prints_scores_as_the_report_and_the_tables_do() -> None:
    # It rounded percentages to whole numbers: 66.67 in the table was 67 in the picture.
    svg = str(charts.heatmap("h", "t", [("Team", [82.5, 87.5, None])], ["a", "b", "c"]))
    assert re.findall(r'cellvalue[^"]*"[^>]*>([^<]+)<', svg) == ["82.5", "87.5", "n/a"]
