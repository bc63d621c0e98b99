"""Topology drawings in headless Chromium: accessible, legible at phone width, complete."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from checker.topology.check import check_topology, evaluate
from checker.topology.draw import draw
from checker.topology.load import load_topology_text
from checker.topology.scaffold import generated

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "docs/examples/platform-stream.html": ROOT
    / "examples/platform-stream/topology/organisation.yaml",
    "docs/examples/regulated-bank.html": ROOT
    / "examples/regulated-bank/topology/organisation.yaml",
}

# For every text in the drawing: its rendered font size in CSS pixels, and whether it stays
# inside the shape (team band, chip or grouping frame) that holds it.
MEASURE = """(svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const holder = t.closest('g.interaction, g.findings, g.team, g.grouping, g.provider');
    let inside = true;
    if (holder && !t.hasAttribute('transform')) {
      const r = holder.querySelector('rect, circle').getBBox();
      const b = t.getBBox();
      inside = b.x >= r.x - 0.5 && b.x + b.width <= r.x + r.width + 0.5;
    }
    out.push({px: parseFloat(t.getAttribute('font-size')) * scale, inside: inside,
              text: t.textContent});
  }
  return out;
}"""


@pytest.mark.parametrize("url", sorted(PAGES))
def test_drawing_is_accessible_and_legible_on_a_phone(
    page: Any, served: dict[str, str], url: str
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{served['real']}/{url}")
    result = check_topology(PAGES[url])
    org = result.organisation
    assert org is not None
    name = f"Team topology of {org.name}"
    figure = page.get_by_role("group", name=name)  # the accessible name is the SVG's <title>
    assert figure.count() == 1
    described = figure.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
    )
    assert described.startswith(f"{len(org.teams)} teams")
    svg = page.locator("svg.playbook-topology")
    box = svg.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    texts = svg.evaluate(MEASURE)
    assert min(t["px"] for t in texts) >= 9.5
    assert [t["text"] for t in texts if not t["inside"]] == []
    # The table alternative lists every team, with its interactions.
    table = page.locator("table.playbook-topology-table")
    rows = table.locator("tbody tr")
    assert rows.count() == len(org.teams)
    body = table.inner_text()
    for team in org.teams.values():
        assert team.name in body
    # Teams with a page are links with an accessible name.
    linked = [t for t in org.teams.values() if t.page]
    for team in linked:
        assert page.get_by_role("link", name=re.compile(re.escape(team.name))).count() >= 1


def test_worked_reorganisation_draws_every_step(page: Any, served: dict[str, str]) -> None:
    page.goto(f"{served['real']}/docs/evolution/complicated-subsystem-to-stream-aligned.html")
    assert page.locator("svg.playbook-topology").count() == 6
    titles = page.locator("svg.playbook-topology > title").evaluate_all("els => els.map(e => e.id)")
    assert len(set(titles)) == 6  # ids stay unique with several drawings in one page
    assert page.locator("table.playbook-topology-table").count() == 6


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
