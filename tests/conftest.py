"""Shared pytest configuration: Sphinx's testing fixtures and the test roots."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def _untracked() -> set[str] | None:
    """The repository's untracked, unignored files (None outside a git checkout)."""
    try:
        proc = subprocess.run(
            ["git", "ls-files", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(proc.stdout.decode("utf-8", "replace").split("\0")) - {""}


_BEFORE: set[str] | None = None


def pytest_sessionstart(session: pytest.Session) -> None:
    """Note the untracked files before the run (on the controller, not on xdist workers)."""
    global _BEFORE
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        _BEFORE = _untracked()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A test that writes into the repository (not its tmp_path) fails the run: such files
    would be committed by the next ``git add -A``."""
    if _BEFORE is None or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    after = _untracked()
    new = sorted((after or set()) - _BEFORE)
    if new:
        print(f"\nthe tests wrote into the repository: {', '.join(new)}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


SITE_MODULES = ("tests/sphinx/", "tests/browser/", "tests/ci/test_wheel.py", "test_hostile_site.py")
"""Where every test builds a Sphinx site; other such tests carry ``@pytest.mark.site``."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the site-building tests ``site`` so that `make check` can leave them out."""
    for item in items:
        where = item.path.relative_to(REPO).as_posix()
        if where.startswith(SITE_MODULES[:2]) or where.endswith(SITE_MODULES[2:]):
            item.add_marker(pytest.mark.site)


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as on a developer's machine even when CI runs them: reports carry provenance
    only where a test sets the CI's variables itself (checker.cli.provenance)."""
    for name in ("GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(name, raising=False)
