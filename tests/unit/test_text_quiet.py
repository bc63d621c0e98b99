"""``validate -q`` renders only what fails the run, from a selection of the report document
(``text_format.failing``): the same text as the quiet rendering of the whole document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import build
from checker.report.text_format import failing, render
from checker.report.types import FailOn
from checker.textsafe import neutralise_data

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*ROOT.glob("examples/*/*.yaml"), *(ROOT / "tests" / "data" / "bad").glob("*.yaml")])
FILES = [f for f in FILES if f.name not in ("expected.yaml", "groups.yaml")]


@pytest.mark.parametrize("fail_on", ["high", "low", "none"])
def test_the_selection_renders_as_the_whole_document(fail_on: FailOn) -> None:
    registry = ChecklistRegistry([ROOT / "checklists", ROOT / "tests" / "data" / "checklists"])
    options = CheckOptions(today=dt.date(2026, 11, 24))
    doc = build([check_answers(f, registry, options) for f in FILES], fail_on=fail_on)
    whole = render(neutralise_data(doc), quiet=True)
    assert render(neutralise_data(failing(doc)), quiet=True) == whole
    assert whole.count(": error: ") > 20  # the corpus's errors are in it
    if fail_on == "low":
        assert ": high: " in whole and ": medium: " in whole
    if fail_on == "none":
        assert ": high: " not in whole
