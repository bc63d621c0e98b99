"""Every output tells the story of the exit code (issue 11, items 4, 9 and 10): annotations,
JUnit, SARIF, Code Quality and Markdown fail exactly what fails the run, with and without a
baseline, and say which findings are new and which are in the baseline."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from markdown_it import MarkdownIt

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report import render_document
from checker.report.baseline import judge
from checker.report.document import build
from checker.report.sarif_format import pitfall_uri
from checker.report.types import FailOn, FileEntry, ReportDocument
from checker.validate.schema import schema_path

from .conftest import ANSWERS, CHECKLISTS, DATA, TODAY

ROOT = Path(__file__).resolve().parents[2]
HIGH = (ANSWERS / "high-risk.yaml").read_text(encoding="utf-8")
FEWER_SCIENTISTS = HIGH.replace("scientists: 6", "scientists: 2")  # ratio 0.5: high one resolved
NEVER_RELEASES = HIGH.replace("quarterly", "never")  # the same findings, a lower score


def _doc(
    tmp_path: Path, text: str, fail_on: FailOn = "high", name: str = "playbook/team.yaml"
) -> ReportDocument:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = check_answers(
        path, ChecklistRegistry([CHECKLISTS]), CheckOptions(today=TODAY), display=name
    )
    return build([result], fail_on=fail_on)


def _judged(tmp_path: Path, old: str, new: str, fail_on: FailOn = "high") -> ReportDocument:
    baseline = json.loads(render_document(_doc(tmp_path, old, fail_on), "json"))
    return judge(_doc(tmp_path, new, fail_on), baseline, "playbook/baseline.json")


def _failing_per_format(doc: ReportDocument) -> dict[str, int]:
    """How many things each format says fail the run."""
    github = render_document(doc, "github")
    junit = ET.fromstring(render_document(doc, "junit").encode())
    sarif = json.loads(render_document(doc, "sarif"))["runs"][0]["results"]
    gitlab = json.loads(render_document(doc, "gitlab"))
    return {
        "github": sum(1 for line in github.splitlines() if line.startswith("::error ")),
        "junit": int(junit.get("failures", "0")) + int(junit.get("errors", "0")),
        "sarif": sum(1 for r in sarif if r["level"] == "error" and "suppressions" not in r),
        "gitlab": sum(1 for i in gitlab if i["severity"] in ("blocker", "critical")),
    }


def _score_fell(entry: FileEntry) -> bool:
    """Whether the file's overall score is lower than in the baseline."""
    overall = entry["baseline"]["overall"] if "baseline" in entry else None
    return overall is not None and overall["lower"]


def _assert_agree(doc: ReportDocument) -> None:
    """The exit code and every format agree on what fails the run."""
    jsonschema.Draft202012Validator(
        json.loads(schema_path("report").read_text(encoding="utf-8"))
    ).validate(json.loads(render_document(doc, "json")))
    score_drops = sum(1 for f in doc["files"] if _score_fell(f))
    s = doc["summary"]
    expected = s["failing"] + score_drops
    assert doc["exit_code"] == (2 if s["invalid"] else 1 if expected else 0)
    counts = _failing_per_format(doc)
    # Each error diagnostic is an error annotation, SARIF error and blocker; JUnit has one
    # error test case per invalid file.
    per_diagnostic = expected + s["errors"]
    assert counts == {
        "github": per_diagnostic,
        "junit": expected + s["invalid"],
        "sarif": per_diagnostic,
        "gitlab": per_diagnostic,
    }, counts
    verdict = re.search(r"\*\*Result:\*\* (passed|failed)", render_document(doc, "markdown"))
    assert verdict is not None
    assert verdict.group(1) == ("passed" if doc["exit_code"] == 0 else "failed")


@pytest.mark.parametrize("fail_on", ["high", "medium", "low", "none"])
def test_without_a_baseline_error_means_fails_the_run(tmp_path: Path, fail_on: FailOn) -> None:
    doc = _doc(tmp_path, HIGH, fail_on)
    _assert_agree(doc)
    github = render_document(doc, "github")
    if fail_on == "none":  # nothing fails: high findings are warnings, not errors
        assert doc["exit_code"] == 0 and "::error " not in github
        assert "::warning file=playbook/team.yaml,line=6" in github


