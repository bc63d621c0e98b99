"""The Markdown summary as a pull-request comment: GitHub refuses a comment body over 65,536
characters, so `report --format markdown --compact` fits any organisation into one, and
GFM renders it as tables with every assessment and every finding that fails the run."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from markdown_it import MarkdownIt

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report import render_document
from checker.report.document import assemble
from checker.report.markdown_format import COMMENT_LIMIT
from checker.report.types import FileEntry, ReportDocument

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
GFM = MarkdownIt("commonmark").enable("table")  # GitHub renders comments as GFM


def _organisation(teams: int) -> ReportDocument:
    """``teams`` teams, each with an assessment for every bundled checklist (the examples')."""
    registry = ChecklistRegistry([ROOT / "checklists"])
    examples = sorted((ROOT / "examples").glob("*/*.yaml"))
    checked = [check_answers(f, registry, CheckOptions(today=TODAY)) for f in examples]
    from checker.report.document import file_entry

    entries = [file_entry(r) for r in checked]
    per_team: dict[str, list[FileEntry]] = {}
    for e in entries:
        per_team.setdefault(Path(e["file"]).parent.name, []).append(e)
    teams_made: list[FileEntry] = []
    sources = sorted(per_team.values(), key=len, reverse=True)
    for n in range(teams):
        for e in sources[n % len(sources)]:
            x = copy.deepcopy(e)
            x["file"] = f"teams/team-{n:02d}/playbook/{Path(e['file']).name}"
            if x["valid"]:
                x["team"] = f"Team {n:02d} — {x['team']}"
            teams_made.append(x)
    return assemble(teams_made)


def _tables(markdown: str) -> list[list[list[str]]]:
    tokens = GFM.parse(markdown)
    tables: list[list[list[str]]] = []
    row: list[str] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            row = []
        elif t.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content)
        elif t.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_thirty_teams_by_every_checklist_do_not_fit_a_comment_in_full() -> None:
    doc = _organisation(30)
    assert len({f["checklist"]["id"] for f in doc["files"] if f["valid"]}) >= 7
    assert len(render_document(doc, "markdown")) > COMMENT_LIMIT  # why --compact exists


def test_the_compact_summary_of_thirty_teams_fits_and_lists_everything_that_matters() -> None:
    doc = _organisation(30)
    text = render_document(doc, "markdown", compact=True)
    assert COMMENT_LIMIT == 65_536 and len(text) <= COMMENT_LIMIT
    assert "**Result:** failed: findings at or above `high`" in text
    tables = _tables(text)
    assessments = next(t for t in tables if "Score" in t[0])
    assert len(assessments) - 1 == len(doc["files"])
    failing = next(t for t in tables if "Finding" in t[0])
    expected = sum(x["fails"] for f in doc["files"] if f["valid"] for x in f["findings"])
    assert len(failing) - 1 == expected
    assert "not shown" not in text


def test_a_summary_too_big_even_when_compact_is_cut_with_a_note() -> None:
    doc = _organisation(30)
    for f in doc["files"]:
        if f["valid"]:
            f["team"] = f["team"] + " " + "long name " * 60
    text = render_document(doc, "markdown", compact=True)
    assert len(text) <= COMMENT_LIMIT
    assert "not shown" in text and "--format markdown" in text
    GFM.parse(text)  # still Markdown


def test_the_cli_writes_the_compact_summary(tmp_path: Path) -> None:
    from tests.helpers import playbook_check

    for n in range(3):
        shutil.copytree(ROOT / "examples" / "central-ml", tmp_path / f"team-{n}")
    proc = playbook_check(
        "report", tmp_path, "--format", "markdown", "--compact", "--checklists", ROOT / "checklists"
    )
    assert proc.returncode == 1, proc.stderr
    assert "| Team | Checklist |" in proc.stdout
    assert "Overall score" not in proc.stdout  # no section per file


def test_compact_is_for_markdown_only() -> None:
    from tests.helpers import playbook_check

    proc = playbook_check("report", ROOT / "examples" / "startup", "--compact")
    assert proc.returncode == 2
    assert "--compact" in proc.stderr and "markdown" in proc.stderr
