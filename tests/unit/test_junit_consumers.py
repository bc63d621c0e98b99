"""JUnit XML as its consumers read it: valid against the Jenkins xUnit plugin's junit-10.xsd,
and test identities that GitLab can follow across runs (it keys a test case by suite name,
classname and name, so a name must not embed counts or display names that change)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import xmlschema
import yaml

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report import render_document
from checker.report.baseline import judge
from checker.report.document import assemble, build
from checker.report.types import FailOn, ReportDocument
from checker.topology.check import evaluate
from checker.topology.load import load_topology_text
from checker.topology.report import entry

from .conftest import ANSWERS, CHECKLISTS, DATA, TODAY

ROOT = Path(__file__).resolve().parents[2]
XSD = xmlschema.XMLSchema10(DATA / "schemas" / "junit-10.xsd")
EXAMPLE_TOPOLOGY = ROOT / "examples" / "regulated-bank" / "topology" / "organisation.yaml"


def _answers_doc(fail_on: FailOn = "high") -> ReportDocument:
    registry = ChecklistRegistry([CHECKLISTS])
    files = [*sorted(ANSWERS.glob("*.yaml")), DATA / "unit-invalid.yaml"]
    return build(
        [check_answers(f, registry, CheckOptions(today=TODAY)) for f in files], fail_on=fail_on
    )


def _topology_doc(data: dict[str, Any]) -> ReportDocument:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path = "org/topology.yaml"
    # The example's answers files are found relative to its folder, inside the repository.
    org, diagnostics = load_topology_text(
        text, path, base=EXAMPLE_TOPOLOGY.parent, today=TODAY, root=ROOT
    )
    return assemble([entry(evaluate(org, path, diagnostics, TODAY))])


def _example_topology() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE_TOPOLOGY.read_text(encoding="utf-8"))
    return data


def _topology_with_findings() -> dict[str, Any]:
    """The example with its two standing duties drawn as open-ended collaboration and
    facilitation: findings whose titles name teams and durations."""
    data = _example_topology()
    modes = {"validation": "collaboration", "compliance": "facilitating"}
    for interaction in data["interactions"]:
        if interaction["from"] in modes:
            interaction["mode"] = modes[interaction["from"]]
    return data


def _identities(junit: str) -> list[tuple[str, str, str]]:
    root = ET.fromstring(junit)
    return [
        (suite.get("name", ""), case.get("classname", ""), case.get("name", ""))
        for suite in root.iter("testsuite")
        for case in suite.iter("testcase")
    ]


@pytest.mark.parametrize("fail_on", ["high", "low"])
def test_answers_junit_is_valid_against_junit_10_xsd(fail_on: FailOn) -> None:
    junit = render_document(_answers_doc(fail_on), "junit")
    root = ET.fromstring(junit)
    assert root.find(".//skipped") is not None  # an exempted finding is in the fixture
    assert root.find(".//failure") is not None and root.find(".//error") is not None
    XSD.validate(junit)


def test_ratchet_junit_is_valid_against_junit_10_xsd() -> None:
    doc = _answers_doc()
    judged = judge(_answers_doc(), doc, "baseline.json")
    XSD.validate(render_document(judged, "junit"))


def test_topology_junit_is_valid_against_junit_10_xsd() -> None:
    XSD.validate(render_document(_topology_doc(_example_topology()), "junit"))


def test_topology_test_names_stay_the_same_when_counts_and_names_change() -> None:
    before = _topology_with_findings()
    after = _topology_with_findings()
    # The same findings fire, but every count and display name in their titles changes.
    for team in after["teams"]:
        team["name"] += " (renamed)"
    for interaction in after["interactions"]:
        if "since" in interaction:
            interaction["since"] = interaction["since"] - dt.timedelta(days=62)
    after["exemptions"] = []
    before["exemptions"] = []
    old = render_document(_topology_doc(before), "junit")
    new = render_document(_topology_doc(after), "junit")
    assert "(renamed)" in new and "months" in new  # the details still name them
    assert old != new
    assert _identities(old) == _identities(new)
    assert len(set(_identities(new))) == len(_identities(new))  # each identity is one case


def test_a_topology_file_is_not_called_an_answers_file() -> None:
    junit = render_document(_topology_doc(_example_topology()), "junit")
    assert "answers file" not in junit
