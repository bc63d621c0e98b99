"""Ratchet mode end to end: a committed baseline report lets known findings pass, and CI fails
only when the assessment gets worse; `diff` shows the change."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import playbook_check

ROOT = Path(__file__).resolve().parents[2]


def test_baseline_passes_known_findings_and_fails_when_worse(tmp_path: Path) -> None:
    answers = tmp_path / "playbook" / "team-shape.yaml"
    answers.parent.mkdir()
    shutil.copy(ROOT / "examples" / "central-ml" / "team-shape.yaml", answers)
    text = answers.read_text(encoding="utf-8").split("evidence:")[0]
    answers.write_text(text, encoding="utf-8")
    lists = ("--checklists", ROOT / "checklists")

    plain = playbook_check("validate", *lists, answers, cwd=tmp_path)
    assert plain.returncode == 1, plain.stdout  # known high-risk findings fail without a baseline

    baseline = tmp_path / "baseline.json"
    made = playbook_check("report", *lists, "-f", "json", "-o", baseline, answers, cwd=tmp_path)
    assert made.returncode == 1 and baseline.is_file()
    same = playbook_check("validate", *lists, "--baseline", baseline, answers, cwd=tmp_path)
    assert same.returncode == 0, same.stdout + same.stderr

    worse_text = text.replace('team-type: "complicated-subsystem"', 'team-type: "unclear"')
    assert worse_text != text
    answers.write_text(worse_text, encoding="utf-8")
    worse = playbook_check("validate", *lists, "--baseline", baseline, answers, cwd=tmp_path)
    assert worse.returncode == 1, worse.stdout + worse.stderr  # an unclear type lowers the score

    diff = playbook_check("diff", *lists, baseline, answers, cwd=tmp_path)
    assert diff.returncode == 1, diff.stdout + diff.stderr
    assert diff.stdout.strip()

    bad = playbook_check("validate", *lists, "--baseline", tmp_path / "nope.json", answers)
    assert bad.returncode == 2
    assert "nope.json:1:1: error: no such file [PC100]" in bad.stderr
