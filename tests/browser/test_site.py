"""The site as readers use it, in headless Chromium at desktop and phone widths: the overview
sorts and filters, charts carry text, figures stay legible (axe and sideways scrolling on every
page: test_every_page.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import playbook_check

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (1280, 390)
TEAMS = len([p for p in (ROOT / "examples").iterdir() if p.is_dir()])
CHECKLISTS = len(list((ROOT / "checklists").glob("*.yaml")))
PAGES = {
    "landing": "docs/index.html",
    "pitfall": "docs/pitfalls/science-without-mlops.html",
    "checklist": "docs/checklists/team-shape.html",
    "team": "docs/examples/startup.html",
    "figure": "docs/framework/index.html",
    "overview": "docs/examples/index.html",
    "topology": "docs/examples/regulated-bank.html",
}


@pytest.fixture
def sized(browser: Any, request: pytest.FixtureRequest) -> Any:
    """A page at the width given by the test's ``width`` parameter."""
    width = request.node.callspec.params["width"]
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script("window.PLAYBOOK_TODAY = '2026-11-24';")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors


def _rows(page: Any) -> list[list[str]]:
    rows: list[list[str]] = page.evaluate(
        """() => [...document.querySelectorAll('table.playbook-overview tbody tr')]
            .filter(r => !r.hidden)
            .map(r => [...r.cells].map(c => c.textContent.trim()))"""
    )
    return rows


@pytest.mark.parametrize("width", WIDTHS)
def test_overview_sorts_and_filters(served: dict[str, str], sized: Any, width: int) -> None:
    sized.goto(f"{served['real']}/{PAGES['overview']}")
    names = [r[0] for r in _rows(sized)]
    assert len(names) == TEAMS and names == sorted(names, key=str.casefold)
    first_checklist = 4  # after Team, High, Medium, Low (issue 25: the counts stay in view)
    header = sized.locator("table.playbook-overview thead th").nth(first_checklist)
    label = header.locator("a").text_content().strip()
    button = sized.get_by_role("button", name=f"Sort by {label}")
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    scores = [float(r[first_checklist].split()[0]) for r in _rows(sized)]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert [float(r[first_checklist].split()[0]) for r in _rows(sized)] == sorted(scores)
    sized.get_by_label("Filter teams by name or group").fill("harb")
    sized.wait_for_function(
        "document.querySelector('.playbook-overview-status').textContent !== ''"
    )
    assert [r[0] for r in _rows(sized)] == ["Harbour Marketplace search relevance team"]
    assert sized.text_content(".playbook-overview-status") == f"1 of {TEAMS} teams match"


def test_overview_is_complete_without_javascript(served: dict[str, str], browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{served['real']}/{PAGES['overview']}")
    assert page.locator("table.playbook-overview tbody tr").count() == TEAMS
    assert page.locator(".playbook-sort").count() == 0
    # Team names link to their pages; checklist headers link to the checklists.
    link = page.get_by_role("link", name="Trailhead (start-up, one mixed team)").first
    assert link.get_attribute("href").endswith("startup.html")
    assert (
        page.locator("table.playbook-overview thead a[href*='checklists/']").count() == CHECKLISTS
    )
    context.close()


def _cli(path: Path) -> dict[str, Any]:
    proc = playbook_check("report", "--format", "json", "--today", "2026-11-24", path, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)["files"][0]
    return result


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


@pytest.mark.parametrize("width", WIDTHS)
def test_charts_are_images_with_their_values_as_text(
    served: dict[str, str], sized: Any, width: int
) -> None:
    charts = {}
    for name in ("team", "overview"):
        sized.goto(f"{served['real']}/{PAGES[name]}")
        charts[name] = sized.evaluate(
            """() => [...document.querySelectorAll('svg[role=img]')].map(svg => {
                const [t, d] = svg.getAttribute('aria-labelledby').split(' ');
                const box = svg.getBoundingClientRect();
                const sizes = [...svg.querySelectorAll('text')].map(
                    x => x.getBoundingClientRect().height);
                return {title: document.getElementById(t).textContent,
                        desc: document.getElementById(d).textContent,
                        width: box.width, minText: Math.min(...sizes)};
            })"""
        )
    team = charts["team"]
    assert len(team) == CHECKLISTS + 1  # each checklist's section scores and one trend
    assert team[0]["title"] == (
        "Team shape and staffing: section scores of Trailhead (start-up, one mixed team)"
    )
    # The pictures state the CLI's numbers.
    now = _cli(ROOT / "examples" / "startup" / "team-shape.yaml")
    values = "; ".join(f"{s['title']}: {_num(s['score'])}" for s in now["score"]["sections"])
    assert team[0]["desc"] == f"Section scores out of 100. {values}."
    first = _cli(ROOT / "examples" / "startup" / "history" / "team-shape-2026-03-09.yaml")
    opened = sum(1 for f in first["findings"] if f["status"] == "open")
    expected = f"2026-03-09: score {_num(first['score']['overall'])}, {opened} open findings"
    assert expected in team[-1]["desc"]
    (heatmap,) = charts["overview"]
    assert "Trailhead (start-up, one mixed team): Engineering practices" in heatmap["desc"]
    for chart in [*team, heatmap]:
        assert chart["width"] <= width
        assert chart["minText"] >= 9, chart["title"]  # legible on a phone


@pytest.mark.parametrize("width", WIDTHS)
def test_figures_stay_legible_on_phones(served: dict[str, str], sized: Any, width: int) -> None:
    """The 800-unit-wide SVG figures keep 12-unit text at 10 px or more: on a phone the
    picture keeps its width and scrolls inside a focusable region."""
    sized.goto(f"{served['real']}/{PAGES['figure']}")
    image = sized.locator(".playbook-figure-scroll img").first
    assert image.evaluate("img => img.getBoundingClientRect().width") * 12 / 800 >= 10
    region = sized.locator(".playbook-figure-scroll").first
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label", timeout=1000).startswith("The four team types")


def test_the_site_root_leads_to_the_playbook(served: dict[str, str], page: Any) -> None:
    page.goto(f"{served['real']}/")
    page.wait_for_url(re.compile(r"/docs/index\.html$"))
    assert page.title().startswith("ML Team Playbook")


def test_the_before_after_figure_reads_whole_on_a_phone(
    served: dict[str, str], browser: Any
) -> None:
    """Drawn stacked (before above after), it fits a phone's column with legible text instead of
    showing only "Before" in a sideways-scrolling region."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{served['real']}/docs/evolution/index.html")
    image = page.locator("img[src$='before-after.svg']")
    box = image.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["width"] * 12 / 390 >= 10  # the smallest text, 12 of 390 units, at 10 px or more
    assert page.locator(".playbook-figure-scroll img[src$='before-after.svg']").count() == 0
    context.close()
