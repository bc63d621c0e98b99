"""The extension in five Sphinx themes, light and dark (the system's dark preference, which
furo, pydata-sphinx-theme and sphinx-book-theme follow by default; sphinx-rtd-theme and alabaster
have no dark mode and must stay light): axe finds nothing in the extension's output, hidden
parts stay hidden, question legends are no larger than section headings, the live score stays
in view, and the components take the theme's scheme."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import AXE
from tests.browser.conftest import _Quiet
from tests.helpers import STRICT, sphinx_build

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
THEMES = {
    "furo": True,
    "pydata_sphinx_theme": True,
    "sphinx_book_theme": True,
    "sphinx_rtd_theme": False,
    "alabaster": False,
}
"""Each theme and whether it has a dark mode."""
PAGES = ("docs/checklist.html", "docs/overview.html", "docs/pitfalls.html", "docs/recs.html")
COMPONENTS = (
    ".playbook-checklist, .playbook-form, .playbook-form-note, .playbook-pitfall, "
    ".playbook-pitfall-index, .playbook-overview-controls, .playbook-scroll, .playbook-details, "
    ".playbook-chart, .playbook-assessment, .playbook-assessment-findings"
)


@pytest.fixture(scope="module")
def themed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The test root built with each theme (strict), served on localhost."""
    tmp = tmp_path_factory.mktemp("themes")
    src = tmp / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-playbook", src)
    urls, servers = {}, []
    for theme in THEMES:
        out = tmp / theme
        proc = sphinx_build(src, out, *STRICT, "-D", f"html_theme={theme}", "-d", str(tmp / "dt"))
        assert proc.returncode == 0, proc.stderr
        handler = functools.partial(_Quiet, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[theme] = f"http://127.0.0.1:{server.server_port}"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


# Violations inside the extension's output. Colours that fail in the theme's own content (a
# link, an inline literal, a table row, as Sphinx writes them) are the theme's choice, not the
# extension's: sphinx-rtd-theme's links are 4.19:1 and its literals 3.8:1 on its background.
# A node in exactly such a pair of colours is left out; everything else must pass.
_THEME_SAMPLES = (
    '<p><a href="#">link</a> <code class="docutils literal notranslate"><span class="pre">'
    'code</span></code></p><table class="docutils align-default"><tbody>'
    '<tr class="row-odd"><td><p><a href="#">odd</a> <code class="docutils literal notranslate">'
    '<span class="pre">odd</span></code></p></td></tr>'
    '<tr class="row-even"><td><p><a href="#">even</a> <code class="docutils literal notranslate">'
    '<span class="pre">even</span></code></p></td></tr></tbody></table>'
)
_AXE_COMPONENTS = """async ([selector, samples]) => {
  const pair = n => { const d = (n.any[0] || {}).data || {}; return d.fgColor + '/' + d.bgColor; };
  const host = document.createElement('div');
  host.innerHTML = samples;
  document.querySelector(selector).parentElement.appendChild(host);
  const theirs = await axe.run({include: [host]}, {runOnly: ['color-contrast']});
  const themePairs = new Set(theirs.violations.flatMap(v => v.nodes.map(pair)));
  host.remove();
  const result = await axe.run({include: [...document.querySelectorAll(selector)]});
  return result.violations.map(v => ({
    id: v.id,
    nodes: v.nodes.filter(n => v.id !== 'color-contrast' || !themePairs.has(pair(n)))
      .map(n => n.target.join(' ') + ': ' + n.failureSummary),
  })).filter(v => v.nodes.length);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_extension_fits_the_theme(
    browser: Any, themed: dict[str, str], theme: str, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    context.add_init_script("window.PLAYBOOK_TODAY = '2026-11-24';")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    expected = "dark" if scheme == "dark" and THEMES[theme] else "light"
    for name in PAGES:
        page.goto(f"{themed[theme]}/{name}")
        assert page.evaluate(_AXE_COMPONENTS, [COMPONENTS, _THEME_SAMPLES]) == [], (
            theme,
            scheme,
            name,
        )
        used = page.evaluate(
            "s => getComputedStyle(document.querySelector(s)).colorScheme", COMPONENTS
        )
        assert (used == "dark") == (expected == "dark"), (name, used)
    page.goto(f"{themed[theme]}/docs/checklist.html")
    page.wait_for_selector(".playbook-form:not([hidden])")
    # "Why it does not apply" boxes show only for questions answered "not applicable".
    reasons = page.locator(".playbook-na-reason input[type=text]")
    assert reasons.count() > 0
    assert all(not reasons.nth(i).is_visible() for i in range(reasons.count()))
    # A question's legend is not larger than its section's heading.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.playbook-form-section')].map(s => [
            parseFloat(getComputedStyle(s.querySelector('h3')).fontSize),
            Math.max(...[...s.querySelectorAll('legend')].map(
                l => parseFloat(getComputedStyle(l).fontSize)))])"""
    )
    assert sizes and all(legend <= heading for heading, legend in sizes), sizes
    # The live score stays on screen while the reader answers questions further down, where
    # the end of the form (its place without sticking) is below the screen.
    where = page.evaluate(
        """() => {
            const qs = document.querySelectorAll('.playbook-form-question');
            qs[Math.floor(qs.length / 2)].scrollIntoView({block: 'start'});
            const r = e => document.querySelector(e).getBoundingClientRect();
            return {summary: [r('.playbook-summary').top, r('.playbook-summary').bottom],
                    layoutBottom: r('.playbook-form-layout').bottom, height: innerHeight};
        }"""
    )
    assert where["layoutBottom"] > where["height"], where  # the test means something
    top, bottom = where["summary"]
    assert top >= 0 and bottom <= where["height"] + 1, where
    context.close()
    assert errors == []
