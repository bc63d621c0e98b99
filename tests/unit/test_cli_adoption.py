"""Adopting playbook-check in a team's repository (issue 11): each test failed before its fix.

The tests run the CLI in process (``main(argv)``) inside a throwaway "team repository".
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from yamllint import linter
from yamllint.config import YamlLintConfig

from .conftest import ANSWERS, CHECKLISTS
from .conftest import run_cli as run

BASE = ["--checklists", str(CHECKLISTS), "--today", "2026-11-24"]
FILLED = {
    "scientists": "3",
    "mlops-engineers": "2",
    "mlops-shared": "false",
    "team-size": "7",
    "deploy-frequency": "weekly",
    "practices": "[ci, monitoring]",
    "automated-share": "90",
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty team repository as the working directory."""
    root = tmp_path / "team-repo"
    root.mkdir()
    (root / ".git").mkdir()
    monkeypatch.chdir(root)
    return root


def fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"  {key}:\n", f"  {key}: {value}\n")
    return text


def medium_and_low(path: Path) -> Path:
    """Answers with medium and low findings only (no high)."""
    text = (ANSWERS / "clean.yaml").read_text()
    text = text.replace("team-size: 7", "team-size: 12").replace(
        "deploy-frequency: weekly", "deploy-frequency: quarterly"
    )
    path.write_text(text)
    return path


# --- 1. quiet shows what fails the run ----------------------------------------------------


def test_quiet_shows_every_finding_that_fails_the_run_with_its_advice(tmp_path: Path) -> None:
    answers = medium_and_low(tmp_path / "team.yaml")
    full = run("validate", *BASE, "--fail-on", "low", answers)
    assert full.returncode == 1
    assert ": medium: " in full.stdout and ": low: " in full.stdout
    quiet = run("validate", *BASE, "-q", "--fail-on", "low", answers)
    assert quiet.returncode == 1
    lines = quiet.stdout.splitlines()
    assert any(": medium: " in line for line in lines)
    assert any(": low: " in line for line in lines)
    assert any(line.startswith("  advice: ") for line in lines)
    assert "files checked" not in quiet.stdout and "score" not in quiet.stdout
    # At --fail-on high nothing fails, so quiet prints nothing.
    silent = run("validate", *BASE, "-q", answers)
    assert (silent.returncode, silent.stdout) == (0, "")


def test_quiet_keeps_errors_with_hints_and_drops_warnings(tmp_path: Path) -> None:
    text = (ANSWERS / "clean.yaml").read_text().replace("mlops-shared: no", "mlops-shared: maybe")
    text = text.replace("  team-size: 7\n", "  team-size: 7\n  scientist: 3\n")
    (tmp_path / "team.yaml").write_text(text)
    proc = run("validate", *BASE, "-q", tmp_path / "team.yaml")
    assert proc.returncode == 2
    assert "error: 'mlops-shared' is a yes-no question" in proc.stdout
    assert "  hint: did you mean 'scientists'?" in proc.stdout
    stale = (ANSWERS / "exempted.yaml").read_text()
    (tmp_path / "stale.yaml").write_text(stale)
    warned = run("validate", *BASE, "-q", tmp_path / "stale.yaml")
    assert "warning" not in warned.stdout


# --- 2. diff matches assessments across multi-file reports ---------------------------------


def _report(tmp_path: Path, name: str, *files: Path) -> Path:
    out = tmp_path / name
    proc = run("report", *BASE, "-f", "json", "--exit-zero", "-o", out, *files)
    assert proc.returncode == 0, proc.stderr
    return out


