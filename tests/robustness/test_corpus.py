"""The bad-input corpus: every case fails cleanly with its exact error, in the CLI and the site."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.load.yaml import load_text
from tests.helpers import playbook_check, sphinx_build

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
CHECKLISTS = ROOT / "tests" / "data" / "checklists"
EXPECTED = load_text((BAD / "expected.yaml").read_text(encoding="utf-8")).data
ANSWER_CASES = sorted(EXPECTED["answers"].items())
CHECKLIST_CASES = sorted(EXPECTED["checklists"].items())
FIRST_ERROR = re.compile(r":(\d+):(\d+): error: .*\[(PC\d{3})\]")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return playbook_check(*args, cwd=ROOT, timeout=30)  # a hang fails the test


def first_error(text: str) -> str:
    match = FIRST_ERROR.search(text)
    assert match, text
    return f"{match.group(3)} {match.group(1)}:{match.group(2)}"


def test_corpus_is_large_and_every_file_has_an_expectation() -> None:
    files = {p.stem for p in BAD.glob("*.yaml")} - {"expected"}
    folders = {p.name for p in (BAD / "checklists").iterdir()}
    assert files == set(EXPECTED["answers"])
    assert folders == set(EXPECTED["checklists"])
    assert len(files) + len(folders) >= 60


@pytest.mark.parametrize(("case", "expected"), ANSWER_CASES, ids=[c for c, _ in ANSWER_CASES])
def test_answers_case_fails_with_its_error(case: str, expected: str, tmp_path: Path) -> None:
    path = BAD / f"{case}.yaml"
    proc = run(
        "validate",
        "--checklists",
        CHECKLISTS,
        "--today",
        "2026-11-24",
        "--evidence-root",
        ROOT / "tests" / "data",
        path,
    )
    assert proc.returncode == 2
    assert first_error(proc.stdout) == expected
    assert f"{path}:" in proc.stdout
    # A report written to a file is complete (atomic write), never partial.
    out = tmp_path / "report.json"
    proc = run(
        "report",
        "--format",
        "json",
        "-o",
        out,
        "--checklists",
        CHECKLISTS,
        "--evidence-root",
        ROOT / "tests" / "data",
        path,
    )
    assert proc.returncode == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["exit_code"] == 2 and doc["files"][0]["valid"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(("case", "expected"), CHECKLIST_CASES, ids=[c for c, _ in CHECKLIST_CASES])
def test_checklist_case_fails_lint_with_its_error(case: str, expected: str) -> None:
    proc = run(
        "lint",
        BAD / "checklists" / case,
        "--docs",
        ROOT / "tests" / "roots" / "test-playbook" / "docs",
    )
    assert proc.returncode == 2
    assert first_error(proc.stdout) == expected


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("checklist: staffing@1.2\nteam: x\nanswers:\n" + "# padding\n" * 200_000)
    proc = run("validate", "--checklists", CHECKLISTS, path)
    assert proc.returncode == 2
    assert first_error(proc.stdout) == "PC103 1:1"


def test_corpus_through_the_sphinx_extension(tmp_path: Path) -> None:
    """Every bad answers file and checklist becomes a located warning; the build completes."""
    src = tmp_path / "site"
    (src / "docs").mkdir(parents=True)
    shutil.copytree(BAD, src / "bad")
    shutil.copytree(CHECKLISTS, src / "checklists")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
        'root_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        'playbook_checklist_dir = "checklists"\nplaybook_today = "2026-11-24"\n'
    )
    body = ["# Bad inputs", ""]
    for case, _ in ANSWER_CASES:
        body += [f"```{{assessment}} /bad/{case}.yaml", "```", ""]
    body += ["```{assessment} ../../../../etc/passwd", "```", ""]
    (src / "docs" / "index.md").write_text("\n".join(body), encoding="utf-8")
    proc = sphinx_build(src, tmp_path / "out", "--keep-going", "-W")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "Sphinx error" not in proc.stderr
    for case, expected in ANSWER_CASES:
        line = expected.split()[1].split(":")[0]
        assert f"bad/{case}.yaml:{line}: WARNING:" in proc.stderr, case
    assert "'../../../../etc/passwd' is outside the documentation sources" in proc.stderr
    assert (tmp_path / "out" / "docs" / "index.html").is_file()


def test_bad_checklists_through_the_sphinx_extension(tmp_path: Path) -> None:
    for case, expected in CHECKLIST_CASES:
        src = tmp_path / case
        (src / "docs").mkdir(parents=True)
        shutil.copytree(BAD / "checklists" / case, src / "checklists")
        (src / "conf.py").write_text(
            'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
            'root_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        )
        (src / "docs" / "index.md").write_text("# C\n\n```{checklist} staffing\n```\n")
        proc = sphinx_build(src, tmp_path / f"{case}-out", "-W")
        assert proc.returncode != 0
        line = expected.split()[1].split(":")[0]
        assert f"checklists/staffing.yaml:{line}: WARNING:" in proc.stderr, (case, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_yaml_loader_handles_the_corpus_in_process() -> None:
    """No case makes the loader raise anything but its own error type."""
    from checker.diagnostics import CheckerError
    from checker.load.yaml import load_bytes

    for path in BAD.rglob("*.yaml"):
        with contextlib.suppress(CheckerError):
            load_bytes(path.read_bytes(), str(path))
