"""Shared pytest configuration: Sphinx's testing fixtures and the test roots."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.helpers import STRICT, sphinx_build

pytest_plugins = ["sphinx.testing.fixtures"]

REPO = Path(__file__).resolve().parents[1]
ROOTS = REPO / "tests" / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` roots."""
    return ROOTS


class BuiltSite(NamedTuple):
    """The real site, built once per test session with the strict flags."""

    html: Path
    """The HTML output folder."""
    log: str
    """What sphinx-build printed on standard error."""
    returncode: int


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site built once per session with ``-n -W --keep-going`` (what `make html`
    runs): the strict-build tests, the content tests and the browser tests share it. Under
    pytest-xdist the first worker builds it and the others wait for it (a file lock)."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    out = shared / "real-site"
    with FileLock(str(shared / "real-site.lock")):
        result = out / "result.json"
        if not result.is_file():
            proc = sphinx_build(REPO, out / "html", *STRICT, "-d", str(out / "doctrees"))
            result.write_text(
                json.dumps({"log": proc.stderr, "returncode": proc.returncode}), encoding="utf-8"
            )
        done = json.loads(result.read_text(encoding="utf-8"))
    return BuiltSite(out / "html", done["log"], done["returncode"])


SITE_MODULES = ("tests/sphinx/", "tests/browser/", "tests/ci/test_wheel.py", "test_hostile_site.py")
"""Where every test builds a Sphinx site; other such tests carry ``@pytest.mark.site``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the site-building tests ``site`` so that `make check` can leave them out."""
    for item in items:
        where = item.path.relative_to(REPO).as_posix()
        if where.startswith(SITE_MODULES[:2]) or where.endswith(SITE_MODULES[2:]):
            item.add_marker(pytest.mark.site)
