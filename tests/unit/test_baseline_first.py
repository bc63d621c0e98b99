"""A first baseline can be written when one is configured, ``--no-baseline`` ignores it (issue
21, item 9), and a lower score points at the answers whose cost rose, with their lines, in every
format (item 10)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from checker.report.read import load_report

from .conftest import run_cli as run

ANSWERS = """\
checklist: team-shape@2.0
team: "Search"
assessed: 2026-11-18
answers:
  team-type: complicated-subsystem
  team-size: 12
  roles: [data-science, ml-engineering]
  scientists: 9
  ml-engineers: 2
  engineers-dedicated: no
  teams-served: 5
  scientists-shape-tooling: no
  product-owner: no
  handoffs: 4
  path-to-production: other-team
  deploy-wait: 30
  next-shape-review: none
"""
TODAY = ["--today", "2026-11-24"]


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A team repository whose configuration names a baseline that does not exist yet."""
    repo = tmp_path / "search"
    (repo / ".git").mkdir(parents=True)
    (repo / "playbook").mkdir()
    (repo / "assessments").mkdir()
    (repo / "playbook" / "team-shape.yaml").write_text(ANSWERS, encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        '[tool.playbook-check]\nfiles = ["playbook"]\nbaseline = "assessments/baseline.json"\n'
    )
    monkeypatch.chdir(repo)
    return repo


def test_the_first_baseline_is_written_although_it_is_configured(team: Path) -> None:
    # Before: exit 2, PC100 (the baseline it was about to write did not exist).
    proc = run("report", *TODAY, "-f", "json", "--exit-zero", "-o", "assessments/baseline.json")
    assert proc.returncode == 0, proc.stderr
    assert "not used as the baseline: it is the report being written" in proc.stderr
    doc = load_report(team / "assessments" / "baseline.json")
    assert "baseline" not in doc  # a baseline is never judged against itself
    # Refreshing it later (--force) is not judged against the old one either.
    proc = run("report", *TODAY, "-f", "json", "--exit-zero", "--force", "-o",
               "./assessments/../assessments/baseline.json")  # fmt: skip
    assert proc.returncode == 0 and "baseline" not in load_report("assessments/baseline.json")
    # And now it is used.
    proc = run("validate", *TODAY)
    assert proc.returncode == 0 and "not worse than the baseline" in proc.stderr


def test_a_missing_configured_baseline_is_still_an_error_elsewhere(team: Path) -> None:
    proc = run("validate", *TODAY)
    assert proc.returncode == 2 and "[PC100]" in proc.stderr


def test_no_baseline_ignores_the_configured_one(team: Path) -> None:
    proc = run("validate", *TODAY, "--no-baseline")
    assert proc.returncode == 1  # judged by --fail-on: the team has high findings
    assert "baseline" not in proc.stderr
    proc = run("report", *TODAY, "-f", "json", "--no-baseline")
    assert proc.returncode == 1 and "baseline" not in json.loads(proc.stdout)
    both = run("validate", *TODAY, "--no-baseline", "--baseline", "x.json")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def _worse(team: Path) -> None:
    run("report", *TODAY, "-f", "json", "--exit-zero", "-o", "assessments/baseline.json")
    path = team / "playbook" / "team-shape.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("other-team", "whoever-has-time"), encoding="utf-8")


def _line_of(team: Path, text: str) -> int:
    lines = (team / "playbook" / "team-shape.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_a_lower_score_points_at_the_answer_whose_cost_rose(team: Path) -> None:
    _worse(team)
    line = _line_of(team, "path-to-production:")
    proc = run("validate", *TODAY)
    assert proc.returncode == 1
    verdict = next(x for x in proc.stderr.splitlines() if "worse than the baseline" in x)
    assert verdict.startswith(f"playbook/team-shape.yaml:{line}:23: worse than the baseline: ")
    assert f"path-to-production at line {line} now costs" in verdict
    doc = json.loads(run("report", *TODAY, "-f", "json").stdout)
    rose = doc["files"][0]["baseline"]["overall"]["rose"]
    assert rose[0]["question"] == "path-to-production" and rose[0]["line"] == line
    assert rose[0]["new"] > rose[0]["old"]
    costs = {c["question"]: c for c in doc["files"][0]["score"]["costs"]}
    assert costs["path-to-production"]["line"] == line


def test_every_format_puts_the_score_drop_on_that_answer(team: Path) -> None:
    _worse(team)
    line = _line_of(team, "path-to-production:")

    def out(fmt: str) -> str:
        proc = run("report", *TODAY, "-f", fmt)
        assert proc.returncode == 1, (fmt, proc.stderr)
        return proc.stdout

    github = [x for x in out("github").splitlines() if "worse than the baseline" in x]
    assert len(github) == 1 and github[0].startswith(
        f"::error file=playbook/team-shape.yaml,line={line},col=23,"
    )
    assert "path-to-production (line" in github[0]
    gitlab = json.loads(out("gitlab"))
    drop = [i for i in gitlab if i["check_name"] == "playbook-check/score-below-baseline"]
    assert drop[0]["location"]["lines"]["begin"] == line
    sarif = json.loads(out("sarif"))
    result = next(
        r
        for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "playbook-check/score-below-baseline"
    )
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (line, 23)
    junit = ET.fromstring(out("junit"))
    failure = next(f for f in junit.iter("failure") if f.get("type") == "baseline")
    assert (failure.text or "").startswith(f"playbook/team-shape.yaml:{line}:23: ")


def test_an_older_baseline_without_positions_still_works(team: Path) -> None:
    _worse(team)
    base = team / "assessments" / "baseline.json"
    doc = json.loads(base.read_text(encoding="utf-8"))
    for cost in doc["files"][0]["score"]["costs"]:
        del cost["line"], cost["column"]
    base.write_text(json.dumps(doc), encoding="utf-8")
    proc = run("validate", *TODAY)
    assert proc.returncode == 1 and "path-to-production at line" in proc.stderr


def test_the_markdown_summary_names_the_answers_too(team: Path) -> None:
    _worse(team)
    line = _line_of(team, "path-to-production:")
    summary = run("report", *TODAY, "-f", "markdown").stdout
    assert f"answers that cost more: `path-to-production` (line {line}:" in summary
