"""Topology drawings in headless Chromium: the real rendering's geometry at 30 and 300 teams,
legible on a 1280 x 900 screen and on a phone, dark mode, and zoom and pan in the site."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from checker.topology.check import check_topology, evaluate
from checker.topology.draw import PALETTE, draw
from checker.topology.load import load_topology_text
from checker.topology.scaffold import generated

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DRAWINGS = ROOT / "tests" / "topology" / "drawings"
PAGES = {
    "docs/examples/platform-stream.html": ROOT
    / "examples/platform-stream/topology/organisation.yaml",
    "docs/examples/regulated-bank.html": ROOT
    / "examples/regulated-bank/topology/organisation.yaml",
}

# For every text in the drawing: its rendered size in CSS pixels and whether its real box
# stays inside the shape of the team or provider holding it (rotated texts included).
MEASURE = """(svg) => {
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const size = parseFloat(getComputedStyle(t).fontSize);
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const holder = t.closest('g.team, g.provider');
    let inside = true;
    if (holder && !t.closest('g.findings')) {
      const shape = holder.querySelector('.shape').getBoundingClientRect();
      const box = t.getBoundingClientRect();
      inside = box.left >= shape.left - 0.5 && box.right <= shape.right + 0.5 &&
               box.top >= shape.top - 0.5 && box.bottom <= shape.bottom + 0.5;
    }
    out.push({px: size * scale, inside: inside, text: t.textContent});
  }
  return out;
}"""
OVERLAPS = """(svg) => {
  const boxes = [...svg.querySelectorAll('g.team, g.provider')].map(
    g => g.querySelector('.shape').getBoundingClientRect());
  let n = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
        a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) n++;
  }
  return n;
}"""


@cache
def _svg(name: str) -> str:
    if name == "three-hundred":
        org, diagnostics = load_topology_text(generated(300), "big.yaml")
        return draw(evaluate(org, "big.yaml", diagnostics))
    return draw(check_topology(DRAWINGS / f"{name}.yaml"))


def _standalone(page: Any, svg: str, width: int, height: int) -> Any:
    page.set_viewport_size({"width": width, "height": height})
    page.set_content(f"<!doctype html><body style='margin:0'>{svg}</body>")
    return page.locator("svg")


def test_thirty_teams_fit_one_1280_by_900_screen_legibly(page: Any) -> None:
    svg = _standalone(page, _svg("thirty"), 1280, 900)
    box = svg.bounding_box()
    assert box is not None and box["width"] <= 1280 and box["height"] <= 900
    texts = svg.evaluate(MEASURE)
    assert len(texts) > 60
    assert min(t["px"] for t in texts) >= 11  # at its own size: nothing to zoom
    assert [t["text"] for t in texts if not t["inside"]] == []
    assert svg.evaluate(OVERLAPS) == 0
    page.screenshot(path=str(Path("/tmp") / "topology-thirty.png"))


def test_three_hundred_teams_keep_their_geometry_when_rendered(page: Any) -> None:
    svg = _standalone(page, _svg("three-hundred"), 1280, 900)
    texts = svg.evaluate(MEASURE)
    assert len(texts) > 600
    assert [t["text"] for t in texts if not t["inside"]] == []
    assert svg.evaluate(OVERLAPS) == 0


def test_dark_mode_uses_the_dark_palette(browser: Any) -> None:
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        svg = _standalone(page, _svg("five"), 1280, 900)
        fills = svg.evaluate(
            """(svg) => ({
              band: getComputedStyle(svg.querySelector('g.team-stream-aligned .shape')).fill,
              name: getComputedStyle(svg.querySelector('g.team-stream-aligned text')).fill,
              bg: getComputedStyle(svg.querySelector('rect.bg')).fill,
            })"""
        )
    finally:
        context.close()

    def rgb(colour: str) -> str:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return f"rgb({r}, {g}, {b})"

    dark = PALETTE["dark"]
    assert fills == {"band": rgb(dark["sa"]), "name": rgb(dark["ink"]), "bg": rgb(dark["bg"])}


@pytest.mark.parametrize("url", sorted(PAGES))
def test_site_drawing_is_accessible_legible_and_zooms(
    page: Any, served: dict[str, str], url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{served['real']}/{url}")
    result = check_topology(PAGES[url])
    org = result.organisation
    assert org is not None
    figure = page.get_by_role("group", name=f"Team topology of {org.name}")
    assert figure.count() == 1  # the accessible name is the SVG's <title>
    described = figure.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
    )
    assert described.startswith(f"{len(org.teams)} teams")
    holder = page.locator("figure.playbook-topology")
    svg = holder.locator("svg")
    # On a phone the drawing stays at a legible size and the figure scrolls.
    texts = svg.evaluate(MEASURE)
    assert min(t["px"] for t in texts) >= 9.5
    assert [t["text"] for t in texts if not t["inside"]] == []
    frame = holder.bounding_box()
    assert frame is not None and frame["x"] >= 0 and frame["x"] + frame["width"] <= 390
    assert holder.evaluate("f => f.scrollWidth > f.clientWidth")
    assert holder.get_attribute("tabindex") == "0"  # the arrow keys scroll it
    # The zoom buttons: the whole picture fits the figure; zooming in grows it.
    page.get_by_role("button", name="Show the whole picture").click()
    assert holder.evaluate("f => f.scrollWidth <= f.clientWidth + 1")
    before = float(holder.get_attribute("data-zoom") or 0)
    page.get_by_role("button", name="Zoom in").click()
    assert float(holder.get_attribute("data-zoom") or 0) > before
    page.get_by_role("button", name="Show at its own size").click()
    assert holder.get_attribute("data-zoom") == "1.000"
    # The table alternative lists every team, with its interactions.
    table = page.locator("table.playbook-topology-table")
    assert table.locator("tbody tr").count() == len(org.teams) + len(org.providers)
    body = table.inner_text()
    for team in org.teams.values():
        assert team.name in body
    for team in (t for t in org.teams.values() if t.page):
        assert page.get_by_role("link", name=re.compile(re.escape(team.name))).count() >= 1


def test_dragging_pans_a_large_drawing(page: Any, served: dict[str, str]) -> None:
    page.set_viewport_size({"width": 800, "height": 700})
    page.goto(f"{served['real']}/docs/examples/regulated-bank.html")
    holder = page.locator("figure.playbook-topology")
    page.get_by_role("button", name="Show at its own size").click()
    page.get_by_role("button", name="Zoom in").click()
    box = holder.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] - 20, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 40, box["y"] + 40, steps=5)
    page.mouse.up()
    assert holder.evaluate("f => f.scrollLeft") > 0


def test_worked_reorganisation_draws_every_step(page: Any, served: dict[str, str]) -> None:
    page.goto(f"{served['real']}/docs/evolution/complicated-subsystem-to-stream-aligned.html")
    assert page.locator("svg.playbook-topology").count() == 6
    titles = page.locator("svg.playbook-topology > title").evaluate_all("els => els.map(e => e.id)")
    assert len(set(titles)) == 6  # ids stay unique with several drawings in one page
    assert page.locator("table.playbook-topology-table").count() == 6
    assert page.locator(".playbook-topology-zoom").count() == 6


def test_a_300_team_organisation_stays_legible(page: Any) -> None:
    org, diagnostics = load_topology_text(generated(300), "big.yaml")
    assert org is not None
    svg = draw(evaluate(org, "big.yaml", diagnostics))
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(f"<!doctype html><body style='margin:0'>{svg}</body>")
    texts = page.locator("svg").evaluate(MEASURE)
    assert len(texts) > 300
    assert min(t["px"] for t in texts) >= 9.5
    assert [t["text"] for t in texts if not t["inside"]] == []
    overlaps = page.locator("svg").evaluate(
        """(svg) => {
          const boxes = [...svg.querySelectorAll('g.team > rect')].map(r => r.getBBox());
          let n = 0;
          for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.x < b.x + b.width && b.x < a.x + a.width &&
                a.y < b.y + b.height && b.y < a.y + a.height) n++;
          }
          return n;
        }"""
    )
    assert overlaps == 0


@pytest.mark.parametrize("name", ["startup-managed", "bank-sr-11-7", "central-mlops-by-request"])
def test_providers_by_request_and_oversight_stay_legible(page: Any, name: str) -> None:
    """The format's additions (issue 19): external providers, by-request and oversight chips
    fit their shapes at phone width."""
    path = ROOT / "tests" / "topology" / "organisations" / f"{name}.yaml"
    org, diagnostics = load_topology_text(path.read_text(encoding="utf-8"), path.name)
    assert org is not None, diagnostics
    svg = draw(evaluate(org, path.name, diagnostics))
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(f"<!doctype html><body style='margin:0'>{svg}</body>")
    texts = page.locator("svg").evaluate(MEASURE)
    assert min(t["px"] for t in texts) >= 9.5
    assert [t["text"] for t in texts if not t["inside"]] == []
    assert page.locator("g.provider").count() == len(org.providers)
