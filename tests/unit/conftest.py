"""Fixtures for the checker's unit tests."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

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


@pytest.fixture
def check(
    registry: ChecklistRegistry, write: Callable[[str, str], Path]
) -> Callable[..., FileResult]:
    """Check answers given as YAML text against the test checklists."""

    def _check(text: str, **options: object) -> FileResult:
        path = write("answers.yaml", text)
        opts = CheckOptions(today=TODAY, **options)  # type: ignore[arg-type]
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
