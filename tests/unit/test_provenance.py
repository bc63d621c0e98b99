"""Provenance in every published report (issue 21, item 1): repository, commit, ref, CI run and
generation time, from GitHub Actions' and GitLab CI's standard variables or from options;
optional in the schema, so older reports still load."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.report.read import load_report
from checker.validate import schema

from .conftest import ANSWERS, CHECKLISTS
from .conftest import run_cli as run

BASE = ["--checklists", str(CHECKLISTS), "--today", "2026-11-24"]
SHA = "0123456789abcdef0123456789abcdef01234567"
GITHUB = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "acme/search",
    "GITHUB_SHA": SHA,
    "GITHUB_REF_NAME": "main",
    "GITHUB_RUN_ID": "123456",
    "GITHUB_RUN_ATTEMPT": "1",
    "SOURCE_DATE_EPOCH": "1765000000",
}
GITLAB = {
    "GITLAB_CI": "true",
    "CI_PROJECT_PATH": "data/platform/search",
    "CI_PROJECT_URL": "https://gitlab.example.com/data/platform/search",
    "CI_COMMIT_SHA": SHA,
    "CI_COMMIT_REF_NAME": "main",
    "CI_JOB_URL": "https://gitlab.example.com/data/platform/search/-/jobs/77",
    "SOURCE_DATE_EPOCH": "1765000000",
}


def _report(tmp_path: Path, *extra: str) -> tuple[int, dict[str, Any], str]:
    out = tmp_path / "report.json"
    proc = run("report", *BASE, ANSWERS / "clean.yaml", "-f", "json", "-o", out, *extra)
    doc = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return proc.returncode, doc, proc.stderr


SetEnv = Callable[[dict[str, str]], None]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> SetEnv:
    def _set(values: dict[str, str]) -> None:
        for k, v in values.items():
            monkeypatch.setenv(k, v)

    return _set


def test_a_local_run_has_no_provenance_and_stays_byte_identical(tmp_path: Path) -> None:
    code, doc, _ = _report(tmp_path)
    assert code == 0 and "provenance" not in doc
    first = (tmp_path / "report.json").read_bytes()
    _report(tmp_path, "--force")
    assert (tmp_path / "report.json").read_bytes() == first


def test_github_actions_variables_give_the_provenance(tmp_path: Path, env: SetEnv) -> None:
    env(GITHUB)
    code, doc, _ = _report(tmp_path)
    assert code == 0
    assert doc["provenance"] == {
        "ci": "github-actions",
        "repository": "acme/search",
        "repository_url": "https://github.com/acme/search",
        "commit": SHA,
        "commit_url": f"https://github.com/acme/search/commit/{SHA}",
        "ref": "main",
        "run_url": "https://github.com/acme/search/actions/runs/123456",
        "generated": "2025-12-06T05:46:40Z",
    }
    assert doc["tool"] == {"name": "playbook-check", "version": doc["tool"]["version"]}
    assert load_report(tmp_path / "report.json")["provenance"] == doc["provenance"]


def test_a_pull_request_names_its_branch_and_a_rerun_its_attempt(
    tmp_path: Path, env: SetEnv
) -> None:
    env({**GITHUB, "GITHUB_HEAD_REF": "feature/x", "GITHUB_REF_NAME": "7/merge"})
    env({"GITHUB_RUN_ATTEMPT": "2"})
    _, doc, _ = _report(tmp_path)
    prov = doc["provenance"]
    assert isinstance(prov, dict)
    assert prov["ref"] == "feature/x"
    assert prov["run_url"].endswith("/actions/runs/123456/attempts/2")


def test_gitlab_ci_variables_give_the_provenance(tmp_path: Path, env: SetEnv) -> None:
    env(GITLAB)
    _, doc, _ = _report(tmp_path)
    prov = doc["provenance"]
    assert isinstance(prov, dict)
    assert prov["ci"] == "gitlab-ci"
    assert prov["repository"] == "data/platform/search"
    assert prov["commit_url"] == f"https://gitlab.example.com/data/platform/search/-/commit/{SHA}"
    assert prov["run_url"] == GITLAB["CI_JOB_URL"]


def test_options_win_over_the_variables_and_work_in_any_ci(tmp_path: Path, env: SetEnv) -> None:
    env({"SOURCE_DATE_EPOCH": "0"})
    _, doc, _ = _report(
        tmp_path,
        "--repository",
        "acme/fraud",
        "--commit",
        SHA[:12],
        "--ref",
        "release/1.2",
        "--run-url",
        "https://jenkins.example.com/job/fraud/9/",
        "--repository-url",
        "https://git.example.com/acme/fraud",
    )
    assert doc["provenance"] == {
        "ci": "other",
        "repository": "acme/fraud",
        "repository_url": "https://git.example.com/acme/fraud",
        "commit": SHA[:12],
        "commit_url": f"https://git.example.com/acme/fraud/commit/{SHA[:12]}",
        "ref": "release/1.2",
        "run_url": "https://jenkins.example.com/job/fraud/9/",
        "generated": "1970-01-01T00:00:00Z",
    }


def test_no_provenance_leaves_it_out_even_in_ci(tmp_path: Path, env: SetEnv) -> None:
    env(GITHUB)
    _, doc, _ = _report(tmp_path, "--no-provenance")
    assert "provenance" not in doc


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--commit", "HEAD"),
        ("--commit", SHA.upper()),
        ("--repository", "../../etc"),
        ("--repository", "acme/search\n"),
        ("--ref", "main\x1b[31m"),
        ("--run-url", "javascript:alert(1)"),
        ("--repository-url", 'https://x.example/"><script>'),
    ],
)
def test_a_malformed_option_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, option: str, value: str
) -> None:
    code, doc, err = _report(tmp_path, option, value)
    assert code == 2 and doc == {}
    assert "[PC012]" in err and option in err
    assert "\x1b" not in err


def test_a_malformed_ci_variable_is_left_out_with_a_warning(tmp_path: Path, env: SetEnv) -> None:
    env({**GITHUB, "GITHUB_SHA": "not-a-sha"})
    code, doc, err = _report(tmp_path)
    assert code == 0
    prov = doc["provenance"]
    assert isinstance(prov, dict) and "commit" not in prov and "commit_url" not in prov
    assert "GITHUB_SHA" in err and "[PC013]" in err


def test_older_reports_without_provenance_still_load(tmp_path: Path) -> None:
    _report(tmp_path)
    doc = load_report(tmp_path / "report.json")
    assert "provenance" not in doc and schema.is_valid(doc, "report")


@pytest.mark.parametrize(
    "provenance",
    [
        {"ci": "other"},  # no generation time
        {"ci": "travis", "generated": "2026-01-01T00:00:00Z"},
        {"ci": "other", "generated": "2026-01-01"},
        {"ci": "other", "generated": "2026-01-01T00:00:00Z", "commit": "xyz"},
        {"ci": "other", "generated": "2026-01-01T00:00:00Z", "run_url": "file:///etc/passwd"},
        {"ci": "other", "generated": "2026-01-01T00:00:00Z", "unknown": 1},
    ],
)
def test_the_schema_refuses_malformed_provenance(tmp_path: Path, provenance: object) -> None:
    _report(tmp_path)
    doc = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    doc["provenance"] = provenance
    assert not schema.is_valid(doc, "report")
