"""The prose's examples are executable (issue 19): every pitfall page illustrates its pitfall,
and every page that recommends a shape shows it, in a ``checked-example`` the site build checks
(``tests/content/test_content.py`` builds the site with ``-n -W``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLE = re.compile(r"^:::\{checked-example\} .+\n((?::[a-z]+:.*\n)+)", re.M)
PITFALL = re.compile(r"^:::\{pitfall\} ([a-z0-9-]+)$", re.M)
RECOMMENDING = [
    "framework/team-types.md",
    "framework/capability-ownership.md",
    "framework/interaction-modes.md",
    "evolution/spinning-out.md",
    "evolution/complicated-subsystem-to-stream-aligned.md",
    "evolution/small-organisations.md",
    "pitfalls/late-regulatory-requirements.md",
    "principles/flow-metrics.md",
    "principles/regulation.md",
    "evolution/decision-guide.md",
    "framework/research-labs.md",
]


def options(page: Path) -> list[dict[str, str]]:
    """The options of every checked example on a page."""
    found = []
    for match in EXAMPLE.finditer(page.read_text(encoding="utf-8")):
        pairs = re.findall(r"^:([a-z]+):[ ]*(.*)$", match.group(1), re.M)
        found.append({key: value.strip() for key, value in pairs})
    return found


PITFALL_PAGES = sorted(p for p in (DOCS / "pitfalls").glob("*.md") if p.stem != "index")


def test_there_are_fifteen_pitfall_pages() -> None:
    assert len(PITFALL_PAGES) >= 15


@pytest.mark.parametrize("page", PITFALL_PAGES, ids=lambda p: p.stem)
def test_every_pitfall_page_checks_its_illustration(page: Path) -> None:
    (pitfall,) = PITFALL.findall(page.read_text(encoding="utf-8"))
    assert any(o.get("illustrates") == pitfall for o in options(page)), page.name


@pytest.mark.parametrize("page", RECOMMENDING)
def test_every_page_that_recommends_a_shape_checks_it(page: str) -> None:
    assert any("recommended" in o for o in options(DOCS / page)), page


def test_at_least_one_recommended_shape_is_a_topology() -> None:
    found = [o for page in RECOMMENDING for o in options(DOCS / page)]
    assert any("topology" in o and "recommended" in o for o in found)
