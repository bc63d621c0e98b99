"""The upgrade loses nothing a team wrote (issue 23): random answers files for every archived
release (the five bundled 1.x checklists and the test checklist's 1.x, two steps behind) are
upgraded; every answer, note, evidence and exemption survives, as a value or as a note, the new
text reads back as planned, and the result is a valid answers file of the newest version (with
``--allow-incomplete``: new and re-asked questions are blank)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker.constants import BUNDLED_CHECKLISTS
from checker.diagnostics import CheckerError, DiagnosticSink
from checker.load.yaml import load_text
from checker.model import Checklist, Question
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.upgrade.answers_file import same, upgrade_file
from checker.validate.answers import validate_answer_schema

from .test_upgrade import TEST_CHECKLISTS, _renames, survives

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(  # an upgrade takes ~80 ms (ruamel.yaml is pure Python): a fifth per pair
    max_examples=max(10, EXAMPLES // 5),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PAIRS = [(TEST_CHECKLISTS, "staffing")] + [
    (BUNDLED_CHECKLISTS, p.stem.split("@")[0])
    for p in sorted((BUNDLED_CHECKLISTS / "archive").glob("*@1.yaml"))
]
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20
)
NAMES = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Z")), min_size=1)
IDS = st.from_regex(r"[a-z]{1,6}(-[a-z]{1,6})?", fullmatch=True)
URLS = st.builds(lambda s: f"https://example.org/{s}", IDS)


def answer(q: Question) -> st.SearchStrategy[Any]:
    """Any answer a team might write: valid ones of every form, and wrong ones."""
    choices = q.choice_ids or ("x",)
    valid: dict[str, st.SearchStrategy[Any]] = {
        "yes-no": st.sampled_from([True, False, "yes", "No", "TRUE"]),
        "choice": st.sampled_from(choices),
        "multi-choice": st.lists(st.sampled_from(choices), unique=True),
        "count": st.integers(0, 40),
        "number": st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-5, 500),
        "percent": st.integers(0, 100) | st.floats(0, 100),
        "text": TEXT,
    }
    wrong = st.sampled_from([3.5, -1, "maybe", ["ci", "ci"], "weekley", 101, ["x"]])
    not_applicable = st.builds(lambda r: {"not_applicable": r}, TEXT | st.none())
    return st.one_of(valid[q.kind], valid[q.kind], st.none(), wrong, not_applicable)


@st.composite
def answers_file(draw: st.DrawFn, old: Checklist) -> dict[str, Any]:
    questions = old.question_list()
    asked = draw(st.lists(st.sampled_from(questions), unique_by=lambda q: q.id))
    data: dict[str, Any] = {
        "checklist": f"{old.id}@{old.version[0]}.{old.version[1]}",
        "team": draw(NAMES),
        "answers": {q.id: draw(answer(q)) for q in asked},
    }
    unknown = draw(st.lists(IDS, max_size=2, unique=True))
    data["answers"].update({k: draw(st.integers(0, 9) | TEXT) for k in unknown})
    ids = [q.id for q in questions] + unknown
    if draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(ids), unique=True, max_size=4))
        data["notes"] = {k: draw(TEXT) for k in keys}
    if draw(st.booleans()):
        keys = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
        data["evidence"] = {k: draw(URLS | st.lists(URLS, min_size=1, max_size=2)) for k in keys}
    findings = [f.id for f in old.findings] + ["a-finding-long-gone"]
    data["exemptions"] = [  # one per finding, as a valid file has
        {
            "finding": finding,
            "owner": draw(NAMES),
            "reason": draw(NAMES),
            "expires": draw(st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))).isoformat(),
        }
        for finding in draw(st.lists(st.sampled_from(findings), unique=True, max_size=2))
    ]
    return data


@pytest.mark.parametrize(("folder", "checklist_id"), PAIRS, ids=[p[1] for p in PAIRS])
def test_an_upgrade_keeps_everything_a_team_wrote(folder: Path, checklist_id: str) -> None:
    registry = ChecklistRegistry([folder])
    old = registry.archived(checklist_id, 1)
    assert old is not None
    renames = _renames(folder, checklist_id, 1)

    @SETTINGS
    @given(answers_file(old))
    def check(data: dict[str, Any]) -> None:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
        try:
            doc = load_text(text)
        except CheckerError:
            assume(False)
        # YAML 1.1 (PyYAML) and 1.2 read some plain scalars differently ("0E0"): the old file
        # must be valid, as the upgrade requires.
        assume(validate_answer_schema(doc, DiagnosticSink("answers.yaml")))
        before = doc.data
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "answers.yaml"
            path.write_text(text, encoding="utf-8")
            outcome = upgrade_file(path, ChecklistRegistry([folder]), 1 << 20)
            assert outcome.status == "due", [d.format() for d in outcome.diagnostics]
            assert outcome.plan is not None
            after = load_text(outcome.after).data
            assert same(after, outcome.plan.data)
            survives(before, after, renames)
            path.write_text(outcome.after, encoding="utf-8")
            result = check_answers(
                path,
                ChecklistRegistry([folder]),
                CheckOptions(today=dt.date(2026, 11, 24), allow_incomplete=True),
            )
            errors = [d.format() for d in result.diagnostics if d.severity.value == "error"]
            assert errors == [], (text, outcome.after)

    check()
