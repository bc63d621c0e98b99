"""The ML Test Score checklist reproduces the paper's published arithmetic: 0 / 0.5 / 1 point per
test, a section scores its sum, the final score is the minimum over the four sections, and the
bands 0, (0,1], (1,2], (2,3], (3,5], >5 include their upper bounds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ChecklistRegistry([ROOT / "checklists"])
CHECKLIST = REGISTRY.get("ml-test-score")
assert CHECKLIST is not None
SECTIONS = {s.id: [q.id for q in s.questions] for s in CHECKLIST.sections}
CODE = {"n": "not-done", "m": "manual", "a": "automated"}


def assess(tmp_path: Path, patterns: dict[str, str]) -> tuple[float, str, dict[str, float]]:
    lines = ["checklist: ml-test-score@1.0", "team: Test", "answers:"]
    for sid, pattern in patterns.items():
        assert len(pattern) == 7
        lines += [f"  {q}: {CODE[c]}" for q, c in zip(SECTIONS[sid], pattern, strict=True)]
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_answers(path, REGISTRY, CheckOptions(today=dt.date(2026, 11, 24)))
    assert result.evaluation is not None, [d.format() for d in result.diagnostics]
    score = result.evaluation.score
    assert score.overall is not None and score.level is not None
    return score.overall, score.level, {s.id: s.score or 0.0 for s in score.sections}


@pytest.mark.parametrize(
    ("patterns", "sections", "overall", "level"),
    [
        # Nothing done: 0 everywhere, "more of a research project".
        (dict.fromkeys(SECTIONS, "nnnnnnn"), [0, 0, 0, 0], 0, "Research project"),
        # Sums per section, minimum over sections: model 1.5 is the weakest.
        (
            {
                "data": "aaaaaaa",
                "model": "mmmnnnn",
                "infrastructure": "aaaannn",
                "monitoring": "mmannnn",
            },
            [7, 1.5, 4, 2],
            1.5,
            "First pass",
        ),
        # Upper bounds are inclusive: exactly 1, 2, 3 and 5.
        (
            {s: "aaaaaaa" for s in SECTIONS} | {"monitoring": "mmnnnnn"},
            [7, 7, 7, 1],
            1,
            "Holes likely",
        ),
        ({s: "aaaaaaa" for s in SECTIONS} | {"data": "aannnnn"}, [2, 7, 7, 7], 2, "First pass"),
        ({s: "aaaaaaa" for s in SECTIONS} | {"model": "mmmmmma"}, [7, 4, 7, 7], 4, "Strong"),
        (
            {s: "aaaaaaa" for s in SECTIONS} | {"infrastructure": "aammnnn"},
            [7, 7, 3, 7],
            3,
            "Reasonably tested",
        ),
        ({s: "aaaaaaa" for s in SECTIONS} | {"monitoring": "aaaaann"}, [7, 7, 7, 5], 5, "Strong"),
        # Above 5: exceptional; a half point over a band moves up.
        (
            {s: "aaaaaaa" for s in SECTIONS} | {"data": "aaaaamn"},
            [5.5, 7, 7, 7],
            5.5,
            "Exceptional",
        ),
        ({s: "mmmmmmm" for s in SECTIONS}, [3.5, 3.5, 3.5, 3.5], 3.5, "Strong"),
        (
            {s: "aaaaaaa" for s in SECTIONS} | {"model": "mnnnnnn"},
            [7, 0.5, 7, 7],
            0.5,
            "Holes likely",
        ),
    ],
)
def test_published_arithmetic(
    tmp_path: Path,
    patterns: dict[str, str],
    sections: list[float],
    overall: float,
    level: str,
) -> None:
    got_overall, got_level, got_sections = assess(tmp_path, patterns)
    assert [got_sections[s] for s in SECTIONS] == sections
    assert got_overall == overall
    assert got_level == level


def test_twenty_eight_tests_seven_per_section() -> None:
    assert list(SECTIONS) == ["data", "model", "infrastructure", "monitoring"]
    assert all(len(q) == 7 for q in SECTIONS.values())
