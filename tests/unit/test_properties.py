"""Property-based tests (hypothesis) for the loader and the rules engine."""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker import conditions as c
from checker.diagnostics import CheckerError
from checker.load.yaml import load_bytes, load_text, resolve_plain
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers

from .conftest import CHECKLISTS

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

YAMLISH = st.text(alphabet=st.sampled_from(list("ab01:-[]{}&*!|>'\"#,?~ \n\t.%@`")), max_size=80)


@SETTINGS
@given(st.one_of(st.text(max_size=200), YAMLISH))
def test_loader_raises_only_its_own_error_on_text(text: str) -> None:
    try:
        load_text(text, "f.yaml")
    except CheckerError as exc:
        d = exc.diagnostics[0]
        assert d.code.startswith("PC1") and d.line >= 1 and d.column >= 1


@SETTINGS
@given(st.binary(max_size=200))
def test_loader_raises_only_its_own_error_on_bytes(raw: bytes) -> None:
    try:
        load_bytes(raw, "f.yaml")
    except CheckerError as exc:
        assert exc.diagnostics and exc.diagnostics[0].file == "f.yaml"


KEYS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    # PyYAML's emitter follows YAML 1.1, so leave out strings that YAML 1.2 reads as numbers
    # but 1.1 does not (0o17, 0E0), and 1.1's extra line breaks (NEL, LS, PS).
    st.text(st.characters(blacklist_characters="\x85\u2028\u2029"), max_size=20).filter(
        lambda s: isinstance(resolve_plain(s), str)
    ),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


@SETTINGS
@given(st.dictionaries(KEYS, DATA, min_size=1, max_size=5))
def test_loader_reads_back_what_a_yaml_dumper_writes(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        loaded = load_text(text, "f.yaml").data
    except CheckerError as exc:
        # Only the loader's own limits and YAML's ban on control characters may refuse.
        assert exc.diagnostics[0].code in {"PC101", "PC108"}
        return
    assert loaded == data


QUESTIONS = [
    "scientists",
    "mlops-engineers",
    "mlops-shared",
    "team-size",
    "deploy-frequency",
    "practices",
    "automated-share",
    "latency-budget",
    "context",
]
ANSWER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.floats(-1, 150, allow_nan=False),
    st.sampled_from(["yes", "no", "never", "quarterly", "weekly", "maybe", "", "ci"]),
    st.lists(st.sampled_from(["version-control", "ci", "monitoring", "bogus"]), max_size=4),
    st.fixed_dictionaries({"not_applicable": st.one_of(st.none(), st.text(max_size=10))}),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@SETTINGS
@given(
    answers=st.dictionaries(
        st.sampled_from([*QUESTIONS, "bogus", "scientist"]), ANSWER_VALUES, max_size=10
    ),
    extra=st.dictionaries(
        st.sampled_from(["notes", "evidence", "exemptions", "assessed"]), DATA, max_size=2
    ),
)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_pipeline_never_raises_and_scores_stay_in_range(
    answers: dict[str, Any],
    extra: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    doc = {"checklist": "staffing@1.2", "team": "T", "answers": answers, **extra}
    path: Path = tmp_path_factory.mktemp("p") / "a.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    result = check_answers(
        path,
        ChecklistRegistry([CHECKLISTS]),
        CheckOptions(today=dt.date(2026, 11, 24), allow_incomplete=True),
    )
    if result.evaluation is None:
        assert any(d.severity.value == "error" for d in result.diagnostics)
        return
    score = result.evaluation.score
    for s in score.sections:
        assert s.score is None or 0 <= s.score <= 100
    if score.overall is not None:
        assert 0 <= score.overall <= 100 + 1e-9
        assert math.isclose(sum(x.cost for x in score.costs), 100 - score.overall, abs_tol=1e-6)


NUM = ["n1", "n2"]
ATOMS = st.one_of(
    st.builds(
        lambda q, v: {"answer": q, "is": v},
        st.sampled_from([*NUM, "b"]),
        st.one_of(st.integers(0, 3), st.booleans()),
    ),
    st.builds(lambda q, v: {"answer": q, "at_least": v}, st.sampled_from(NUM), st.integers(0, 3)),
    st.builds(lambda q, v: {"answer": q, "below": v}, st.sampled_from(NUM), st.integers(0, 3)),
    st.builds(
        lambda q, v: {"answer": q, "answered": v}, st.sampled_from([*NUM, "b", "h"]), st.booleans()
    ),
    st.builds(lambda v: {"ratio": ["n1", "n2"], "below": v}, st.floats(0, 3)),
)
CONDITIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=8,
)
VALUES = st.fixed_dictionaries(
    {}, optional={"n1": st.integers(0, 3), "n2": st.integers(0, 3), "b": st.booleans()}
)


def truth(cond: dict[str, Any], values: dict[str, Any]) -> bool | None:
    return c.evaluate(c.parse(cond), values.get, lambda q: None if q == "h" else q in values)


@SETTINGS
@given(CONDITIONS, CONDITIONS, VALUES)
def test_rules_engine_obeys_kleene_logic(
    a: dict[str, Any], b: dict[str, Any], values: dict[str, Any]
) -> None:
    ta, tb = truth(a, values), truth(b, values)
    assert ta in (True, False, None)
    assert truth({"not": {"not": a}}, values) is ta
    assert truth({"all": [a]}, values) is ta
    assert truth({"not": {"all": [a, b]}}, values) is truth(
        {"any": [{"not": a}, {"not": b}]}, values
    )
    assert truth({"all": [a, b]}, values) is truth({"all": [b, a]}, values)
    if ta is False or tb is False:
        assert truth({"all": [a, b]}, values) is False
    if ta is True or tb is True:
        assert truth({"any": [a, b]}, values) is True


def _reads_answered(cond: dict[str, Any]) -> bool:
    return (
        "answered" in cond
        or any(_reads_answered(x) for key in ("all", "any") for x in cond.get(key, []))
        or ("not" in cond and _reads_answered(cond["not"]))
    )


@SETTINGS
@given(CONDITIONS, VALUES)
def test_more_answers_never_flip_a_known_result(
    cond: dict[str, Any], values: dict[str, Any]
) -> None:
    """Without `answered`, answering more questions can turn unknown into true or false but
    never change a result that was already known (so skipping cannot hide a finding)."""
    assume(not _reads_answered(cond))
    before = truth(cond, values)
    after = truth(cond, {"n1": 1, "n2": 2, "b": True, **values})
    if before is not None:
        assert after is before
