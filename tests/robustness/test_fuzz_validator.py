"""Fuzzing the checklist and answers validators with mutated documents (hypothesis)."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.diagnostics import CheckerError
from checker.load.yaml import load_path, load_text
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.validate.checklist import build_checklist

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = load_path(ROOT / "checklists" / "interactions.yaml").data
EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 200),
    st.floats(allow_nan=False, width=32),
    st.text(max_size=8),
    st.sampled_from(["yes", "never", "slow-feedback-loops", "1.0", "min"]),
    st.lists(st.sampled_from(["a", "never", "handover"]), max_size=3),
    st.fixed_dictionaries(
        {
            "answer": st.sampled_from(["handover", "team-api", "x"]),
            "is": st.sampled_from(["yes", "never", 3]),
        }
    ),
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


ALL_PATHS = paths(CHECKLIST)[1:]


def mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    return data


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ALL_PATHS),
            st.sampled_from(["delete", "replace", "duplicate"]),
            REPLACEMENTS,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_checklist_validator_never_raises(mutations: list[tuple[Any, ...]]) -> None:
    data = CHECKLIST
    for path, action, value in mutations:
        try:
            data = mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue
    text = yaml.safe_dump(data, sort_keys=False)
    try:
        doc = load_text(text, "c.yaml")
    except CheckerError:
        return
    checklist, sink = build_checklist(doc, pitfalls={"slow-feedback-loops"})
    assert (checklist is None) == bool(sink.errors)
    for d in sink.items:
        assert d.code.startswith("PC") and d.line >= 1 and d.column >= 1


ANSWERS = load_path(ROOT / "examples" / "central-ml" / "interactions.yaml").data
ANSWER_PATHS = paths(ANSWERS)[1:]


@SETTINGS
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(ANSWER_PATHS), st.sampled_from(["delete", "replace"]), REPLACEMENTS
        ),
        min_size=1,
        max_size=4,
    )
)
def test_answers_pipeline_never_raises(mutations: list[tuple[Any, ...]], tmp_path: Path) -> None:
    data = ANSWERS
    for path, action, value in mutations:
        try:
            data = mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue
    file = tmp_path / "a.yaml"
    file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = check_answers(file, ChecklistRegistry([ROOT / "checklists"]), CheckOptions())
    assert result.valid == (
        result.evaluation is not None
        and not any(d.severity.value == "error" for d in result.diagnostics)
    )
