"""The organisation site in headless Chromium (issue 21) and the overview's columns (issue 25):
axe-core finds no violations on the overview, a group page and a team page at desktop and
phone widths, nothing overflows sideways, the badges load as images, and at 1280 px a team's
open findings are in view beside its name."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.axe import violations
from tests.browser.conftest import _Quiet
from tests.org.conftest import PRACTICES, answers, cli

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
PAGES = ("index.html", "org/acme.html", "org/teams/acme/search/search.html")


@pytest.fixture(scope="module")
def org_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.org.test_site import fabricate

    tmp = tmp_path_factory.mktemp("org-site")
    folder = tmp / "template"
    folder.mkdir()
    (folder / "team-shape.yaml").write_text(answers("Template"))
    (folder / "practices.yaml").write_text(answers("Template", template=PRACTICES))
    out = folder / "report.json"
    assert cli("report", folder, "-f", "json", "--exit-zero", "-o", out)[0] == 0
    import json

    template = json.loads(out.read_text())
    runs = tmp / "runs"
    for repo, team in (("acme/search", "Search"), ("acme/fraud", "Fraud"), ("data/lake", "Lake")):
        fabricate(template, runs, repo, team, dt.datetime(2026, 11, 2), overall=40.0)
        fabricate(template, runs, repo, team, dt.datetime(2026, 11, 16), overall=55.5)
    site = tmp / "site"
    assert cli("collect", runs, "--into", site / "reports", "--today", "2026-12-07")[0] == 0
    assert cli("org", "init", site, "--organisation", "Acme")[0] == 0
    from tests.helpers import sphinx_build

    proc = sphinx_build(site, site / "_build" / "html", "-d", str(site / "_build" / "doctrees"))
    assert proc.returncode == 0, proc.stderr
    handler = functools.partial(_Quiet, directory=str(site / "_build" / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    width = request.node.callspec.params["width"]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], errors


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_organisation_pages_are_accessible_and_fit(
    org_url: str, sized: Any, name: str, width: int
) -> None:
    sized.goto(f"{org_url}/{name}")
    assert violations(sized) == []
    assert sized.evaluate("document.documentElement.scrollWidth") <= width
    badges = sized.evaluate(
        "() => [...document.querySelectorAll('img.playbook-badge')].map(i => i.naturalWidth)"
    )
    if name != "index.html":
        assert badges and all(w > 0 for w in badges), badges


@pytest.mark.parametrize("width", [1280])
def test_open_findings_are_in_view_beside_the_team_at_1280(
    served: dict[str, str], sized: Any, width: int
) -> None:
    sized.goto(f"{served['real']}/docs/examples/index.html")
    boxes = sized.evaluate(
        """() => [...document.querySelectorAll('table.playbook-overview thead th')]
            .slice(1, 4).map(th => { const r = th.getBoundingClientRect();
                                     return [th.textContent.trim(), r.right]; })"""
    )
    assert [b[0].rstrip("⇅").strip() for b in boxes] == ["High", "Medium", "Low"]
    assert all(right <= width for _, right in boxes), boxes
