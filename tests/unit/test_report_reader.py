"""The one reader of JSON reports accepts every report ``playbook-check`` writes (whatever the
answers, threshold, baseline or kind of file) and refuses values that do not add up, at their
line and column. The corpus (tests/data/bad/reports) holds one refused report per class."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal, TypeAlias

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.diagnostics import CheckerError
from checker.load.json_text import JsonMap, JsonProblem, parse
from checker.pipeline import CheckOptions, check_answers
from checker.report.baseline import judge
from checker.report.document import assemble, build
from checker.report.read import parse_report
from checker.report.types import FailOn, ReportDocument
from checker.topology.check import check_topology
from checker.topology.report import entry as topology_entry
from tests.conformance.vectors import randoms, registry

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 24)
# The counts of the report's summary that must add up.
SummaryCount: TypeAlias = Literal[
    "files", "invalid", "errors", "warnings", "high", "medium", "low", "exempted"
]


def _read(doc: ReportDocument) -> ReportDocument:
    raw = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).encode()
    return parse_report(raw, "r.json").data


@pytest.fixture(scope="module")
def random_results(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Random answers to every checklist (points and percent, valid and not), checked."""
    tmp = tmp_path_factory.mktemp("answers")
    out = []
    for i, vector in enumerate(randoms(12)):
        path = tmp / f"{i}.yaml"
        path.write_bytes(vector.raw)
        options = CheckOptions(today=TODAY, allow_incomplete=i % 2 == 0)
        out.append(check_answers(path, registry(vector.directory), options))
    return out


@pytest.mark.parametrize("fail_on", ["high", "medium", "low", "none"])
def test_every_report_the_cli_writes_is_read_back(
    random_results: list[Any], fail_on: FailOn
) -> None:
    assert any(r.valid for r in random_results) and any(not r.valid for r in random_results)
    doc = build(random_results, fail_on=fail_on)
    assert _read(doc) == json.loads(json.dumps(doc))
    for result in random_results:  # and each file alone
        _read(build([result], fail_on=fail_on))


def test_a_report_judged_against_a_baseline_is_read_back(random_results: list[Any]) -> None:
    old = build(random_results[: len(random_results) // 2])
    new = build(random_results)
    judged = judge(copy.deepcopy(new), old, "old.json")
    assert "baseline" in judged
    _read(judged)


def test_a_topology_report_is_read_back() -> None:
    result = check_topology(ROOT / "tests" / "roots" / "test-playbook" / "topology" / "org.yaml")
    _read(assemble([topology_entry(result)]))


def _lying(field: SummaryCount) -> bytes:
    result = check_answers(
        ROOT / "tests" / "data" / "answers" / "high-risk.yaml",
        registry(ROOT / "tests" / "data" / "checklists"),
        CheckOptions(today=TODAY),
    )
    doc = build([result])
    doc["summary"][field] += 1
    return json.dumps(doc, indent=2, sort_keys=True).encode()


@pytest.mark.parametrize(
    "field", ["files", "invalid", "errors", "warnings", "high", "medium", "low", "exempted"]
)
def test_a_summary_that_does_not_add_up_is_refused_at_its_line(field: SummaryCount) -> None:
    raw = _lying(field)
    with pytest.raises(CheckerError) as err:
        parse_report(raw, "r.json")
    first = err.value.diagnostics[0]
    assert first.code == "PC430"
    line = raw.decode().splitlines()[first.line - 1]
    assert line.strip().startswith(f'"{field}":'), line


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('{"a": NaN}', "NaN is not a JSON number", (1, 7)),
        ('{"a": -Infinity}', "-Infinity is not a JSON number", (1, 7)),
        ('{"a": [1, 1e999]}', "the number 1e999 is out of range", (1, 11)),
        ('{"a": 9007199254740992}', "the number 9007199254740992 is out of range", (1, 7)),
        ('{"a": -' + "9" * 5000 + "}", "is out of range", (1, 7)),
        ('{"a": 1,\n "b": {"c": 1, "c": 2}}', 'duplicate key "c"', (2, 16)),
        ('{"a": "\\udc00"}', "unpaired surrogate", (1, 7)),
        ('{"a": 1, "\\ud800x": 2}', "unpaired surrogate", (1, 10)),
        ('{"a": "x"} {}', "Extra data", (1, 12)),
    ],
)
def test_strict_json_refuses_what_python_accepts(
    text: str, message: str, where: tuple[int, int]
) -> None:
    with pytest.raises(JsonProblem) as err:
        parse(text)
    assert message in err.value.message
    assert JsonMap(text).at(err.value.offset) == where


def test_strict_json_keeps_paired_surrogates_and_large_safe_numbers() -> None:
    assert parse('{"a": "\\ud83d\\ude00", "b": 9007199254740991, "c": 1e308}') == {
        "a": "😀",
        "b": 9007199254740991,
        "c": 1e308,
    }


def test_positions_are_found_by_path() -> None:
    text = '{\n  "files": [\n    {"team": "x", "é": [1,\n      2]}\n  ]\n}'
    where = JsonMap(text)
    assert where.position(("files", 0, "team")) == (3, 14)
    assert where.key_position(("files", 0, "team")) == (3, 6)
    assert where.position(("files", 0, "é", 1)) == (4, 7)
    assert where.position(("files", 0, "missing")) == (3, 5)  # the nearest enclosing value


JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON, ensure_ascii=st.booleans())
def test_strict_json_reads_what_json_writes_or_says_where_it_is_not(
    value: object, ensure_ascii: bool
) -> None:
    text = json.dumps(value, ensure_ascii=ensure_ascii)
    try:
        assert parse(text) == json.loads(text)
    except JsonProblem as exc:  # NaN, Infinity, a number beyond 2**53, an unpaired surrogate
        assert 0 <= exc.offset <= len(text) and exc.message
        assert exc.message != "not strict JSON", text


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40))
def test_strict_json_raises_only_its_own_error_on_any_text(text: str) -> None:
    try:
        parse(text)
    except JsonProblem as exc:
        assert JsonMap(text).at(exc.offset).line >= 1
