"""The level rule, points rescaled by N/A, and checklists that do not apply, as every output says
them (issue 19, items 3, 4 and 8): the JSON report (valid against its schema), text, Markdown and
the form's engine (through the conformance vectors)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report import render_document
from checker.report.document import build
from checker.report.types import ReportDocument
from checker.validate.schema import schema_path

from .conftest import CHECKLISTS, TODAY

# The top band by score (100), with a high-risk finding open (1 engineer for 9 scientists).
CAPPED = """\
checklist: staffing@1.2
team: Search
answers:
  scientists: 9
  mlops-engineers: 2
  mlops-shared: no
  team-size: 7
  deploy-frequency: weekly
  practices: [version-control, ci, monitoring]
  automated-share: 90
"""
DOES_NOT_APPLY = """\
checklist: staffing@1.2
team: Lab
not_applicable: "We publish research; no product uses our models."
"""


def report(tmp_path: Path, text: str) -> ReportDocument:
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_answers(
        path, ChecklistRegistry([CHECKLISTS]), CheckOptions(today=TODAY), display="team.yaml"
    )
    doc = build([result])
    schema = json.loads(schema_path("report").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render_document(doc, "json")), schema)
    return doc


def markdown_text(doc: ReportDocument) -> str:
    """The Markdown report as a reader sees it (rendered, tags removed)."""
    html = MarkdownIt("commonmark").enable("table").render(render_document(doc, "markdown"))
    return re.sub(r"<[^>]+>", "", html)


def test_a_capped_level_says_why_in_every_format(tmp_path: Path) -> None:
    doc = report(tmp_path, CAPPED)
    score = doc["files"][0]["score"]
    assert score["overall"] == 100 and score["level"] == "repeatable"
    assert score["capped"] == {"band": "self-service", "findings": ["science-without-mlops"]}
    why = "repeatable, held below self-service by open high-risk finding science-without-mlops"
    assert f"level {why}" in render_document(doc, "text")
    assert why in markdown_text(doc)


def test_an_uncapped_level_has_no_cap(tmp_path: Path) -> None:
    doc = report(tmp_path, CAPPED.replace("scientists: 9", "scientists: 3"))
    score = doc["files"][0]["score"]
    assert score["level"] == "self-service" and "capped" not in score


def test_a_checklist_that_does_not_apply_says_so_in_every_format(tmp_path: Path) -> None:
    doc = report(tmp_path, DOES_NOT_APPLY)
    entry = doc["files"][0]
    assert entry["not_applicable"] == "We publish research; no product uses our models."
    assert entry["score"]["overall"] is None and entry["findings"] == []
    assert doc["exit_code"] == 0
    text = render_document(doc, "text")
    assert "Staffing (test checklist) 1.2.0: does not apply: We publish research" in text
    assert "People:" not in text
    markdown = markdown_text(doc)
    assert "Does not apply to this team: We publish research" in markdown
    assert "No findings." not in markdown


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (
            DOES_NOT_APPLY.replace('"We publish research; no product uses our models."', '""'),
            "PC417",
            3,
        ),
        (DOES_NOT_APPLY + "answers:\n  scientists: 2\n", "PC416", 4),
    ],
)
def test_not_applicable_problems_are_located(
    tmp_path: Path, text: str, code: str, line: int
) -> None:
    doc = report(tmp_path, text)
    (diagnostic,) = doc["files"][0]["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"]) == (code, line)


def test_points_sections_record_their_scale(tmp_path: Path) -> None:
    """A points section's score is its share of the applicable points on its full scale."""
    checklists = tmp_path / "checklists"
    checklists.mkdir()
    source = (CHECKLISTS / "staffing.yaml").read_text(encoding="utf-8")
    (checklists / "staffing.yaml").write_text(
        source.replace("aggregate: weighted\n", "aggregate: weighted\n  unit: points\n"),
        encoding="utf-8",
    )
    text = CAPPED.replace("scientists: 9", "scientists: 3").replace(
        "automated-share: 90", 'automated-share: {not_applicable: "No releases yet."}'
    )
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_answers(path, ChecklistRegistry([checklists]), CheckOptions(today=TODAY))
    sections = {s["id"]: s for s in build([result])["files"][0]["score"]["sections"]}
    # Delivery: 4 of 4 applicable points, on a scale of 5 (automated-share is N/A).
    assert sections["delivery"] == {
        "id": "delivery",
        "title": "Delivery",
        "weight": 1.0,
        "earned": 4.0,
        "max": 4.0,
        "score": 5.0,
        "scale": 5.0,
    }
