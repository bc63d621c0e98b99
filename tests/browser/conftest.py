"""Build the sites once, serve them on localhost, and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BuiltSite
from tests.helpers import sphinx_build

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _build(src: Path, out: Path) -> Path:
    proc = sphinx_build(src, out, "-d", str(out.with_name(out.name + "-doctrees")))
    assert proc.returncode == 0, proc.stderr
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(
    tmp_path_factory: pytest.TempPathFactory, real_site: BuiltSite
) -> Iterator[dict[str, str]]:
    """Base URLs of the real site and of the test root (both built once per session)."""
    tmp = tmp_path_factory.mktemp("sites")
    root_src = tmp / "root-src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-playbook", root_src)
    assert real_site.returncode == 0, real_site.log
    sites = {"real": real_site.html, "root": _build(root_src, tmp / "root")}
    servers, urls = [], {}
    for name, directory in sites.items():
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_port}"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("window.PLAYBOOK_TODAY = '2026-11-24';")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    yield pg
    context.close()
    assert errors == [], errors