def test_diff_compares_every_file_of_two_multi_file_reports(tmp_path: Path) -> None:
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    for f in ("clean.yaml", "high-risk.yaml", "exempted.yaml"):
        (old_dir / f).write_text((ANSWERS / f).read_text())
        (new_dir / f).write_text((ANSWERS / f).read_text())
    # The last file (by name, not the first) gains a high finding.
    worse = (
        (ANSWERS / "high-risk.yaml").read_text().replace("mlops-shared: yes", "mlops-shared: no")
    )
    (new_dir / "high-risk.yaml").write_text(worse)
    (new_dir / "clean.yaml").write_text(
        (ANSWERS / "clean.yaml").read_text().replace("mlops-engineers: 2", "mlops-engineers: 0")
    )
    old = _report(tmp_path, "old.json", old_dir)
    new = _report(tmp_path, "new.json", new_dir)
    proc = run("diff", *BASE[:2], old, new)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "3 assessment(s) compared" in proc.stdout
    assert "Search Ranking — staffing" in proc.stdout
    assert re.search(r"new: high: .*\[science-without-mlops\]", proc.stdout)
    data = json.loads(run("diff", *BASE[:2], "-f", "json", old, new).stdout)
    assert len(data["changes"]) == 3 and data["worse"] is True
    # A report against one answers file (the documented ci.md command) finds its entry.
    proc = run("diff", *BASE[:2], old, new_dir / "exempted.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 assessment(s) compared" in proc.stdout
    assert proc.stderr.count("[PC415]") == 2


def test_diff_names_what_it_could_not_match(tmp_path: Path) -> None:
    old = _report(tmp_path, "old.json", ANSWERS / "clean.yaml", ANSWERS / "high-risk.yaml")
    new = _report(tmp_path, "new.json", ANSWERS / "clean.yaml", ANSWERS / "exempted.yaml")
    proc = run("diff", *BASE[:2], old, new)
    assert proc.returncode == 0
    assert "staffing for team 'Recommendations' is only in" in proc.stderr
    assert "staffing for team 'Fraud' is only in" in proc.stderr
    assert "2 not matched" in proc.stdout
    nothing = run("diff", *BASE[:2], ANSWERS / "high-risk.yaml", ANSWERS / "clean.yaml")
    assert nothing.returncode == 2 and "[PC413]" in nothing.stderr


def test_diff_help_says_what_it_accepts() -> None:
    text = run("diff", "--help").stdout
    assert "JSON report" in text and "answers file" in text and "exit codes" in text


# --- 3. local and bundled checklists ------------------------------------------------------


def test_local_checklists_add_to_the_bundled_ones(repo: Path) -> None:
    assert run("new-checklist", "data-quality").returncode == 0
    assert run("init", "team-shape", "-o", "playbook/team-shape.yaml").returncode == 0
    assert run("init", "data-quality", "-o", "playbook/data-quality.yaml").returncode == 0
    listed = run("list")
    assert listed.returncode == 0
    assert re.search(r"^data-quality +0\.1\.0 .*\(\./checklists: ", listed.stdout, re.M)
    assert re.search(r"^team-shape +\d+\.\d+\.\d+ .*\(bundled: ", listed.stdout, re.M)


def test_a_local_checklist_overrides_the_bundled_one_and_list_says_so(repo: Path) -> None:
    (repo / "checklists").mkdir()
    (repo / "checklists" / "team-shape.yaml").write_text(
        (CHECKLISTS / "staffing.yaml").read_text().replace("id: staffing", "id: team-shape")
    )
    rows = json.loads(run("list", "-f", "json").stdout)
    row = next(r for r in rows if r["id"] == "team-shape")
    assert row["source"] == "./checklists" and row["path"] == "checklists/team-shape.yaml"
    assert len(row["shadows"]) == 1 and "team-shape.yaml" in row["shadows"][0]
    assert "overrides" in run("list").stdout


# --- 5. init creates folders; 6. a per-checklist schema referenced relatively ---------------


def test_init_creates_missing_folders_and_a_relative_schema(repo: Path) -> None:
    proc = run("init", "team-shape", "-o", "playbook/team-shape.yaml")
    assert proc.returncode == 0, proc.stderr
    text = (repo / "playbook" / "team-shape.yaml").read_text()
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/team-shape.schema.json"
    assert "site-packages" not in text and "/src/checker/" not in text
    assert (repo / "schemas" / "team-shape.schema.json").is_file()


def test_the_per_checklist_schema_knows_questions_kinds_and_choices(repo: Path) -> None:
    out = repo / "schemas" / "staffing.schema.json"
    proc = run("schema", "answers", "--checklist", "staffing", *BASE[:2], "-o", out)
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(out.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = yaml.safe_load((ANSWERS / "clean.yaml").read_text())
    good["assessed"] = str(good["assessed"])
    assert list(validator.iter_errors(good)) == []
    props = schema["properties"]["answers"]["properties"]
    assert props["scientists"]["title"] == "How many data scientists work on the team?"
    assert "Asked only when mlops-engineers ≥ 1" in props["mlops-shared"]["description"]
    for bad in (
        {"deploy-frequency": "weekly-ish"},
        {"scientist": 3},
        {"scientists": 2.5},
        {"practices": ["ci", "chaos"]},
    ):
        assert list(validator.iter_errors({**good, "answers": {**good["answers"], **bad}}))
    # Answers spelled true/false, yes/no (YAML 1.2 strings) and N/A all pass.
    for ok in ({"mlops-shared": "yes"}, {"mlops-shared": True}, {"automated-share": None}):
        assert list(validator.iter_errors({**good, "answers": {**good["answers"], **ok}})) == []
    # The generic schema is unchanged and printed, not a path into site-packages.
    assert json.loads(run("schema", "answers").stdout)["title"].startswith("ML Team Playbook")


# --- 8. a baseline can be written with --exit-zero ------------------------------------------


def test_exit_zero_writes_a_baseline_despite_findings(tmp_path: Path) -> None:
    out = tmp_path / "baseline.json"
    assert run("report", *BASE, "-f", "json", "-o", out, ANSWERS / "high-risk.yaml").returncode == 1
    out.unlink()
    proc = run("report", *BASE, "-f", "json", "--exit-zero", "-o", out, ANSWERS / "high-risk.yaml")
    assert proc.returncode == 0 and json.loads(out.read_text())["exit_code"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("checklist: [")
    assert run("validate", *BASE, "--exit-zero", bad).returncode == 2


# --- 11. new-checklist in a team repository -----------------------------------------------


def test_new_checklist_in_a_team_repo_passes_its_own_lint(repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "index.md").write_text("# Our team\n")
    proc = run("new-checklist", "data-quality")
    assert proc.returncode == 0, proc.stderr
    assert "make lint" not in proc.stderr
    assert "playbook-check lint checklists/data-quality.yaml" in proc.stderr
    text = (repo / "checklists" / "data-quality.yaml").read_text()
    assert "src/checker" not in text
    assert "$schema=../schemas/checklist.schema.json" in text
    assert (repo / "schemas" / "checklist.schema.json").is_file()
    assert not (repo / "docs" / "checklists").exists()
    lint = run("lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "0 error(s)" in lint.stdout


# --- 12. a fresh template passes yamllint's defaults ---------------------------------------


def test_init_template_passes_yamllint_defaults_and_validates_when_filled(repo: Path) -> None:
    config = YamlLintConfig("extends: default")
    from checker.constants import BUNDLED_CHECKLISTS

    for cid in sorted(p.stem for p in BUNDLED_CHECKLISTS.glob("*.yaml")):
        out = repo / "playbook" / f"{cid}.yaml"
        assert run("init", cid, "--team", "A team with a long name", "-o", out).returncode == 0
        problems = list(linter.run(out.read_text(), config, str(out)))
        assert problems == [], [str(p) for p in problems]
    out = repo / "staffing.yaml"
    assert run("init", "staffing", *BASE[:2], "-o", out).returncode == 0
    text = out.read_text()
    assert "yes or no" not in text and "true or false" in text
    assert "Asked only when mlops-engineers ≥ 1." in text
    filled = fill(text, FILLED)
    out.write_text(filled)
    assert list(linter.run(filled, config, str(out))) == []
    proc = run("validate", *BASE, out)
    assert proc.returncode == 0, proc.stdout


# --- 13. --help ---------------------------------------------------------------------------


COMMANDS = ("validate", "report", "init", "lint", "diff", "new-checklist", "schema", "list")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_gives_every_option_a_default_and_the_exit_codes(command: str) -> None:
    from checker.cli.parser import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub = commands.choices[command]
    for action in sub._actions:
        if action.option_strings and action.dest != "help":
            assert "default" in (action.help or ""), f"{command} {action.option_strings}"
    text = run(command, "--help").stdout
    assert "exit codes: 0" in " ".join(text.split())


def test_top_level_help_names_the_environment() -> None:
    text = " ".join(run("--help").stdout.split())
    assert "PLAYBOOK_CHECKLISTS" in text and "NO_COLOR" in text and "exit codes" in text
    assert "PLAYBOOK_CHECKLISTS" in " ".join(run("validate", "--help").stdout.split())


# --- 14. directories ----------------------------------------------------------------------


def test_directories_are_searched_recursively_for_answers_only(repo: Path) -> None:
    (repo / "playbook" / "ml" / "ranking").mkdir(parents=True)
    (repo / "playbook" / "old").mkdir()
    (repo / "playbook" / "ml" / "ranking" / "a.yaml").write_text(
        (ANSWERS / "clean.yaml").read_text()
    )
    (repo / "playbook" / "b.yml").write_text((ANSWERS / "clean.yaml").read_text())
    (repo / "playbook" / "old" / "c.yaml").write_text("checklist: [")
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
    proc = run("validate", *BASE, "--exclude", "old", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 files checked" in proc.stdout
    assert "pre-commit" not in proc.stdout + proc.stderr and "docs/" not in proc.stdout
    assert run("validate", *BASE, "playbook").returncode == 2  # old/c.yaml is invalid
    empty = repo / "empty"
    empty.mkdir()
    proc = run("validate", *BASE, empty)  # a run that checks nothing fails (see cli.md)
    assert proc.returncode == 2 and "nothing was checked [PC005]" in proc.stdout + proc.stderr
    proc = run("validate", *BASE, empty, "playbook/b.yml")  # beside answers: a warning
    assert proc.returncode == 0 and "no answers files found here [PC003]" in proc.stderr


# --- conventions: configuration, stdin, colour, list, explain ------------------------------


def test_pyproject_configuration_and_command_line_overrides(repo: Path) -> None:
    (repo / "playbook").mkdir()
    medium_and_low(repo / "playbook" / "team.yaml")
    (repo / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.playbook-check]\n"
        f'files = ["playbook"]\nfail-on = "medium"\nchecklists = ["{CHECKLISTS.as_posix()}"]\n'
    )
    proc = run("validate", "--today", "2026-11-24")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 file checked" in proc.stdout
    assert run("validate", "--today", "2026-11-24", "--fail-on", "high").returncode == 0
    (repo / "pyproject.toml").write_text(
        '[tool.playbook-check]\nfiles = ["playbook"]\nfail-on = "hihg"\n'
    )
    proc = run("validate")
    assert proc.returncode == 2
    assert "pyproject.toml:3:1: error: [tool.playbook-check] fail-on is 'hihg'" in proc.stderr
    assert "did you mean 'high'?" in proc.stderr
    (repo / "pyproject.toml").write_text("[tool.playbook-check]\nfile = []\n")
    proc = run("validate")
    assert proc.returncode == 2 and "unknown key 'file'" in proc.stderr and "[PC001]" in proc.stderr
    (repo / "pyproject.toml").write_text("[tool.playbook-check]\nfiles = [\n")
    proc = run("validate")
    assert proc.returncode == 2 and "cannot read pyproject.toml" in proc.stderr
    (repo / "pyproject.toml").write_text("[project]\nname = [\n")  # broken, but not ours
    assert run("validate", *BASE, ANSWERS / "clean.yaml").returncode == 0


def test_no_files_and_no_configuration_is_a_usage_error(repo: Path) -> None:
    proc = run("validate")
    assert proc.returncode == 2 and "no FILE given" in proc.stderr


def test_standard_input_with_a_display_name(repo: Path) -> None:
    text = (ANSWERS / "high-risk.yaml").read_text()
    proc = run("validate", *BASE, "--stdin-filename", "playbook/team.yaml", "-", stdin=text)
    assert proc.returncode == 1
    assert "playbook/team.yaml:6:20: high: Scientists without MLOps backing" in proc.stdout
    bad = run("validate", *BASE, "-", stdin="checklist: [\n")
    assert bad.returncode == 2 and "<stdin>:" in bad.stdout


def test_colour_on_request_or_forced_and_never_with_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = ANSWERS / "high-risk.yaml"
    assert "\x1b[" not in run("validate", *BASE, answers).stdout
    assert "\x1b[1;31mhigh\x1b[0m" in run("validate", *BASE, "--color", "always", answers).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("validate", *BASE, answers).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("validate", *BASE, answers).stdout
    assert "\x1b[" not in run("report", *BASE, "-f", "json", "--color", "always", answers).stdout


def test_explain_prints_the_registry_entry() -> None:
    from checker.codes import CODES, render_text

    proc = run("explain", "pc405")
    assert proc.returncode == 0
    assert proc.stdout == render_text(CODES["PC405"])
    assert "unanswered question" in proc.stdout and "exit code 2" in proc.stdout
    unknown = run("explain", "PC4O5")
    assert unknown.returncode == 2
    assert "playbook-check: error: unknown error code 'PC4O5' [PC002]" in unknown.stderr
    assert "did you mean 'PC405'?" in unknown.stderr


def test_checker_error_knows_its_exit_code_and_renders_itself() -> None:
    from checker.codes import CODES
    from checker.diagnostics import CheckerError, Diagnostic

    exc = CheckerError([Diagnostic("PC501", "file exists; not overwriting it", "r.json", hint="x")])
    assert exc.exit_code == CODES["PC501"].exit_code == 2
    assert str(exc) == "r.json:1:1: error: file exists; not overwriting it [PC501]\n  hint: x"
    assert str(CheckerError.one("PC002", "unknown")) == "playbook-check: error: unknown [PC002]"


def test_hints_never_point_at_the_playbooks_own_docs(repo: Path) -> None:
    (repo / "team.yaml").write_text("checklist: team-shape@1.0\nanswers: {}\n")
    proc = run("validate", "team.yaml")
    assert proc.returncode == 2 and "[PC202]" in proc.stdout
    assert "docs/" not in proc.stdout and "playbook-check explain PC202" in proc.stdout


def test_the_readme_commands_work_in_a_fresh_repository(repo: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Check your team's answers", 1)[1].split("```sh\n", 1)[1]
    commands = [
        line.split("  #", 1)[0].split()
        for line in block.split("```", 1)[0].splitlines()
        if line.startswith("playbook-check ")
    ]
    assert len(commands) >= 4
    example = Path(__file__).resolve().parents[2] / "examples" / "central-ml" / "team-shape.yaml"
    for argv in commands:
        argv = [a.strip('"') for a in argv]
        proc = run(*argv[1:])
        assert proc.returncode in (0, 1), (argv, proc.stdout, proc.stderr)
        if argv[1] == "init":  # "... answer the questions in the file ..."
            (repo / "playbook" / "team-shape.yaml").write_text(example.read_text())


def test_diff_of_hand_edited_reports_puts_no_escape_sequences_on_the_terminal(
    tmp_path: Path,
) -> None:
    old = _report(tmp_path, "old.json", ANSWERS / "high-risk.yaml", ANSWERS / "clean.yaml")
    doc = json.loads(old.read_text())
    doc["files"][0]["team"] = "Recs\x1b[2J"
    doc["files"][0]["score"]["sections"][0]["title"] = "People\x1b]8;;http://x\x07"
    doc["files"][0]["findings"][0]["title"] = "T\u202e"
    doc["files"][1]["team"] = "Search\x1b[31m"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(doc))
    doc["files"][1]["team"] = "Other"
    old.write_text(json.dumps(doc))
    proc = run("diff", old, new)
    assert proc.returncode in (0, 1), proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr and "\u202e" not in proc.stdout
    assert "[PC415]" in proc.stderr


def test_a_checklists_folder_that_is_a_symlink_loop_is_no_internal_error(repo: Path) -> None:
    (repo / "loop").symlink_to(repo / "loop")
    proc = run("validate", "--checklists", "loop", ANSWERS / "clean.yaml")
    assert proc.returncode == 2  # not a folder: PC004, not a crash (nor the bundled ones alone)
    assert "loop:1:1: error: checklists folder (from --checklists) does not exist" in proc.stderr
    assert "[PC004]" in proc.stderr
    proc = run("list", "--checklists", "loop")
    assert proc.returncode == 2 and "[PC004]" in proc.stderr