def test_ratchet_unchanged_findings_pass_and_every_output_says_so(tmp_path: Path) -> None:
    doc = _judged(tmp_path, HIGH, HIGH)
    assert doc["exit_code"] == 0
    _assert_agree(doc)
    assert {f["baseline"] for f in doc["files"][0]["findings"]} == {"unchanged"}
    github = render_document(doc, "github")
    assert "::warning file=playbook/team.yaml,line=6,col=20,title=high risk (in the baseline)" in (
        github
    )
    sarif = json.loads(render_document(doc, "sarif"))["runs"][0]["results"]
    findings = [r for r in sarif if "/" in r["ruleId"]]
    assert {r["baselineState"] for r in findings} == {"unchanged"}
    assert "error" not in {r["level"] for r in findings}
    md = render_document(doc, "markdown")
    assert "**Result:** passed: not worse than the baseline `playbook/baseline.json`" in md
    assert "| 🔴 high | Scientists without MLOps backing | line 6 | in the baseline |" in md
    junit = ET.fromstring(render_document(doc, "junit").encode())
    assert junit.get("failures") == "0"
    assert any(c.get("name") == "not worse than the baseline" for c in junit.iter("testcase"))


def test_ratchet_new_finding_fails_alone_and_is_named_new(tmp_path: Path) -> None:
    # The baseline had no 'rare-releases' (medium); fail on medium so that the new one fails.
    old = HIGH.replace("deploy-frequency: quarterly", "deploy-frequency: weekly")
    doc = _judged(tmp_path, old, HIGH, fail_on="medium")
    assert doc["exit_code"] == 1
    _assert_agree(doc)
    states = {f["id"]: (f["baseline"], f["fails"]) for f in doc["files"][0]["findings"]}
    assert states["rare-releases"] == ("new", True)
    assert states["science-without-mlops"] == ("unchanged", False)
    errors = [x for x in render_document(doc, "github").splitlines() if x.startswith("::error")]
    assert len(errors) == 2  # the new finding, and the score it lowered
    assert "medium risk (new)" in errors[0] and "[rare-releases]" in errors[0]
    assert "overall score fell from 43.33 to 39.17" in errors[1]
    sarif = json.loads(render_document(doc, "sarif"))["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in sarif}
    assert by_rule["staffing/rare-releases"]["baselineState"] == "new"
    assert by_rule["staffing/rare-releases"]["level"] == "error"
    assert by_rule["staffing/science-without-mlops"]["baselineState"] == "unchanged"
    md = render_document(doc, "markdown")
    assert "failed: worse than the baseline" in md
    assert "1 new, 0 riskier" in md


def test_ratchet_resolved_findings_are_absent_and_a_lower_score_fails(tmp_path: Path) -> None:
    better = _judged(tmp_path, HIGH, FEWER_SCIENTISTS)
    assert better["exit_code"] == 0
    _assert_agree(better)
    assert [x["id"] for x in better["files"][0]["baseline"]["absent"]] == ["science-without-mlops"]
    # Resolved: no SARIF result, so code scanning closes the alert (it ignores kind: pass).
    results = json.loads(render_document(better, "sarif"))["runs"][0]["results"]
    assert "staffing/science-without-mlops" not in {r["ruleId"] for r in results}
    assert "resolved: Scientists without MLOps backing" in render_document(better, "markdown")
    worse = _judged(tmp_path, FEWER_SCIENTISTS, HIGH.replace("automated-share", "automated-x"))
    assert worse["exit_code"] == 2  # invalid input wins over everything
    lower = _judged(tmp_path, HIGH, NEVER_RELEASES)
    overall = lower["files"][0]["baseline"]["overall"]
    assert overall is not None and overall["lower"]
    assert lower["summary"]["failing"] == 0  # the same findings: only the score fails
    assert lower["exit_code"] == 1
    _assert_agree(lower)
    # On the answer that lost the points (it was on line 1 before issue 21, item 10).
    line = next(i for i, x in enumerate(NEVER_RELEASES.splitlines(), 1) if "never" in x)
    column = NEVER_RELEASES.splitlines()[line - 1].index("never") + 1
    assert (
        f"::error file=playbook/team.yaml,line={line},col={column},title=worse than the baseline"
        in render_document(lower, "github")
    )


def test_sarif_conforms_with_baseline_states(tmp_path: Path) -> None:
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.Draft4Validator(schema)
    invalid = HIGH.replace("automated-share", "automated-x")
    docs = [
        _judged(tmp_path, HIGH, FEWER_SCIENTISTS),
        _judged(tmp_path, HIGH, HIGH),
        _judged(tmp_path, HIGH, invalid),
        _judged(tmp_path, invalid, invalid),
    ]
    states = []
    for doc in docs:
        sarif = json.loads(render_document(doc, "sarif"))
        assert [e.message for e in validator.iter_errors(sarif)] == []
        results = sarif["runs"][0]["results"]
        assert all("baselineState" in r for r in results)  # every result, diagnostics too
        states.append({r["baselineState"] for r in results if r["ruleId"].startswith("PC")})
    assert states[2] == {"new"} and states[3] == {"unchanged"}
    _assert_agree(docs[2])


def test_sarif_uris_are_relative_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "playbook").mkdir()
    answers = repo / "playbook" / "team.yaml"
    answers.write_text(HIGH, encoding="utf-8")
    monkeypatch.chdir(repo / "playbook")
    registry = ChecklistRegistry([CHECKLISTS])
    typed = [str(answers), "../playbook/../playbook/team.yaml", "team.yaml"]
    uris = set()
    for name in typed:
        result = check_answers(answers, registry, CheckOptions(today=TODAY), display=name)
        run = json.loads(render_document(build([result]), "sarif"))["runs"][0]
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
        for res in run["results"]:
            loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
            uris.add((loc["uri"], loc["uriBaseId"]))
            assert res["partialFingerprints"]["playbookCheck/v1"]
        gitlab = json.loads(render_document(build([result]), "gitlab"))
        assert {i["location"]["path"] for i in gitlab} == {"playbook/team.yaml"}
    assert uris == {("playbook/team.yaml", "%SRCROOT%")}
    # A file outside the repository keeps an absolute URI, with no base id.
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(HIGH, encoding="utf-8")
    result = check_answers(outside, registry, CheckOptions(today=TODAY), display=str(outside))
    run = json.loads(render_document(build([result]), "sarif"))["runs"][0]
    loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": outside.resolve().as_uri()}


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    def prints(text: str) -> dict[str, str]:
        run = json.loads(render_document(_doc(tmp_path, text), "sarif"))["runs"][0]
        return {
            r["ruleId"]: r["partialFingerprints"]["playbookCheck/v1"]
            for r in run["results"]
            if "/" in r["ruleId"]
        }

    moved = HIGH.replace("assessed: 2026-11-20\n", "assessed: 2026-11-20\n\n\n")
    assert prints(HIGH) == prints(moved)
    other_team = HIGH.replace("team: Recommendations", "team: Search")
    assert set(prints(HIGH).values()).isdisjoint(prints(other_team).values())


