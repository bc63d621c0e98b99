"""Answers validation: kinds, unknown ids, N/A, visibility, staleness, evidence, exemptions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.model import FileResult, NotApplicable

from .conftest import CLEAN, Check


def where(result: FileResult) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.severity.value) for d in result.diagnostics]


def test_clean_answers_are_valid(check: Check) -> None:
    result = check(CLEAN)
    assert result.diagnostics == []
    assert result.valid
    assert result.evaluation is not None
    assert result.evaluation.answers.values["mlops-shared"] is False


@pytest.mark.parametrize("spelling", ["yes", "Yes", "YES", "true", "True"])
def test_yes_no_accepts_yaml_words(check: Check, spelling: str) -> None:
    result = check(CLEAN.replace("mlops-shared: no", f"mlops-shared: {spelling}"))
    assert result.evaluation is not None
    assert result.evaluation.answers.values["mlops-shared"] is True


def test_unknown_question_suggests_the_closest(check: Check) -> None:
    result = check(CLEAN.replace("  team-size: 7\n", "  team-size: 7\n  scientist: 2\n"))
    assert where(result) == [("PC401", 8, 3, "error")]
    assert "'scientists'" in result.diagnostics[0].hint
    assert result.evaluation is None


@pytest.mark.parametrize(
    ("old", "new", "line", "col"),
    [
        ("mlops-shared: no", "mlops-shared: maybe", 6, 17),
        ("scientists: 3", "scientists: three", 4, 15),
        ("scientists: 3", "scientists: -1", 4, 15),
        ("scientists: 3", "scientists: 2.5", 4, 15),
        ("scientists: 3", 'scientists: "3"', 4, 15),
        ("automated-share: 90", "automated-share: 120", 10, 20),
        ("deploy-frequency: weekly", "deploy-frequency: weakly", 8, 21),
        ("practices: [version-control, ci, monitoring]", "practices: [ci, ci]", 9, 19),
        ("practices: [version-control, ci, monitoring]", "practices: ci", 9, 14),
    ],
)
def test_wrong_answer_kind_is_positioned(
    check: Check, old: str, new: str, line: int, col: int
) -> None:
    result = check(CLEAN.replace(old, new))
    assert where(result) == [("PC403", line, col, "error")]


def test_choice_typo_suggests(check: Check) -> None:
    result = check(CLEAN.replace("deploy-frequency: weekly", "deploy-frequency: weakly"))
    assert "'weekly'" in result.diagnostics[0].hint


def test_missing_required_answer(check: Check) -> None:
    result = check(CLEAN.replace("  team-size: 7\n", ""))
    assert where(result) == [("PC405", 3, 1, "error")]
    assert "team-size" in result.diagnostics[0].message


def test_allow_incomplete_downgrades_and_scores_zero(check: Check) -> None:
    result = check(CLEAN.replace("  team-size: 7\n", "  team-size:\n"), allow_incomplete=True)
    assert where(result) == [("PC405", 7, 3, "warning")]
    assert result.evaluation is not None
    people = result.evaluation.score.sections[0]
    assert (people.earned, people.maximum) == (4.0, 5.0)


def test_not_applicable_needs_a_reason(check: Check) -> None:
    ok = check(
        CLEAN.replace(
            "automated-share: 90", 'automated-share: {not_applicable: "Manual by policy."}'
        )
    )
    assert ok.evaluation is not None
    assert ok.evaluation.answers.values["automated-share"] == NotApplicable("Manual by policy.")
    bad = check(CLEAN.replace("automated-share: 90", 'automated-share: {not_applicable: ""}'))
    assert where(bad) == [("PC405", 10, 3, "error")]
    assert "needs a reason" in bad.diagnostics[0].message


def test_hidden_question_answer_is_a_warning_and_ignored(check: Check) -> None:
    text = CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 0")
    result = check(text)
    assert where(result) == [("PC406", 6, 3, "warning")]
    assert result.evaluation is not None
    assert "mlops-shared" not in result.evaluation.visible
    assert "mlops-shared" not in result.evaluation.answers.values


def test_hidden_required_question_need_not_be_answered(check: Check) -> None:
    text = CLEAN.replace("mlops-engineers: 2", "mlops-engineers: 0").replace(
        "  mlops-shared: no\n", ""
    )
    assert check(text).diagnostics == []


def test_stale_answers_are_flagged(check: Check) -> None:
    result = check(CLEAN.replace("staffing@1.2", "staffing@1.1"))
    assert where(result) == [("PC407", 6, 3, "warning")]
    assert "staffing@1.2" in result.diagnostics[0].hint


@pytest.mark.parametrize("ref", ["staffing@2.0", "staffing@0.9", "staffing@1.3"])
def test_incompatible_versions(check: Check, ref: str) -> None:
    result = check(CLEAN.replace("staffing@1.2", ref))
    assert where(result) == [("PC402", 1, 12, "error")]


def test_unknown_checklist(check: Check) -> None:
    result = check(CLEAN.replace("staffing@1.2", "staffin@1.2"))
    assert where(result) == [("PC410", 1, 12, "error")]
    assert "'staffing'" in result.diagnostics[0].hint


def test_schema_errors_come_first(check: Check) -> None:
    result = check(CLEAN.replace("team: Search\n", "teams: Search\n"))
    assert [(d.code, d.line) for d in result.diagnostics] == [("PC202", 1), ("PC201", 2)]


def test_evidence_paths_and_urls(
    check: Check, write: Callable[[str, str], Path], tmp_path: Path
) -> None:
    write("docs/runbook.md", "# Runbook\n")
    text = CLEAN + (
        "evidence:\n"
        "  scientists: docs/runbook.md\n"
        "  deploy-frequency: [https://ci.example.com/deploys, docs/missing.md]\n"
        "  team-size: ../../etc/passwd\n"
        "  practices: ftp://example.com/x\n"
    )
    result = check(text, evidence_root=tmp_path)
    assert where(result) == [
        ("PC404", 13, 54, "error"),
        ("PC404", 14, 14, "error"),
        ("PC404", 15, 14, "error"),
    ]
    assert "does not exist" in result.diagnostics[0].message
    assert "outside" in result.diagnostics[1].message


def test_notes_and_evidence_for_unknown_questions(check: Check) -> None:
    result = check(CLEAN + "notes:\n  scientits: typo\n")
    assert where(result) == [("PC401", 12, 3, "error")]


def test_exemptions_must_name_a_finding_once(check: Check) -> None:
    ex = (
        "exemptions:\n"
        "  - {finding: shared-mlop, owner: a@example.com, reason: r, expires: 2027-01-01}\n"
        "  - {finding: rare-releases, owner: a@example.com, reason: r, expires: 2027-01-01}\n"
        "  - {finding: rare-releases, owner: a@example.com, reason: r, expires: 2027-01-01}\n"
    )
    result = check(CLEAN + ex)
    assert [(d.code, d.line) for d in result.diagnostics] == [("PC408", 12), ("PC408", 14)]
    assert "'shared-mlops'" in result.diagnostics[0].hint


def test_exemption_needs_owner_reason_and_valid_date(check: Check) -> None:
    result = check(
        CLEAN + "exemptions:\n  - {finding: rare-releases, reason: r, expires: 2027-13-01}\n"
    )
    assert {d.code for d in result.diagnostics} == {"PC202", "PC205"}
