"""The command line, run in process through ``checker.cli.main(argv)``: exit codes,
compiler-style errors, safe writes, many files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import playbook_check

from .conftest import ANSWERS, CHECKLISTS, CLEAN
from .conftest import run_cli as run

BASE = ["--checklists", str(CHECKLISTS), "--today", "2026-11-24"]


def test_validate_clean_exits_0() -> None:
    proc = run("validate", *BASE, ANSWERS / "clean.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 high" in proc.stdout


def test_validate_high_risk_exits_1_naming_the_finding() -> None:
    proc = run("validate", *BASE, ANSWERS / "high-risk.yaml")
    assert proc.returncode == 1
    assert (
        "high-risk.yaml:6:20: high: Scientists without MLOps backing [science-without-mlops]"
        in proc.stdout
    )


def test_fail_on_threshold() -> None:
    assert run("validate", *BASE, "--fail-on", "none", ANSWERS / "high-risk.yaml").returncode == 0
    # exempted.yaml has open medium findings only
    assert run("validate", *BASE, ANSWERS / "exempted.yaml").returncode == 0
    assert run("validate", *BASE, "--fail-on", "medium", ANSWERS / "exempted.yaml").returncode == 1


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("team: Search\n", "team: [Search\n", ":3:8: error: invalid YAML"),
        (
            "  team-size: 7\n",
            "  team-size: 7\n  scientists: 4\n",
            ":8:3: error: duplicate key 'scientists'",
        ),
        (
            "  team-size: 7\n",
            "  team-size: 7\n  scientist: 4\n",
            ":8:3: error: unknown question 'scientist'",
        ),
        (
            "mlops-shared: no",
            "mlops-shared: maybe",
            ":6:17: error: 'mlops-shared' is a yes-no question",
        ),
    ],
)
def test_invalid_input_exits_2_with_position(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(CLEAN.replace(old, new), encoding="utf-8")
    proc = run("validate", *BASE, path)
    assert proc.returncode == 2
    assert f"{path}{expected}" in proc.stdout


def test_many_files_in_one_call_exit_with_the_worst() -> None:
    files = sorted(ANSWERS.glob("*.yaml"))
    proc = run("validate", *BASE, *files)
    assert proc.returncode == 1
    assert f"{len(files)} files checked" in proc.stdout
    proc = run("validate", *BASE, *files, "does-not-exist.yaml")
    assert proc.returncode == 2
    assert "does-not-exist.yaml:1:1: error: no such file [PC100]" in proc.stdout


def test_usage_errors_exit_2() -> None:
    assert run("validate").returncode == 2
    assert run("report", "--format", "pdf", ANSWERS / "clean.yaml").returncode == 2
    assert run().returncode == 2
    assert run("validate", "--today", "tomorrow", ANSWERS / "clean.yaml").returncode == 2


def test_report_writes_atomically_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert run("report", *BASE, "-f", "json", "-o", out, ANSWERS / "clean.yaml").returncode == 0
    first = out.read_text()
    assert json.loads(first)["exit_code"] == 0
    proc = run("report", *BASE, "-f", "json", "-o", out, ANSWERS / "high-risk.yaml")
    assert proc.returncode == 2
    assert "file exists" in proc.stderr and "--force" in proc.stderr
    assert out.read_text() == first
    assert (
        run(
            "report", *BASE, "-f", "json", "-o", out, "--force", ANSWERS / "high-risk.yaml"
        ).returncode
        == 1
    )
    assert json.loads(out.read_text())["exit_code"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize(
    ("answers", "code", "summary"),
    [
        ("clean.yaml", 0, "1 file checked: 0 invalid files, 0 errors"),
        ("high-risk.yaml", 1, "findings: 1 high, 2 medium"),
        ("../bad/bad-indentation.yaml", 2, "1 invalid file, 1 error"),
    ],
)
@pytest.mark.parametrize("to_file", [True, False])
def test_a_machine_report_says_on_stderr_why_the_run_exits_as_it_does(
    tmp_path: Path, answers: str, code: int, summary: str, to_file: bool
) -> None:
    """``report -f json -o FILE`` exiting 2 must not be silent: the text report's summary line
    goes to standard error (the report itself stays on standard output or in the file)."""
    out = ["-o", str(tmp_path / "r.json")] if to_file else []
    proc = run("report", *BASE, "-f", "json", *out, ANSWERS / answers)
    assert proc.returncode == code
    doc = json.loads((tmp_path / "r.json").read_text() if to_file else proc.stdout)
    assert doc["exit_code"] == code
    assert summary in proc.stderr
    assert proc.stderr.startswith(f"wrote {tmp_path / 'r.json'}: " if to_file else "1 file")


def test_init_template_has_prompts_and_validates_once_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the schema goes to schemas/ in the working directory
    out = tmp_path / "answers.yaml"
    proc = run("init", "staffing", "--checklists", CHECKLISTS, "--team", 'Search "A"', "-o", out)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert "# How many data scientists work on the team?" in text
    assert "# Answer: one of: never, quarterly, weekly." in text
    assert 'team: "Search \\"A\\""' in text
    incomplete = run("validate", *BASE, out)
    assert incomplete.returncode == 2
    assert "PC405" in incomplete.stdout
    assert run("validate", *BASE, "--allow-incomplete", out).returncode == 0
    filled = text
    for key, value in [
        ("scientists", "3"),
        ("mlops-engineers", "2"),
        ("mlops-shared", "no"),
        ("team-size", "7"),
        ("deploy-frequency", "weekly"),
        ("practices", "[ci, monitoring]"),
        ("automated-share", "90"),
    ]:
        filled = filled.replace(f"  {key}:\n", f"  {key}: {value}\n")
    out.write_text(filled)
    assert run("validate", *BASE, out).returncode == 0
    proc = run("init", "staffing", "--checklists", CHECKLISTS, "-o", out)
    assert proc.returncode == 2 and "--force" in proc.stderr
    assert out.read_text() == filled


def test_init_unknown_checklist_suggests() -> None:
    proc = run("init", "stafing", "--checklists", CHECKLISTS)
    assert proc.returncode == 2
    assert "did you mean 'staffing'" in proc.stderr


def test_lint_checks_pitfalls_defined_in_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text(
        "".join(
            f":::{{pitfall}} {p}\n:risk: high\n:::\n"
            for p in [
                "science-without-mlops",
                "central-mlops-bottleneck",
                "slow-feedback-loops",
                "missing-engineering-practices",
            ]
        )
    )
    folder = tmp_path / "checklists"
    folder.mkdir()
    text = (CHECKLISTS / "staffing.yaml").read_text()
    (folder / "staffing.yaml").write_text(text.replace("ml-team-bottleneck", "team-too-big"))
    proc = run("lint", folder, "--docs", docs)
    assert proc.returncode == 2
    assert "staffing.yaml:97:14: error: unknown pitfall 'team-too-big' [PC307]" in proc.stdout
    (docs / "q.md").write_text("```{pitfall} team-too-big\n```\n")
    assert run("lint", folder, "--docs", docs).returncode == 0
    # The playbook's own pitfalls count as known for a team's checklists.
    assert run("lint", CHECKLISTS, "--docs", docs).returncode == 0


def test_diff_shows_progress_and_flags_regressions(tmp_path: Path) -> None:
    report = tmp_path / "old.json"
    run("report", *BASE, "-f", "json", "-o", report, ANSWERS / "high-risk.yaml")
    better = tmp_path / "new.yaml"
    better.write_text(
        (ANSWERS / "high-risk.yaml").read_text().replace("mlops-engineers: 1", "mlops-engineers: 3")
    )
    proc = run("diff", *BASE[:2], report, better)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "resolved: high: Scientists without MLOps backing" in proc.stdout
    proc = run("diff", *BASE[:2], better, ANSWERS / "high-risk.yaml")
    assert proc.returncode == 1
    assert "new: high" in proc.stdout


def test_baseline_ratchet(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("report", *BASE, "-f", "json", "-o", baseline, ANSWERS / "high-risk.yaml")
    # Known findings do not fail against the baseline ...
    assert (
        run("validate", *BASE, "--baseline", baseline, ANSWERS / "high-risk.yaml").returncode == 0
    )
    # ... but a lower score does.
    worse = tmp_path / "high-risk.yaml"
    worse.write_text(
        (ANSWERS / "high-risk.yaml")
        .read_text()
        .replace("practices: [version-control]", "practices: []")
    )
    proc = run("validate", *BASE, "--baseline", baseline, worse)
    assert proc.returncode == 1
    assert "worse than the baseline" in proc.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert run("validate", *BASE, "--baseline", bad, ANSWERS / "clean.yaml").returncode == 2


def test_version_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; import checker.cli.app as c\n"
        "try:\n    c.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('yaml', 'jsonschema', 'sphinx', 'docutils') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_validating_one_file_imports_only_what_it_needs() -> None:
    """What pre-commit runs loads no schema library, no Sphinx and no ``dataclasses`` (with
    ``inspect``, ~17 ms of a 73 ms run: see checker.records)."""
    code = (
        "import io, sys; import checker.cli.app as c\n"
        f"sys.stdout = io.StringIO(); c.main(['validate', '-q', {str(ANSWERS / 'clean.yaml')!r},"
        f" '--checklists', {str(CHECKLISTS)!r}]); sys.stdout = sys.__stdout__\n"
        "heavy = ('jsonschema', 'fastjsonschema', 'sphinx', 'docutils', 'dataclasses', 'inspect',"
        " 'ruamel')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_schema_command_prints_the_schema() -> None:
    proc = run("schema", "answers")
    assert json.loads(proc.stdout)["title"].startswith("ML Team Playbook")


def test_lint_with_a_missing_docs_directory_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("lint", CHECKLISTS, "--docs", tmp_path / "nope")
    assert proc.returncode == 2
    assert "docs directory not found [PC100]" in proc.stderr


def test_a_directory_stands_for_its_yaml_files() -> None:
    proc = run("validate", *BASE, ANSWERS)
    files = sorted(ANSWERS.glob("*.yaml"))
    assert f"{len(files)} files checked" in proc.stdout
    assert proc.returncode == 1


def test_smoke_in_a_fresh_process_never_shows_a_traceback(tmp_path: Path) -> None:
    """The one subprocess test: the installed entry point, bad input and usage errors."""
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"checklist: [\xff")
    commands: list[tuple[str | Path, ...]] = [
        ("validate", *BASE, bad),
        ("validate", *BASE, ANSWERS / "clean.yaml"),
        ("diff", bad, bad),
        ("explain", "PC999"),
        ("--help",),
    ]
    for args in commands:
        proc = playbook_check(*args)
        assert proc.returncode in (0, 2), proc.stderr


def test_main_in_process_leaves_the_garbage_collector_as_it_found_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``main`` raises the collector's thresholds for a large run; a program that calls it in
    process gets its own thresholds back (issue 26, item 5)."""
    import gc

    from checker.cli.app import main

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        answers = tmp_path / "team.yaml"
        answers.write_text(CLEAN, encoding="utf-8")
        assert main(["validate", "--checklists", str(CHECKLISTS), str(answers)]) == 0
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
    capsys.readouterr()
