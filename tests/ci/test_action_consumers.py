"""The GitHub Action (action.yml running ci/action.sh) as GitHub reads it: every output the
script writes is declared, report paths may name folders that do not exist yet, the job
summary says which annotations GitHub does not show, and the documented workflow has the
permissions SARIF upload needs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from checker.report.github_format import SUMMARY_TITLE
from tests.ci.test_ci import ROOT, _env
from tests.helpers import playbook_check

ACTION = ROOT / "action.yml"
GUIDE = ROOT / "docs" / "guides" / "ci.md"


def _run_action(cwd: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = cwd / "github-output"
    proc = subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(GITHUB_OUTPUT=str(outputs), PLAYBOOK_CHECKLISTS=str(ROOT / "checklists"), **env),
    )
    written = dict(
        line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if line
    )
    return proc, written


def _valid_answers(cwd: Path) -> None:
    (cwd / "playbook").mkdir()
    text = (ROOT / "examples" / "platform-stream" / "team-shape.yaml").read_text(encoding="utf-8")
    (cwd / "playbook" / "team-shape.yaml").write_text(text.split("evidence:")[0], "utf-8")


def test_reports_in_folders_that_do_not_exist_keep_valid_answers_valid(tmp_path: Path) -> None:
    _valid_answers(tmp_path)
    reports = {
        "PLAYBOOK_JSON": "reports/json/playbook.json",
        "PLAYBOOK_SARIF": "reports/sarif/playbook.sarif",
        "PLAYBOOK_JUNIT": "reports/junit/playbook.xml",
        "PLAYBOOK_CODEQUALITY": "reports/gitlab/quality.json",
        "PLAYBOOK_SUMMARY": "reports/summary/summary.md",
        "PLAYBOOK_COMMENT": "reports/comment/comment.md",
    }
    proc, outputs = _run_action(tmp_path, **reports)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert outputs["result"] == "passed" and outputs["exit-code"] == "0"
    for path in reports.values():
        assert (tmp_path / path).stat().st_size > 0, path
    comment = (tmp_path / reports["PLAYBOOK_COMMENT"]).read_text(encoding="utf-8")
    assert "| Team | Checklist | Score |" in comment  # the compact summary
    assert outputs["comment"] == reports["PLAYBOOK_COMMENT"]


def test_every_output_the_script_writes_is_declared_in_action_yml(tmp_path: Path) -> None:
    _valid_answers(tmp_path)
    _, written = _run_action(tmp_path, GITHUB_ACTIONS="true")
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    declared = action["outputs"]
    from_script = {
        name
        for name, spec in declared.items()
        if spec["value"] == f"${{{{ steps.check.outputs.{name} }}}}"
    }
    assert set(written) == from_script
    steps = {step.get("id") for step in action["runs"]["steps"]}
    for name, spec in declared.items():
        assert spec["description"].strip(), name
        if name not in from_script:  # another step's output (the uploaded artifact's name)
            step = spec["value"].split("steps.", 1)[1].split(".", 1)[0]
            assert step in steps and step != "check", name


def test_every_input_reaches_the_script() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    steps = yaml.safe_dump(action["runs"]["steps"])
    for name in action["inputs"]:
        # ${{ inputs.NAME }}, inside a longer expression, or in an `if:` (an expression already)
        assert re.search(rf"\binputs\.{re.escape(name)}\b", steps), name


def test_the_job_summary_says_which_annotations_github_does_not_show(tmp_path: Path) -> None:
    (tmp_path / "playbook").mkdir()
    for path in sorted((ROOT / "examples").glob("*/*.yaml")):
        shutil.copy(path, tmp_path / "playbook" / f"{path.parent.name}-{path.name}")
    summary = tmp_path / "summary.md"
    proc, _ = _run_action(tmp_path, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    errors = [line for line in proc.stdout.splitlines() if line.startswith("::error")]
    warnings = [line for line in proc.stdout.splitlines() if line.startswith("::warning")]
    assert len(errors) == len(warnings) == 10  # all kept by GitHub, the last says what is not
    assert SUMMARY_TITLE.replace(":", "%3A") in errors[-1]
    text = summary.read_text(encoding="utf-8")
    note = text.split("**Annotations not shown**", 1)[1]
    for kind in ("errors", "warnings"):
        said = rf"^- \d+ more {kind} are not annotated: GitHub shows at most 10 "
        assert re.search(said, note, re.M), kind


def test_the_guides_workflow_can_upload_sarif_from_a_private_repository() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"cat > \.github/workflows/playbook\.yml <<EOF\n(.*?)\nEOF", text, re.S)
    assert block, "the guide writes .github/workflows/playbook.yml"
    workflow = yaml.safe_load(block.group(1).replace("$PLAYBOOK_REV", "0" * 40))
    permissions = workflow["jobs"]["check"]["permissions"]
    assert permissions == {
        "contents": "read",
        "security-events": "write",
        "actions": "read",
    }


def test_playbook_site_url_is_documented_in_help_and_the_cli_reference() -> None:
    for command in (["--help"], ["report", "--help"]):
        assert "PLAYBOOK_SITE_URL" in playbook_check(*command).stdout, command
    cli = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert "PLAYBOOK_SITE_URL" in cli
