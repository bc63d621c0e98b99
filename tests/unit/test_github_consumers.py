"""GitHub workflow-command annotations as the Actions runner reads them.

The runner (actions/runner, ``ExecutionContext.AddIssue``) keeps the first 10 annotations of
each kind (error, warning, notice) per step and drops the rest silently; it cuts a message at
4,096 characters; a relative ``file=`` is read from the repository root. ``_runner_keeps``
below is that behaviour, so the tests read our output the way GitHub does."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report import render_document
from checker.report.document import build
from checker.report.github_format import PER_STEP
from checker.report.types import ReportDocument
from checker.report.util import level
from tests.helpers import playbook_check

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
_COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::(.*)$")


def _unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _prop_unescape(text: str) -> str:
    return _unescape(text.replace("%3A", ":").replace("%2C", ","))


def _parse(stdout: str) -> list[dict[str, str]]:
    out = []
    for line in stdout.splitlines():
        m = _COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in (m.group(2) or "").strip().split(",") if p)
        out.append(
            {
                "kind": m.group(1),
                **{k: _prop_unescape(v) for k, v in props.items()},
                "message": _unescape(m.group(3)),
            }
        )
    return out


def _runner_keeps(annotations: list[dict[str, str]]) -> list[dict[str, str]]:
    """What GitHub shows: the first 10 of each kind."""
    seen: dict[str, int] = {}
    kept = []
    for a in annotations:
        seen[a["kind"]] = seen.get(a["kind"], 0) + 1
        if seen[a["kind"]] <= 10:
            kept.append(a)
    return kept


def _expected_kinds(doc: ReportDocument) -> dict[str, int]:
    """How many annotations of each kind the run has, from the report document alone."""
    kinds = {"error": 0, "warning": 0, "notice": 0}
    for f in doc["files"]:
        for d in f["diagnostics"]:
            kinds["error" if d["severity"] == "error" else "warning"] += 1
        for x in f.get("findings", []):
            if x["status"] != "exempted":
                kinds[{"error": "error", "warning": "warning", "note": "notice"}[level(x)]] += 1
        overall = f["baseline"]["overall"] if "baseline" in f else None
        if overall is not None and overall["lower"]:
            kinds["error"] += 1
    return kinds


def _examples_doc() -> ReportDocument:
    registry = ChecklistRegistry([ROOT / "checklists"])
    files = sorted((ROOT / "examples").glob("*/*.yaml"))
    return build([check_answers(f, registry, CheckOptions(today=TODAY)) for f in files])


def test_the_runner_limit_is_what_the_renderer_budgets_for() -> None:
    assert PER_STEP == 10


def test_what_github_drops_is_said_in_an_annotation_it_keeps() -> None:
    doc = _examples_doc()
    expected = _expected_kinds(doc)
    assert expected["error"] > 10 and expected["warning"] > 10  # the examples overflow both
    annotations = _parse(render_document(doc, "github"))
    kept = _runner_keeps(annotations)
    assert kept == annotations  # nothing we write is dropped silently
    for kind, total in expected.items():
        ours = [a for a in kept if a["kind"] == kind]
        if total <= 10:
            assert len(ours) == total
            continue
        summary = [a for a in ours if "file" not in a]
        assert len(summary) == 1, kind
        shown = len(ours) - 1
        assert shown == 9
        word = {"error": "errors", "warning": "warnings", "notice": "notices"}[kind]
        assert f"{total - shown} more {word}" in summary[0]["message"]
        assert "10" in summary[0]["message"] and "summary" in summary[0]["message"]


def test_a_run_within_the_limits_has_no_summary_annotation() -> None:
    doc = _examples_doc()
    doc["files"] = doc["files"][:2]
    annotations = _parse(render_document(doc, "github"))
    assert all("file" in a for a in annotations)
    assert len(annotations) == sum(_expected_kinds(doc).values())


def test_messages_fit_the_runners_4096_characters() -> None:
    doc = _examples_doc()
    f = next(f for f in doc["files"] if f["valid"] and f["findings"])
    f["findings"][0]["advice"] = "x" * 10_000
    for a in _parse(render_document(doc, "github")):
        assert len(a["message"]) <= 4096


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    team = tmp_path / "teams" / "search" / "playbook"
    team.mkdir(parents=True)
    (team / "team-shape.yaml").write_text(
        (ROOT / "examples" / "central-ml" / "team-shape.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return tmp_path


def test_file_is_relative_to_the_repository_root_from_a_subfolder(repo: Path) -> None:
    sub = repo / "teams" / "search"
    proc = playbook_check("report", "playbook/team-shape.yaml", "--format", "github", cwd=sub)
    annotations = _parse(proc.stdout)
    assert annotations
    assert {a["file"] for a in annotations} == {"teams/search/playbook/team-shape.yaml"}
