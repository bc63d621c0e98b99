"""Ten organisations' verdicts agree with what the playbook's own pages say (issue 19).

Each folder under ``tests/data/organisations`` holds a team's answers files and
``expected.yaml``: per checklist, what the pages recommend or warn about for that team (see the
folder's README). Keys: ``raises`` / ``not_raises`` (open finding ids), ``raises_pitfall``,
``findings`` (the exact open findings, id -> risk), ``max_risk``, ``level`` / ``level_not``,
``not_applicable``, ``hidden`` (questions not asked), ``full_sections`` / ``full_sections_not``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import file_entry
from checker.report.types import FileEntry

ROOT = Path(__file__).resolve().parents[2]
ORGANISATIONS = ROOT / "tests" / "data" / "organisations"
REGISTRY = ChecklistRegistry([ROOT / "checklists"])
TODAY = dt.date(2026, 12, 1)
RANK = {"low": 1, "medium": 2, "high": 3}
KEYS = {
    "raises",
    "not_raises",
    "raises_pitfall",
    "findings",
    "max_risk",
    "level",
    "level_not",
    "not_applicable",
    "hidden",
    "full_sections",
    "full_sections_not",
    "why",
}


def cases() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for folder in sorted(p for p in ORGANISATIONS.iterdir() if p.is_dir()):
        expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        for cid, expectation in expected.items():
            if cid != "source":
                out.append((folder.name, cid, expectation))
    return out


CASES = cases()


def assess(path: Path) -> tuple[FileEntry, frozenset[str]]:
    result = check_answers(path, REGISTRY, CheckOptions(today=TODAY), display=path.name)
    entry = file_entry(result)
    assert entry["valid"], entry["diagnostics"]
    assert [d["code"] for d in entry["diagnostics"]] == [], entry["diagnostics"]
    assert result.evaluation is not None
    return entry, result.evaluation.visible


def test_every_organisation_has_answers_for_what_it_expects() -> None:
    assert len({org for org, _, _ in CASES}) == 10
    for org, cid, expectation in CASES:
        assert (ORGANISATIONS / org / f"{cid}.yaml").is_file(), (org, cid)
        assert set(expectation) <= KEYS, (org, cid, set(expectation) - KEYS)
        assert expectation.get("why"), (org, cid)


@pytest.mark.parametrize(("org", "cid", "expected"), CASES, ids=[f"{o}/{c}" for o, c, _ in CASES])
def test_the_verdict_agrees_with_the_playbook(org: str, cid: str, expected: dict[str, Any]) -> None:
    entry, visible = assess(ORGANISATIONS / org / f"{cid}.yaml")
    open_findings = {f["id"]: f["risk"] for f in entry["findings"] if f["status"] == "open"}
    pitfalls = {f["pitfall"] for f in entry["findings"] if f["status"] == "open"}
    level = entry["score"]["level"]
    sections = {s["id"]: s for s in entry["score"]["sections"]}
    for fid in expected.get("raises", []):
        assert fid in open_findings, (fid, open_findings)
    for fid in expected.get("not_raises", []):
        assert fid not in open_findings, (fid, open_findings)
    for pitfall in expected.get("raises_pitfall", []):
        assert pitfall in pitfalls, (pitfall, open_findings)
    if "findings" in expected:
        assert open_findings == expected["findings"]
    if "max_risk" in expected:
        too_high = {f: r for f, r in open_findings.items() if RANK[r] > RANK[expected["max_risk"]]}
        assert too_high == {}
    if "level" in expected:
        assert level == expected["level"]
    assert level not in expected.get("level_not", []), level
    if expected.get("not_applicable"):
        assert entry.get("not_applicable"), entry
        assert entry["score"]["overall"] is None and level is None
    for qid in expected.get("hidden", []):
        assert qid not in visible, qid
    for sid in expected.get("full_sections", []):
        assert sections[sid]["score"] == 100.0, sections[sid]
    for sid in expected.get("full_sections_not", []):
        assert sections[sid]["score"] != 100.0, sections[sid]
