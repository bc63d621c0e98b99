"""Hostile but valid text is accepted and shown as text in every format, never interpreted."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import playbook_check

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "tests" / "data" / "checklists"

TEAM = "<script>alert('t')</script> **Team** | `x` :role:`y` \u202etxet lautcA \x1b[31mred"
NOTE = "<img src=x onerror=alert(1)> [link](javascript:alert(1)) <!-- c --> &amp; " + "long " * 400
HEBREW = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"  # right-to-left text
TEXT = ".. raw:: html\n\n   <b>rst</b>\n\n# heading\n| a | b |\n" + HEBREW
REASON = "Bell \x07 and NEL \x85 and <b>bold</b>, %0A::error::injected"
ANSWERS = f"""checklist: staffing@1.2
team: {json.dumps(TEAM)}
answers:
  scientists: 6
  mlops-engineers: 1
  mlops-shared: no
  team-size: 7
  deploy-frequency: weekly
  practices: [version-control, ci, monitoring]
  automated-share: {{not_applicable: {json.dumps(REASON)}}}
  context: {json.dumps(TEXT)}
notes:
  scientists: {json.dumps(NOTE)}
exemptions:
  - finding: science-without-mlops
    owner: {json.dumps(TEAM)}
    reason: {json.dumps(REASON)}
    expires: 2027-01-01
"""


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "team.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def report(path: Path, fmt: str) -> str:
    proc = playbook_check(
        "report", "--format", fmt, "--today", "2026-11-24", "--checklists", CHECKLISTS, path
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr  # valid; the high finding is exempted
    return proc.stdout


def test_json_keeps_every_character(answers: Path) -> None:
    entry = json.loads(report(answers, "json"))["files"][0]
    assert entry["valid"] is True
    assert entry["team"] == TEAM
    assert entry["notes"]["scientists"] == NOTE
    [finding] = [f for f in entry["findings"] if f["status"] == "exempted"]
    assert finding["exemption"]["reason"] == REASON
    assert finding["exemption"]["owner"] == TEAM


def test_sarif_keeps_the_text_as_data(answers: Path) -> None:
    text = report(answers, "sarif")
    assert "\x07" not in text and "\x85" not in text  # written as JSON escapes
    results = json.loads(text)["runs"][0]["results"]
    # The exempted finding (and its hostile reason) is no code-scanning alert at all.
    assert "staffing/science-without-mlops" not in {r["ruleId"] for r in results}


def test_junit_escapes_and_parses_back(answers: Path) -> None:
    root = ET.fromstring(report(answers, "junit").encode("utf-8"))
    skipped = root.find(".//skipped")
    assert skipped is not None
    message = skipped.get("message", "")
    assert "<b>bold</b>" in message  # the same text, carried as an escaped attribute
    assert "\x07" not in message  # control characters made visible, not emitted


def test_text_report_neutralises_terminal_and_bidi_controls(answers: Path) -> None:
    text = report(answers, "text")
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "\\u001b[31mred" in text and "\\u202e" in text


def test_markdown_escapes_markup(answers: Path) -> None:
    md = report(answers, "markdown")
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md
    assert "\\*\\*Team\\*\\*" in md and "\\|" in md


def test_github_annotations_cannot_be_injected(answers: Path) -> None:
    out = report(answers, "github")
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice "))
    assert "::error::injected" not in out


def test_team_text_never_takes_the_colour_of_the_tools_own_labels(tmp_path: Path) -> None:
    """Only the tool's own labels are coloured: a team named like a diagnostic is not."""
    spoof = "x:1:2: error: spoofed"
    path = tmp_path / "team.yaml"
    clean = (ROOT / "tests" / "data" / "answers" / "high-risk.yaml").read_text(encoding="utf-8")
    path.write_text(clean.replace("team: Recommendations", f'team: "{spoof}"'), "utf-8")
    proc = playbook_check(
        "validate", "--color", "always", "--checklists", CHECKLISTS, "--today", "2026-11-24", path
    )
    lines = proc.stdout.splitlines()
    team_line = next(line for line in lines if "spoofed" in line)
    assert "\x1b" not in team_line, team_line
    coloured = [line for line in lines if "\x1b[" in line]
    assert coloured and all(line.startswith((f"{path}:", "  ")) for line in coloured)
