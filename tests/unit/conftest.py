"""Fixtures for the checker's unit tests."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import textwrap
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Protocol

import pytest

from checker.cli import main
from checker.model import FileResult
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers

DATA = Path(__file__).resolve().parent.parent / "data"
CHECKLISTS = DATA / "checklists"
ANSWERS = DATA / "answers"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def registry() -> ChecklistRegistry:
    return ChecklistRegistry([CHECKLISTS])


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file in tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


class Check(Protocol):
    """The ``check`` fixture: answers given as YAML text, checked against the test checklists."""

    def __call__(
        self, text: str, *, evidence_root: Path | None = None, allow_incomplete: bool = False
    ) -> FileResult: ...


@pytest.fixture
def check(registry: ChecklistRegistry, write: Callable[[str, str], Path]) -> Check:
    """Check answers given as YAML text against the test checklists."""

    def _check(
        text: str, *, evidence_root: Path | None = None, allow_incomplete: bool = False
    ) -> FileResult:
        path = write("answers.yaml", text)
        opts = CheckOptions(
            today=TODAY, evidence_root=evidence_root, allow_incomplete=allow_incomplete
        )
        return check_answers(path, registry, opts, display="answers.yaml")

    return _check


CLEAN = """\
checklist: staffing@1.2
team: Search
answers:
  scientists: 3
  mlops-engineers: 2
  mlops-shared: no
  team-size: 7
  deploy-frequency: weekly
  practices: [version-control, ci, monitoring]
  automated-share: 90
"""


def run_cli(
    *args: str | Path, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``playbook-check ARGS`` in process through ``main(argv)``; stdout, stderr and the
    exit code come back as a CompletedProcess. ``cwd`` must be set with monkeypatch.chdir."""
    assert cwd is None, "use monkeypatch.chdir"
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        sys.stdin = old_stdin
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text and "playbook-check: internal error" not in text, text
    return subprocess.CompletedProcess(list(map(str, args)), code, out.getvalue(), err.getvalue())


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour from the environment unless a test asks for it."""
    for name in ("NO_COLOR", "FORCE_COLOR", "PLAYBOOK_CHECKLISTS"):
        monkeypatch.delenv(name, raising=False)
