"""Upload by default (issue 21, item 2): the action uploads its JSON report as an artifact with
a name unique to the repository, the GitLab template names it by project path, and what either
publishes is a report ``collect`` files under its repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from checker.org.store import INDEX

from .conftest import cli, sha_of

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
TEMPLATE = yaml.safe_load(
    (ROOT / "ci" / "gitlab" / "playbook-check.gitlab-ci.yml").read_text(encoding="utf-8")
)


def _env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "GITLAB_", "CI_", "PLAYBOOK_"))
    }
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    env.update(extra)
    return env


def _team(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "playbook").mkdir(parents=True)
    text = (ROOT / "examples" / "startup" / "team-shape.yaml").read_text(encoding="utf-8")
    (repo / "playbook" / "team-shape.yaml").write_text(text, encoding="utf-8")
    return repo


def _step(name: str) -> dict[str, Any]:
    steps = ACTION["runs"]["steps"]
    return next(s for s in steps if s.get("name") == name or s.get("id") == name)


def test_the_action_uploads_its_report_by_default_under_a_repository_unique_name(
    tmp_path: Path,
) -> None:
    assert ACTION["inputs"]["upload"]["default"] == "true"
    upload = _step("Upload the JSON report")
    assert upload["uses"] == "actions/upload-artifact@v6"
    assert upload["if"] == ("always() && inputs.upload == 'true' && steps.check.outputs.json != ''")
    assert upload["with"] == {
        "name": "${{ steps.artifact.outputs.name }}",
        "path": "${{ steps.check.outputs.json }}",
        "if-no-files-found": "warn",
    }
    # Without a json input, the report goes to the runner's temporary folder.
    check = _step("check")
    assert check["env"]["PLAYBOOK_JSON"] == (
        "${{ inputs.json || format('{0}/playbook-report/playbook-report.json', runner.temp) }}"
    )
    # Run the two steps as the runner would, with a push to acme/search.
    repo = _team(tmp_path)
    runner_temp = tmp_path / "runner-temp"
    outputs = tmp_path / "outputs"
    sha = sha_of("acme/search")
    github = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_REPOSITORY": "acme/search",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_SHA": sha,
        "GITHUB_REF_NAME": "main",
        "GITHUB_RUN_ID": "42",
        "GITHUB_OUTPUT": str(outputs),
    }
    report = runner_temp / "playbook-report" / "playbook-report.json"
    proc = subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=repo,
        env=_env(**github, PLAYBOOK_JSON=str(report), PLAYBOOK_FILES="playbook/*.yaml"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    naming = _step("artifact")
    proc = subprocess.run(
        ["bash", "-e", "-c", str(naming["run"])],
        env=_env(**github, NAME=""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    said = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if line)
    assert said["name"] == "playbook-report-acme--search"
    assert said["json"] == str(report)
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["provenance"]["repository"] == "acme/search"
    assert doc["provenance"]["commit"] == sha
    # Every format of one run has the one generation time (SOURCE_DATE_EPOCH is set once).
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", doc["provenance"]["generated"])
    into = tmp_path / "reports"
    code, _, err = cli("collect", report, "--into", into)
    assert code == 0, err
    assert (into / "acme" / "search" / INDEX).is_file()


def _gitlab_expand(value: str, variables: dict[str, str]) -> str:
    """GitLab's expansion of ``$VAR`` and ``${VAR}`` in variables and artifact paths."""
    return re.sub(
        r"\$\{(\w+)\}|\$(\w+)", lambda m: variables.get(m.group(1) or m.group(2), ""), value
    )


def test_the_gitlab_job_names_its_report_by_project_path(tmp_path: Path) -> None:
    job = TEMPLATE["playbook-check"]
    predefined = {
        "GITLAB_CI": "true",
        "CI_PROJECT_PATH": "Data/Platform/Feature-Store",
        "CI_PROJECT_PATH_SLUG": "data-platform-feature-store",
        "CI_PROJECT_URL": "https://gitlab.example.com/Data/Platform/Feature-Store",
        "CI_COMMIT_SHA": sha_of("feature-store"),
        "CI_COMMIT_REF_NAME": "main",
        "CI_JOB_URL": "https://gitlab.example.com/Data/Platform/Feature-Store/-/jobs/9",
    }
    variables = {**TEMPLATE["variables"], **job["variables"]}
    expanded = {k: _gitlab_expand(str(v), predefined) for k, v in variables.items()}
    assert expanded["PLAYBOOK_JSON"] == "playbook-report-data-platform-feature-store.json"
    assert _gitlab_expand(job["artifacts"]["name"], predefined) == (
        "playbook-report-data-platform-feature-store"
    )
    paths = [_gitlab_expand(p, predefined) for p in job["artifacts"]["paths"]]
    assert expanded["PLAYBOOK_JSON"] in paths
    repo = _team(tmp_path)
    # The job's script is ci/action.sh (its before_script installs the checker).
    assert job["script"] == ['bash "$PLAYBOOK_CHECKOUT/ci/action.sh"']
    proc = subprocess.run(
        ["bash", str(ROOT / "ci" / "action.sh")],
        cwd=repo,
        env=_env(**predefined, **expanded),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    for path in paths:
        assert (repo / path).is_file(), path
    doc = json.loads((repo / expanded["PLAYBOOK_JSON"]).read_text(encoding="utf-8"))
    assert doc["provenance"]["ci"] == "gitlab-ci"
    assert doc["provenance"]["repository"] == "Data/Platform/Feature-Store"
    into = tmp_path / "reports"
    code, _, err = cli("collect", repo / expanded["PLAYBOOK_JSON"], "--into", into)
    assert code == 0, err
    assert (into / "data" / "platform" / "feature-store" / INDEX).is_file()
