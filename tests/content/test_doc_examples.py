"""The YAML examples in the format reference are real: they validate (docs that cannot rot)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from checker.load.yaml import load_text
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.validate.checklist import build_checklist

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "reference" / "checklist-format.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", PAGE, flags=re.S)


def test_the_checklist_and_answers_examples_validate_together(tmp_path: Path) -> None:
    checklist_text = next(b for b in BLOCKS if b.lstrip().startswith("id:"))
    answers_text = next(b for b in BLOCKS if "\nchecklist:" in b)
    checklist, sink = build_checklist(load_text(checklist_text, "example.yaml"))
    assert sink.items == [] and checklist is not None
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / f"{checklist.id}.yaml").write_text(checklist_text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "team.md").write_text("# Team\n", encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text(answers_text, encoding="utf-8")
    result = check_answers(
        answers,
        ChecklistRegistry([folder]),
        CheckOptions(today=dt.date(2026, 11, 24), evidence_root=tmp_path),
    )
    assert [d.format() for d in result.diagnostics if d.severity.value == "error"] == []
    assert result.evaluation is not None
    assert [f.id for f in result.evaluation.findings] == ["science-without-mlops"]
    assert result.evaluation.findings[0].status.value == "exempted"
