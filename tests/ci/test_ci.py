"""Teams' CI paths (pre-commit hook, GitHub Action steps) and the contributor's scaffold."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import STRICT, sphinx_build

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# A valid answers file without evidence paths (those exist only in this repository).
VALID = (
    (ROOT / "examples" / "platform-stream" / "team-shape.yaml")
    .read_text(encoding="utf-8")
    .split("evidence:")[0]
)


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **extra}
    env.update(
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    return env


def _git(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=600
    )


@pytest.mark.slow
def test_pre_commit_hook_rejects_invalid_answers_and_accepts_valid(tmp_path: Path) -> None:
    head = _git(ROOT, "rev-parse", "HEAD")
    if head.returncode != 0:
        pytest.skip("the checkout is not a git repository")
    # The hook is installed from a clone of this repository's committed HEAD.
    source = tmp_path / "hook-source"
    assert _git(tmp_path, "clone", "-q", str(ROOT), str(source)).returncode == 0
    repo = tmp_path / "team-repo"
    repo.mkdir()
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    _git(repo, "init", "-q", env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {head.stdout.strip()}\n"
        "    hooks:\n      - id: playbook-check\n      - id: playbook-check-topology\n",
        encoding="utf-8",
    )
    install = subprocess.run(
        [str(BIN / "pre-commit"), "install"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    (repo / "playbook").mkdir()
    answers = repo / "playbook" / "team-shape.yaml"
    answers.write_text(VALID.replace("team-size: 8", "team-size: eight"), encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    rejected = _git(repo, "commit", "-m", "invalid", env=env)
    output = rejected.stdout + rejected.stderr
    if "Could not find a version" in output or "Failed to establish" in output:
        pytest.skip("the package index is not reachable")
    assert rejected.returncode != 0, output
    assert "playbook/team-shape.yaml:7:14: error: 'team-size' is a count question" in output
    answers.write_text(VALID, encoding="utf-8")
    _git(repo, "add", "-A", env=env)
    accepted = _git(repo, "commit", "-m", "valid", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr
    # The topology hook: a located error fails the commit, a clean topology passes.
    (repo / "org").mkdir()
    topology = repo / "org" / "topology.yaml"
    topology.write_text(
        "topology: 1\norganisation: Acme\nteams:\n  - {id: a, name: A, type: stream}\n",
        encoding="utf-8",
    )
    _git(repo, "add", "-A", env=env)
    rejected = _git(repo, "commit", "-m", "invalid topology", env=env)
    assert rejected.returncode != 0
    assert "org/topology.yaml:4:28: error:" in rejected.stdout + rejected.stderr
    topology.write_text(
        "topology: 1\norganisation: Acme\nteams:\n  - {id: a, name: A, type: stream-aligned}\n",
        encoding="utf-8",
    )
    _git(repo, "add", "-A", env=env)
    accepted = _git(repo, "commit", "-m", "valid topology", env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "ML Team Playbook topology" in accepted.stdout + accepted.stderr


def test_action_steps_write_summary_sarif_and_junit(tmp_path: Path) -> None:
    (tmp_path / "playbook").mkdir()
    shutil.copy(ROOT / "examples" / "central-ml" / "team-shape.yaml", tmp_path / "playbook")
    shutil.copy(ROOT / "examples" / "platform-stream" / "platform.yaml", tmp_path / "playbook")
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    proc = subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(
            GITHUB_ACTIONS="true",
            GITHUB_STEP_SUMMARY=str(summary),
            GITHUB_OUTPUT=str(tmp_path / "outputs"),
            PLAYBOOK_SARIF="out.sarif",
            PLAYBOOK_JUNIT="out.xml",
            PLAYBOOK_CHECKLISTS=str(ROOT / "checklists"),
        ),
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr  # central-ml has high-risk findings
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n")  # appended, not overwritten
    assert "Northwind Retail central ML team — Team shape and staffing" in text
    assert (
        "| 🔴 high — **fails the run** | One MLOps group spread over many science teams |" in text
    )
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads(
        (ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json").read_text()
    )
    jsonschema.Draft4Validator(schema).validate(sarif)
    located = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in sarif["runs"][0]["results"]
    }
    assert ("team-shape/shared-mlops-team", 12) in located
    assert "<testsuites" in (tmp_path / "out.xml").read_text(encoding="utf-8")
    assert "::error file=playbook/team-shape.yaml,line=12" in proc.stdout
    outputs = dict(
        line.split("=", 1) for line in (tmp_path / "outputs").read_text().splitlines() if line
    )
    assert outputs["exit-code"] == "1" and outputs["result"] == "failed"
    assert int(outputs["failing"]) == int(outputs["high"]) > 0
    assert outputs["sarif"] == "out.sarif" and outputs["junit"] == "out.xml"


def test_action_yml_and_gitlab_template_are_schema_valid() -> None:
    for schema, path in (
        ("vendor.github-actions", ROOT / "action.yml"),
        ("vendor.gitlab-ci", ROOT / "ci" / "gitlab" / "playbook-check.gitlab-ci.yml"),
    ):
        proc = subprocess.run(
            [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_action_fails_clearly_without_answers(tmp_path: Path) -> None:
    proc = subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
    )
    assert proc.returncode == 2
    assert "no answers files match 'playbook/*.yaml'" in proc.stderr


@pytest.mark.slow
@pytest.mark.site
def test_scaffolded_checklist_builds_into_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "conf.py", site)
    shutil.copy(ROOT / "CONTRIBUTING.md", site)
    for folder in ("docs", "checklists", "examples"):
        shutil.copytree(ROOT / folder, site / folder)
    new = subprocess.run(
        [
            str(BIN / "playbook-check"),
            "new-checklist",
            "data-quality",
            "--title",
            "Data quality",
            "--pitfall",
            "model-centric-tunnel-vision",
        ],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert new.returncode == 0, new.stderr
    checklist = site / "checklists" / "data-quality.yaml"
    text = checklist.read_text(encoding="utf-8").replace(
        "        points: {yes: 1, no: 0}\n",
        "        points: {yes: 1, no: 0}\n"
        "      - id: labels-audited\n"
        "        prompt: Were the training labels audited for consistency this quarter?\n"
        "        kind: yes-no\n"
        "        pitfalls: [model-centric-tunnel-vision]\n"
        "        points: {yes: 1, no: 0}\n",
        1,
    )
    checklist.write_text(text, encoding="utf-8")
    index = site / "docs" / "checklists" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(":hidden:\n\n", ":hidden:\n\ndata-quality\n", 1),
        encoding="utf-8",
    )
    lint = subprocess.run(
        [str(BIN / "playbook-check"), "lint"], cwd=site, capture_output=True, text=True, timeout=60
    )
    assert lint.returncode == 0, lint.stdout
    build = sphinx_build(site, site / "_build", *STRICT)
    assert build.returncode == 0, build.stderr
    page = (site / "_build" / "docs" / "checklists" / "data-quality.html").read_text()
    assert "Were the training labels audited for consistency this quarter?" in page
    assert "pitfall-model-centric-tunnel-vision" in page


def test_action_in_ratchet_mode_agrees_with_its_exit_code(tmp_path: Path) -> None:
    """Issue 11, item 4: with a baseline holding today's findings the job passes, and the
    summary, annotations, JUnit, SARIF, Code Quality and outputs all say so."""
    (tmp_path / "playbook").mkdir()
    shutil.copy(ROOT / "examples" / "central-ml" / "team-shape.yaml", tmp_path / "playbook")
    lists = str(ROOT / "checklists")
    made = subprocess.run(
        [
            *(str(BIN / "playbook-check"), "report", "--checklists", lists),
            *("playbook/team-shape.yaml", "--format", "json", "-o", "baseline.json"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 1 and (tmp_path / "baseline.json").is_file()
    summary = tmp_path / "summary.md"
    env = _env(
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(tmp_path / "outputs"),
        PLAYBOOK_BASELINE="baseline.json",
        PLAYBOOK_SARIF="out.sarif",
        PLAYBOOK_JUNIT="out.xml",
        PLAYBOOK_CODEQUALITY="quality.json",
        PLAYBOOK_CHECKLISTS=lists,
    )
    proc = subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "::error" not in proc.stdout
    assert "(in the baseline)" in proc.stdout
    assert "**Result:** passed: not worse than the baseline" in summary.read_text(encoding="utf-8")
    assert 'failures="0"' in (tmp_path / "out.xml").read_text(encoding="utf-8")
    results = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert results and {r["baselineState"] for r in results} == {"unchanged"}
    assert not [r for r in results if r["level"] == "error"]
    quality = json.loads((tmp_path / "quality.json").read_text(encoding="utf-8"))
    assert quality and not [i for i in quality if i["severity"] in ("blocker", "critical")]
    outputs = dict(
        line.split("=", 1) for line in (tmp_path / "outputs").read_text().splitlines() if line
    )
    assert outputs["exit-code"] == "0" and outputs["result"] == "passed"
    assert outputs["failing"] == "0" and outputs["baseline-new"] == "0"
    assert int(outputs["baseline-unchanged"]) == len(results)


def _topology_run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(
            GITHUB_ACTIONS="true",
            GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
            GITHUB_OUTPUT=str(tmp_path / "outputs"),
            PLAYBOOK_CHECKLISTS=str(ROOT / "checklists"),
            **env,
        ),
    )


def _outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "outputs").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line)


def test_action_checks_the_topology_with_the_answers(tmp_path: Path) -> None:
    """Issue 21, item 8: the topology is a CI citizen. Its findings join the exit code, the
    outputs, the annotations and the summary; a baseline makes it pass until it gets worse."""
    (tmp_path / "playbook").mkdir()
    (tmp_path / "org").mkdir()
    shutil.copy(ROOT / "examples" / "platform-stream" / "platform.yaml", tmp_path / "playbook")
    queue = ROOT / "tests" / "topology" / "organisations" / "central-mlops-by-request.yaml"
    shutil.copy(queue, tmp_path / "org" / "topology.yaml")
    proc = _topology_run(tmp_path, PLAYBOOK_TOPOLOGY="org/*.yaml", PLAYBOOK_TOPOLOGY_JSON="t.json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    outputs = _outputs(tmp_path)
    assert outputs["exit-code"] == "1" and outputs["result"] == "failed"
    assert outputs["topology-exit-code"] == "1" and outputs["topology-json"] == "t.json"
    assert outputs["files"] == "2" and outputs["high"] == outputs["failing"] == "1"
    assert "::error file=org/topology.yaml,line=8" in proc.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "Central MLOps by ticket" in summary and "Platform" in summary
    # The topology's own report, kept as the baseline: nothing is worse than it.
    shutil.copy(tmp_path / "t.json", tmp_path / "org" / "baseline.json")
    (tmp_path / "outputs").unlink()
    proc = _topology_run(
        tmp_path,
        PLAYBOOK_TOPOLOGY="org/topology.yaml",
        PLAYBOOK_TOPOLOGY_BASELINE="org/baseline.json",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    outputs = _outputs(tmp_path)
    assert outputs["result"] == "passed" and outputs["baseline-unchanged"] == "1"
    assert "not worse than the baseline (0 resolved)" in proc.stderr


def test_action_can_check_only_the_topology(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    shutil.copy(
        ROOT / "examples" / "platform-stream" / "topology" / "organisation.yaml",
        tmp_path / "org" / "topology.yaml",
    )
    text = (tmp_path / "org" / "topology.yaml").read_text(encoding="utf-8")
    (tmp_path / "org" / "topology.yaml").write_text(
        text.replace(
            "    answers: [../team-shape.yaml, ../interactions.yaml, ../platform.yaml]\n", ""
        ).replace("    page: ../../../docs/examples/platform-stream.md\n", ""),
        encoding="utf-8",
    )
    proc = _topology_run(tmp_path, PLAYBOOK_FILES="", PLAYBOOK_TOPOLOGY="org/topology.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _outputs(tmp_path)["files"] == "1"
    proc = _topology_run(tmp_path, PLAYBOOK_FILES="", PLAYBOOK_TOPOLOGY="nope/*.yaml")
    assert proc.returncode == 2 and "no topology files match 'nope/*.yaml'" in proc.stderr
    proc = _topology_run(tmp_path, PLAYBOOK_FILES="")
    assert proc.returncode == 2 and "nothing to check" in proc.stderr
