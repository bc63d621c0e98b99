"""The playbook's own content: checklists, pitfalls, example teams and the real site build."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.cli.lint import lint, pitfalls_in_docs
from checker.validate.checklist import load_checklist
from tests.helpers import playbook_check

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))
TEAMS = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def test_every_pitfall_is_detected_and_every_finding_has_a_pitfall() -> None:
    defined = set(pitfalls_in_docs(ROOT / "docs"))
    used = {rule.pitfall for path in CHECKLISTS for rule in load_checklist(path).findings}
    assert len(defined) >= 15
    assert defined - used == set(), "pitfalls no checklist finding detects"
    assert used - defined == set(), "findings that name an undefined pitfall"


def test_checklists_lint_clean_with_the_docs_pitfalls() -> None:
    assert len(CHECKLISTS) >= 6
    assert lint(CHECKLISTS, pitfalls_in_docs(ROOT / "docs")) == []
    for path in CHECKLISTS:
        checklist = load_checklist(path)
        assert len(checklist.question_list()) >= 8, path.name
        # The ML Test Score reproduces a published rubric that has no conditional tests.
        if checklist.id != "ml-test-score":
            assert any(q.show_if is not None for q in checklist.question_list()), path.name


def test_every_example_team_answers_every_checklist_validly() -> None:
    assert len(TEAMS) >= 4
    ids = {p.stem for p in CHECKLISTS}
    for team in TEAMS:
        assert {p.stem for p in team.glob("*.yaml")} == ids, team.name
    examples = sorted((ROOT / "examples").glob("*/*.yaml"))
    proc = playbook_check("validate", "--today", "2026-11-24", *examples, cwd=ROOT, timeout=120)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    assert "0 invalid files" in proc.stdout


@pytest.mark.parametrize(
    "svg", sorted((ROOT / "docs" / "figures").glob("*.svg")), ids=lambda p: p.name
)
def test_figures_are_accessible_svg_without_external_references(svg: Path) -> None:
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None
    text = svg.read_text(encoding="utf-8")
    assert "<script" not in text and 'href="http' not in text and "@import" not in text
