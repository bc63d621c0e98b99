"""Every page of the site, as readers see it: axe finds no violation at 1280 and 390 px, in the
light scheme, in the system's dark scheme (the theme's default "auto") and with the theme's
toggle set to dark; nothing scrolls sideways; every page has a description, a favicon and
social preview metadata.

One browser page serves the whole module and each site page is loaded once: the width and the
scheme change in place. The dark runs check the rules a colour scheme can change (contrast and
links told from text by colour); the markup is the same in every scheme and is checked in full
at both widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_form import load_answers

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SOURCES = sorted(
    p.relative_to(ROOT).with_suffix(".html").as_posix() for p in (ROOT / "docs").rglob("*.md")
)
PAGES = [*SOURCES, "genindex.html", "search.html"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
HEIGHT = 900


@pytest.fixture(scope="module")
def reader(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": HEIGHT})
    context.add_init_script("window.PLAYBOOK_TODAY = '2026-11-24';")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


def _axe(page: Any, rules: list[str] | None = None) -> list[str]:
    return page.evaluate(
        """rules => axe.run(document, rules ? {runOnly: rules} : {}).then(r => r.violations.map(
            v => v.id + ': ' + v.nodes.slice(0, 5).map(
                n => n.target.join(' ') + ' ' + n.failureSummary).join(' | ')))""",
        rules,
    )


def _theme(page: Any, mode: str) -> None:
    """furo's toggle: 'light', 'dark' or 'auto' (follow the system)."""
    page.evaluate("mode => { document.body.dataset.theme = mode; }", mode)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_at_both_widths_in_every_scheme(
    served: dict[str, str], reader: Any, path: str
) -> None:
    reader.errors.clear()
    reader.set_viewport_size({"width": 1280, "height": HEIGHT})
    reader.emulate_media(color_scheme="light")
    reader.goto(f"{served['real']}/{path}")
    if path == "docs/checklists/team-shape.html":  # with results, diagnostics and findings shown
        text = (ROOT / "examples" / "central-ml" / "team-shape.yaml").read_text(encoding="utf-8")
        load_answers(reader, "team-shape", text)
    assert _axe(reader) == [], ("light", 1280)
    reader.emulate_media(color_scheme="dark")  # furo's default, "auto", now shows dark
    assert reader.evaluate("getComputedStyle(document.body).colorScheme") == "dark"
    assert _axe(reader, COLOUR_RULES) == [], ("system dark", 1280)
    reader.set_viewport_size({"width": 390, "height": HEIGHT})
    reader.evaluate("window.PlaybookSite.update()")  # as the resize event does, without waiting
    assert _axe(reader, COLOUR_RULES) == [], ("system dark", 390)
    reader.emulate_media(color_scheme="light")
    _theme(reader, "dark")  # the toggle, against a light system
    assert _axe(reader, COLOUR_RULES) == [], ("toggled dark", 390)
    _theme(reader, "light")
    assert _axe(reader) == [], ("light", 390)
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    assert reader.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_description_a_favicon_and_a_preview(
    served: dict[str, str], reader: Any, path: str
) -> None:
    reader.goto(f"{served['real']}/{path}")
    head = reader.evaluate(
        """() => {
            const meta = n => (document.querySelector(`meta[name="${n}"], meta[property="${n}"]`)
                               || {}).content || '';
            const icon = document.querySelector('link[rel~="icon"]');
            return {description: meta('description'), title: meta('og:title'),
                    ogDescription: meta('og:description'), type: meta('og:type'),
                    card: meta('twitter:card'), icon: icon ? icon.href : ''};
        }"""
    )
    assert 50 <= len(head["description"]) <= 160, head
    assert head["ogDescription"] == head["description"]
    assert head["title"] and head["type"] and head["card"], head
    assert head["icon"], head
    assert reader.request.get(head["icon"]).ok
