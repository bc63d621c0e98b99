"""Every page of the site, as readers see it: axe finds no violation at 1280 and 390 px, in the
light scheme, in the system's dark scheme (the theme's default "auto") and with the theme's
toggle set to dark; nothing scrolls sideways; every page has a description, a favicon and
social preview metadata.

Two tabs, one at each width, serve the whole module and run axe at the same time; the scheme
changes in place. The dark runs check the rules a colour scheme can change (contrast and
links told from text by colour); the markup is the same in every scheme and is checked in full
at both widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import AXE
from tests.browser.test_form import load_answers

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    p.relative_to(ROOT).with_suffix(".html").as_posix() for p in (ROOT / "docs").rglob("*.md")
)
PAGES = [*SOURCES, "genindex.html", "search.html"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
HEIGHT = 900


def _tab(context: Any, width: int) -> Any:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": HEIGHT})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    return page


@pytest.fixture(scope="module")
def tabs(browser: Any) -> Iterator[tuple[Any, Any]]:
    """A desktop tab and a phone tab; axe runs in both at once (two renderer processes)."""
    context = browser.new_context()
    context.add_init_script("window.PLAYBOOK_TODAY = '2026-11-24';")
    context.add_init_script(path=str(AXE))
    yield _tab(context, 1280), _tab(context, 390)
    context.close()


def _axe(pages: dict[str, Any], rules: list[str] | None = None) -> dict[str, list[str]]:
    """Run axe in every tab at once; violations by tab."""
    for page in pages.values():
        page.evaluate(
            """rules => { window.__axe = axe.run(document, rules ? {runOnly: rules}
                : {rules: {'target-size': {enabled: true}}}); }""",
            rules,
        )
    return {
        name: page.evaluate(
            """() => window.__axe.then(r => r.violations.map(v => v.id + ': ' + v.nodes
                .slice(0, 5).map(n => n.target.join(' ') + ' ' + n.failureSummary).join(' | ')))"""
        )
        for name, page in pages.items()
    }


def _scheme(page: Any, system: str, toggle: str) -> None:
    """The system's preference and furo's toggle ('light', 'dark' or 'auto': follow the system)."""
    page.emulate_media(color_scheme=system)
    page.evaluate("mode => { document.body.dataset.theme = mode; }", toggle)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_at_both_widths_in_every_scheme(
    served: dict[str, str], tabs: tuple[Any, Any], path: str
) -> None:
    desktop, phone = tabs
    desktop.set_viewport_size({"width": 1280, "height": HEIGHT})
    for page in tabs:
        page.errors.clear()
        page.emulate_media(color_scheme="light")
        page.goto(f"{served['real']}/{path}")
        if path == "docs/checklists/team-shape.html":  # with results and findings shown
            text = (ROOT / "examples" / "central-ml" / "team-shape.yaml").read_text("utf-8")
            load_answers(page, "team-shape", text)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    none: dict[str, list[str]] = {"1280": [], "390": []}
    assert _axe({"1280": desktop, "390": phone}) == none, "light"
    _scheme(desktop, "dark", "auto")  # furo's default, following the system
    _scheme(phone, "light", "dark")  # the theme's toggle
    assert desktop.evaluate("getComputedStyle(document.body).colorScheme") == "dark"
    assert phone.evaluate("getComputedStyle(document.body).colorScheme") == "dark"
    assert _axe({"1280": desktop, "390": phone}, COLOUR_RULES) == none, "system / toggled dark"
    _scheme(desktop, "light", "dark")
    _scheme(phone, "dark", "auto")
    assert _axe({"1280": desktop, "390": phone}, COLOUR_RULES) == none, "toggled / system dark"
    assert desktop.errors == [] and phone.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_description_a_favicon_and_a_preview(
    served: dict[str, str], tabs: tuple[Any, Any], path: str
) -> None:
    reader = tabs[0]
    reader.set_viewport_size({"width": 1350, "height": HEIGHT})  # Lighthouse's desktop width
    reader.emulate_media(color_scheme="light")
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
    # At Lighthouse's desktop width (1350 px) furo shows "On this page" beside the text: its
    # links must be touch targets of 24 px (WCAG 2.2, 2.5.8; off by default in axe).
    assert _axe({"1350": reader}, ["target-size"]) == {"1350": []}