def test_sarif_rules_carry_advice_and_pitfall_pages(tmp_path: Path) -> None:
    doc = _doc(tmp_path, HIGH)
    plain = json.loads(render_document(doc, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    finding_rules = [r for r in plain if "/" in r["id"]]
    assert finding_rules and all(r["help"]["text"] for r in finding_rules)
    assert not any("helpUri" in r for r in finding_rules)  # no site address configured
    doc["site_url"] = "https://playbook.example.org/"
    rules = json.loads(render_document(doc, "sarif"))["runs"][0]["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert by_id["staffing/shared-mlops"]["helpUri"] == (
        "https://playbook.example.org/docs/pitfalls/central-mlops-bottleneck.html"
        "#pitfall-central-mlops-bottleneck"
    )


def test_every_bundled_pitfall_has_the_page_helpuri_points_to() -> None:
    from checker.validate.checklist import load_checklist

    for path in sorted((ROOT / "checklists").glob("*.yaml")):
        checklist = load_checklist(path)
        for rule in checklist.findings:
            uri = pitfall_uri("https://x.invalid", rule.pitfall)
            page = ROOT / uri.removeprefix("https://x.invalid/").split("#")[0]
            page = page.with_suffix(".md")
            assert page.is_file(), uri
            assert f"{{pitfall}} {rule.pitfall}\n" in page.read_text(encoding="utf-8")


HOSTILE_NAMES = [
    "playbook/engineering-practices.yaml",
    "play_book/*team*[1].yaml",
    "odd`name``with|pipes.yaml",
    "`leading.yaml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_markdown_code_spans_show_paths_literally(tmp_path: Path, name: str) -> None:
    doc = _doc(tmp_path, HIGH, name="team.yaml")
    doc["files"][0]["file"] = name
    md = render_document(doc, "markdown")
    assert "\\-" not in md.split("\n## ")[1].split("\n")[0]  # no escapes in the heading's span
    html = MarkdownIt("commonmark").enable("table").render(md)
    codes = re.findall(r"<code>(.*?)</code>", html)
    unescaped = [c.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") for c in codes]
    unescaped = [c.replace("&quot;", '"') for c in unescaped]
    assert name in unescaped, (md.split("\n")[4:6], codes)
    assert "\\" not in "".join(unescaped)


def test_markdown_table_cells_keep_their_columns(tmp_path: Path) -> None:
    doc = _judged(tmp_path, HIGH, HIGH)
    doc["files"][0]["findings"][0]["title"] = "a | b `c` \\ d"
    html = MarkdownIt("commonmark").enable("table").render(render_document(doc, "markdown"))
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    finding_rows = [r for r in rows if "line 6" in r]
    assert finding_rows and all(r.count("<td") == 5 for r in finding_rows)
    assert "a | b `c` \\ d" in finding_rows[0]


def test_judging_does_not_change_a_report_without_baseline_fields(tmp_path: Path) -> None:
    doc = _doc(tmp_path, HIGH)
    before = copy.deepcopy(doc)
    for fmt in ("github", "junit", "sarif", "markdown", "text", "gitlab"):
        render_document(doc, fmt)
    assert doc == before


def _answers(draw: Any) -> str:
    from hypothesis import strategies as st

    mlops = draw(st.integers(0, 4))
    lines = [
        "checklist: staffing@1.2",
        "team: Recommendations",
        "answers:",
        f"  scientists: {draw(st.integers(0, 10))}",
        f"  mlops-engineers: {mlops}",
        f"  team-size: {draw(st.integers(1, 20))}",
        f"  deploy-frequency: {draw(st.sampled_from(['never', 'quarterly', 'weekly']))}",
        "  practices: [" + ", ".join(draw(st.sets(st.sampled_from(["ci", "monitoring"])))) + "]",
        f"  automated-share: {draw(st.integers(0, 100))}",
    ]
    if mlops:
        lines.append(f"  mlops-shared: {draw(st.sampled_from(['yes', 'no']))}")
    return "\n".join(lines) + "\n"


def test_every_output_agrees_with_the_exit_code_for_any_assessment(tmp_path: Path) -> None:
    """Property: for random assessments, thresholds and baselines, every format fails exactly
    what the exit code says."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.data(),
        st.sampled_from(["high", "medium", "low", "none"]),
        st.booleans(),
    )
    def check(data: Any, fail_on: FailOn, with_baseline: bool) -> None:
        old_text = _answers(data.draw)
        new_text = _answers(data.draw)
        if with_baseline:
            doc = _judged(tmp_path, old_text, new_text, fail_on)
        else:
            doc = _doc(tmp_path, new_text, fail_on)
        _assert_agree(doc)

    check()


def test_a_baseline_written_by_an_earlier_version_still_loads(tmp_path: Path) -> None:
    """Fields added to the report since (fails, failing, unit, rule advice) are optional when
    a report is read back, so a team's committed baseline keeps working after an upgrade."""
    from checker.report.read import load_report

    old = json.loads(render_document(_doc(tmp_path, HIGH), "json"))
    del old["summary"]["failing"]
    for entry in old["files"]:
        del entry["score"]["unit"]
        for finding in entry["findings"]:
            del finding["fails"]
        for rule in entry["rules"]:
            del rule["advice"]
    path = tmp_path / "old-baseline.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    doc = judge(_doc(tmp_path, HIGH), load_report(path, role="baseline"), str(path))
    assert doc["exit_code"] == 0
    _assert_agree(doc)
