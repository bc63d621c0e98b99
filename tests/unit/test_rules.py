"""The condition language and the evaluation: findings, exemptions, scores, costs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from checker import conditions as c
from checker.model import FileResult, Status

from .conftest import CLEAN, Check

Q = {"a": 5, "b": 0, "yes": True, "multi": ["x", "y"], "choice": "k"}


def ev(data: dict[str, Any], values: dict[str, Any] | None = None) -> bool | None:
    vals = Q if values is None else values
    return c.evaluate(c.parse(data), vals.get, lambda q: None if q == "hidden" else q in vals)


@pytest.mark.parametrize(
    ("cond", "expected"),
    [
        ({"answer": "a", "is": 5}, True),
        ({"answer": "a", "at_least": 5}, True),
        ({"answer": "a", "below": 5}, False),
        ({"answer": "a", "at_least": 1, "below": 5}, False),
        ({"answer": "yes", "is": True}, True),
        ({"answer": "yes", "is": 1}, False),  # a boolean never equals a number
        ({"answer": "multi", "has": "y"}, True),
        ({"answer": "multi", "in": ["z", "x"]}, True),
        ({"answer": "choice", "in": ["j"]}, False),
        ({"answer": "missing", "is": 1}, None),
        ({"answer": "missing", "answered": False}, True),
        ({"answer": "hidden", "answered": False}, None),
        ({"not": {"answer": "missing", "is": 1}}, None),
        ({"all": [{"answer": "missing", "is": 1}, {"answer": "a", "is": 4}]}, False),
        ({"all": [{"answer": "missing", "is": 1}, {"answer": "a", "is": 5}]}, None),
        ({"any": [{"answer": "missing", "is": 1}, {"answer": "a", "is": 5}]}, True),
        ({"any": [{"answer": "missing", "is": 1}, {"answer": "a", "is": 4}]}, None),
        ({"ratio": ["b", "a"], "below": 0.5}, True),
        ({"ratio": ["a", "b"], "at_least": 100}, True),  # a/0 with a > 0 is infinite
        ({"ratio": ["b", "b"], "below": 1}, None),  # 0/0 has no value
        ({"ratio": ["a", "missing"], "below": 1}, None),
    ],
)
def test_three_valued_semantics(cond: dict[str, Any], expected: bool | None) -> None:
    assert ev(cond) is expected


def test_references_in_order() -> None:
    cond = c.parse({"all": [{"ratio": ["a", "b"], "below": 1}, {"not": {"answer": "c", "is": 1}}]})
    assert list(c.references(cond)) == ["a", "b", "c"]


def findings(result: FileResult) -> list[tuple[str, str, str]]:
    assert result.evaluation is not None
    return [(f.id, f.risk.value, f.status.value) for f in result.evaluation.findings]


def test_clean_answers_have_no_findings(check: Check) -> None:
    assert findings(check(CLEAN)) == []


def test_findings_are_sorted_by_risk_then_id(check: Check) -> None:
    text = (
        CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 1")
        .replace("mlops-shared: no", "mlops-shared: yes")
        .replace("deploy-frequency: weekly", "deploy-frequency: never")
        .replace("team-size: 7", "team-size: 12")
    )
    assert findings(check(text)) == [
        ("science-without-mlops", "high", "open"),
        ("rare-releases", "medium", "open"),
        ("shared-mlops", "medium", "open"),
        ("oversized-team", "low", "open"),
    ]


def test_triggers_point_at_the_answers(check: Check) -> None:
    result = check(CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 1"))
    assert result.evaluation is not None
    [finding] = result.evaluation.findings
    assert [(t.question, t.position.line, t.position.column) for t in finding.triggers] == [
        ("mlops-engineers", 5, 20),
        ("scientists", 4, 15),
    ]


def test_skipping_a_question_never_triggers_a_finding(check: Check) -> None:
    # no-monitoring fires on "not has monitoring"; an N/A practices answer is unknown, not false.
    text = CLEAN.replace(
        "practices: [version-control, ci, monitoring]",
        'practices: {not_applicable: "No production systems yet."}',
    )
    assert findings(check(text)) == []


def exempt(fid: str, expires: str) -> str:
    return (
        f"exemptions:\n  - finding: {fid}\n    owner: lead@example.com\n"
        f"    reason: Hiring.\n    expires: {expires}\n"
    )


def test_active_exemption_suppresses(check: Check) -> None:
    text = CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 1") + exempt(
        "science-without-mlops", "2026-11-24"
    )
    result = check(text)
    assert findings(result) == [("science-without-mlops", "high", "exempted")]
    assert result.evaluation is not None
    assert result.evaluation.findings[0].exemption is not None


def test_expired_exemption_is_itself_a_finding(check: Check) -> None:
    text = CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 1") + exempt(
        "science-without-mlops", "2026-11-23"
    )
    result = check(text)
    assert findings(result) == [
        ("expired-exemption:science-without-mlops", "high", "open"),
        ("science-without-mlops", "high", "open"),
    ]
    assert result.evaluation is not None
    assert result.evaluation.findings[0].triggers[0].position.line == 12


def test_unneeded_exemption_is_a_warning(check: Check) -> None:
    result = check(CLEAN + exempt("shared-mlops", "2027-01-01"))
    assert [(d.code, d.severity.value, d.line) for d in result.diagnostics] == [
        ("PC409", "warning", 12)
    ]


def test_weighted_scores_and_costs(check: Check) -> None:
    text = CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 1").replace(
        "practices: [version-control, ci, monitoring]", "practices: [ci]"
    )
    result = check(text)
    assert result.evaluation is not None
    score = result.evaluation.score
    people, delivery = score.sections
    # people: scientists 1/1, engineers 1/2, shared 1/1, size 1/1 -> 4/5; weight 2
    assert (people.earned, people.maximum, people.score) == (4.0, 5.0, 80.0)
    # delivery: frequency 1/1, practices 1/3, automated 1/1 -> 3/5; weight 1
    assert (delivery.earned, delivery.maximum, delivery.score) == (3.0, 5.0, 60.0)
    assert score.overall is not None and score.overall == pytest.approx((2 * 80 + 60) / 3)
    assert score.level == "repeatable"
    # Costs are the overall points each answer lost; with a weighted mean they add up.
    assert sum(x.cost for x in score.costs) == pytest.approx(100 - score.overall)
    assert [(x.question, round(x.cost, 2)) for x in score.costs] == [
        ("mlops-engineers", 13.33),
        ("practices", 13.33),
    ]


@pytest.mark.parametrize(("aggregate", "overall"), [("mean", 70.0), ("min", 60.0)])
def test_other_aggregates(
    registry: Any, write: Callable[[str, str], Any], aggregate: str, overall: float
) -> None:
    from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers

    from .conftest import CHECKLISTS

    text = (
        (CHECKLISTS / "staffing.yaml")
        .read_text()
        .replace("aggregate: weighted", f"aggregate: {aggregate}")
    )
    folder = write("cl/staffing.yaml", text).parent
    answers = write(
        "a.yaml",
        CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 1").replace(
            "practices: [version-control, ci, monitoring]", "practices: [ci]"
        ),
    )
    result = check_answers(
        answers, ChecklistRegistry([folder]), CheckOptions(today=dt.date(2026, 11, 24))
    )
    assert result.evaluation is not None
    assert result.evaluation.score.overall == pytest.approx(overall)
    if aggregate == "min":
        # Only answers in the weakest section cost overall points.
        assert {x.question for x in result.evaluation.score.costs if x.cost} == {"practices"}


def test_not_applicable_is_left_out_of_the_score(check: Check) -> None:
    text = CLEAN.replace("automated-share: 90", 'automated-share: {not_applicable: "Manual."}')
    result = check(text)
    assert result.evaluation is not None
    assert result.evaluation.score.sections[1].maximum == 4.0
    assert result.evaluation.findings == []
    assert Status.OPEN.value == "open"
