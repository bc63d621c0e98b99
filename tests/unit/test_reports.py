"""Report formats: valid against their public schemas, deterministic, escaped."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from checker.constants import FORMATS
from checker.model import FileResult
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report import render
from checker.validate.schema import schema_path

from .conftest import ANSWERS, CHECKLISTS, DATA, TODAY


@pytest.fixture(scope="module")
def results() -> list[FileResult]:
    registry = ChecklistRegistry([CHECKLISTS])
    files = sorted(ANSWERS.glob("*.yaml"))
    assert len(files) >= 3
    bad = DATA / "unit-invalid.yaml"
    out = [
        check_answers(f, registry, CheckOptions(today=TODAY), display=f"answers/{f.name}")
        for f in files
    ]
    out.append(
        check_answers(bad, registry, CheckOptions(today=TODAY), display="answers/missing.yaml")
    )
    return out


def test_sarif_validates_against_the_sarif_2_1_0_schema(results: list[FileResult]) -> None:
    schema = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text())
    sarif = json.loads(render(results, "sarif"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(sarif)] == []
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "staffing/science-without-mlops" in rule_ids
    high = [r for r in run["results"] if r["ruleId"] == "staffing/science-without-mlops"]
    # high-risk.yaml: open, fails the run (error); exempted.yaml: no result, since code
    # scanning would show it as an open alert (it ignores SARIF suppressions).
    assert [(r["level"], "suppressions" in r) for r in high] == [("error", False)]
    loc = high[0]["locations"][0]["physicalLocation"]
    assert loc["region"]["startLine"] == 6
    assert all(r["ruleIndex"] == rule_ids.index(r["ruleId"]) for r in run["results"])


def test_junit_is_readable_by_standard_parsers(results: list[FileResult], tmp_path: Path) -> None:
    text = render(results, "junit")
    root = ET.fromstring(text.encode())
    assert root.tag == "testsuites"
    path = tmp_path / "report.xml"
    path.write_text(text, encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = {s.name: s for s in xml}
    risky = suites["answers/high-risk.yaml"]
    assert risky.failures == 1  # only the high finding fails at the default --fail-on high
    assert risky.tests == 6  # the file itself plus five finding rules
    assert suites["answers/exempted.yaml"].skipped == 1
    assert suites["answers/missing.yaml"].errors == 1
    assert int(root.get("tests", "0")) == sum(s.tests for s in xml)


def test_json_validates_against_the_published_report_schema(results: list[FileResult]) -> None:
    schema = json.loads(schema_path("report").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    doc = json.loads(render(results, "json"))
    assert [e.message for e in validator.iter_errors(doc)] == []
    broken = {**doc, "exit_code": 3}
    assert not validator.is_valid(broken)


def test_json_document_shape(results: list[FileResult]) -> None:
    doc = json.loads(render(results, "json"))
    assert doc["format"] == "playbook-check-report"
    assert doc["exit_code"] == 2
    by_file = {f["file"]: f for f in doc["files"]}
    risky = by_file["answers/high-risk.yaml"]
    assert risky["score"]["overall"] == 39.17
    assert risky["score"]["level"] == "ad hoc"
    assert next(f["id"] for f in risky["findings"]) == "science-without-mlops"
    assert risky["counts"] == {"high": 1, "medium": 2, "low": 2}
    assert by_file["answers/missing.yaml"]["diagnostics"][0]["code"] == "PC100"


@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_are_deterministic(results: list[FileResult], fmt: str) -> None:
    registry = ChecklistRegistry([CHECKLISTS])
    again = [
        check_answers(f, registry, CheckOptions(today=TODAY), display=r.path)
        for f, r in zip(sorted(ANSWERS.glob("*.yaml")), results, strict=False)
    ]
    again.append(results[-1])
    assert render(results, fmt).encode() == render(again, fmt).encode()


def test_markdown_escapes_team_text(results: list[FileResult]) -> None:
    text = render(results, "markdown")
    assert "<b>" not in text
    assert "| 🔴 high — **fails the run** | Scientists without MLOps backing | line 6 |" in text


def test_github_annotations_escape_and_point_at_lines(results: list[FileResult]) -> None:
    lines = render(results, "github").splitlines()
    assert (
        "::error file=answers/high-risk.yaml,line=6,col=20,title=high risk%3A Scientists "
        "without MLOps backing::"
    ) in "\n".join(lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    # The exempted high finding in exempted.yaml is not annotated.
    assert not any("exempted.yaml" in line and "science-without-mlops" in line for line in lines)
    assert any("exempted.yaml" in line and "[shared-mlops]" in line for line in lines)
