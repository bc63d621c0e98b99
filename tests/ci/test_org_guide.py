"""The organisation guide, followed literally (issue 21, "must show"): every ``sh`` block of
docs/guides/organisation.md runs, in order, in one shell, against 30 generated teams whose
GitHub Actions ran twice (two commits each) and two GitLab projects. ``gh`` and ``curl`` are
fakes on PATH (tests/ci/fakes.py) that serve the artifacts as the real tools document them and
refuse anything else. Then: collect, org init, a site built with ``-n -W``, one row per team
with its newest score, commit and date, a trend of two points, and a badge."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ci import fakes
from tests.org.conftest import answers, cli

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GUIDE = ROOT / "docs" / "guides" / "organisation.md"
BLOCKS = re.findall(r"^```sh\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)

pytestmark = pytest.mark.slow

GITHUB_REPOS = ["acme/search-ranking", "acme/search-query"] + [
    f"{'acme' if i % 3 else 'beta'}/team-{i:02d}" for i in range(3, 31)
]
GITLAB_PROJECTS = ["data/platform/feature-store", "data/platform/labelling"]
RUNS = (dt.datetime(2026, 11, 2, 9, 0), dt.datetime(2026, 11, 16, 9, 0))


def _sha(*parts: object) -> str:
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def _report(tmp: Path, repo: str, run: int, env: dict[str, str], out: Path) -> None:
    """One CI run: the team's answers (its size grows with each commit) checked with the
    CI's variables, as the action and the GitLab job run it."""
    checkout = tmp / "checkouts" / repo / str(run)
    (checkout / "playbook").mkdir(parents=True)
    size = 6 + run * 3 + GITHUB_REPOS.index(repo) % 4 if repo in GITHUB_REPOS else 9
    text = answers(repo.rsplit("/", 1)[1].replace("-", " ").title(), team_size=str(size))
    (checkout / "playbook" / "team-shape.yaml").write_text(text, encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    when = RUNS[run]
    code, _, err = cli(
        "report", checkout / "playbook", "-f", "json", "--exit-zero", "-o", out,
        "--today", when.date().isoformat(),
        env={**env, "SOURCE_DATE_EPOCH": str(int(when.replace(tzinfo=dt.UTC).timestamp()))},
    )  # fmt: skip
    assert code == 0, err


def _fixtures(tmp: Path) -> tuple[Path, Path]:
    gh, gitlab = tmp / "gh", tmp / "gitlab"
    (gh / "topics" / "acme").mkdir(parents=True)
    (gh / "topics" / "acme" / "ml-playbook.txt").write_text("\n".join(GITHUB_REPOS) + "\n")
    for repo in GITHUB_REPOS:
        artifact = "playbook-report-" + repo.replace("/", "--")
        for run in (0, 1):
            env = {
                "GITHUB_ACTIONS": "true",
                "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_REPOSITORY": repo,
                "GITHUB_SHA": _sha(repo, run),
                "GITHUB_REF_NAME": "main",
                "GITHUB_RUN_ID": str(100 + run),
            }
            out = gh / "runs" / repo / str(100 + run) / artifact / "playbook-report.json"
            _report(tmp, repo, run, env, out)
        (gh / "runs" / repo / "42").mkdir()  # a run from before the action: no artifact
    for project in GITLAB_PROJECTS:
        slug = project.replace("/", "-")
        env = {
            "GITLAB_CI": "true",
            "CI_PROJECT_PATH": project,
            "CI_PROJECT_URL": f"https://gitlab.example.com/{project}",
            "CI_COMMIT_SHA": _sha(project),
            "CI_COMMIT_REF_NAME": "main",
            "CI_JOB_URL": f"https://gitlab.example.com/{project}/-/jobs/7",
        }
        out = gitlab / project / "main" / "playbook-check" / f"playbook-report-{slug}.json"
        _report(tmp, project, 1, env, out)
    return gh, gitlab


def _tools(tmp: Path) -> Path:
    folder = tmp / "fake-bin"
    folder.mkdir()
    for name, text in (("gh", fakes.GH), ("curl", fakes.CURL)):
        path = folder / name
        path.write_text(text.replace("#!/usr/bin/env python3", f"#!{sys.executable}", 1))
        path.chmod(0o755)
    return folder


def _script() -> str:
    parts = ["set -eo pipefail", "trap 'echo \"@@failed in block $BLOCK\"' ERR"]
    for i, block in enumerate(BLOCKS):
        parts += [f"BLOCK={i}; echo '@@block {i}'", block]
    parts.append("echo '@@done'")
    return "\n".join(parts) + "\n"


def _said(stdout: str) -> dict[int, str]:
    pieces = re.split(r"^@@block (\d+)\n", stdout, flags=re.M)
    return {int(pieces[i]): pieces[i + 1] for i in range(1, len(pieces) - 1, 2)}


def test_following_the_organisation_guide_literally(tmp_path: Path) -> None:
    gh, gitlab = _fixtures(tmp_path)
    work = tmp_path / "platform"
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "GITLAB_", "CI_", "PLAYBOOK_")) and k != "VIRTUAL_ENV"
    }
    env.update(
        PATH=f"{_tools(tmp_path)}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}",
        FAKE_GH_ROOT=str(gh),
        FAKE_GITLAB_ROOT=str(gitlab),
        GITLAB_URL="https://gitlab.example.com",
        GITLAB_TOKEN="test-token",
    )
    proc = subprocess.run(
        ["bash", "-c", _script()],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=1800,
    )
    out = proc.stdout
    assert proc.returncode == 0 and out.rstrip().endswith("@@done"), out[-5000:]
    said = _said(out)

    def block(containing: str) -> str:
        return said[next(i for i, b in enumerate(BLOCKS) if containing in b)]

    teams = len(GITHUB_REPOS) + len(GITLAB_PROJECTS)
    assert len(GITHUB_REPOS) == 30
    # gh: two runs with a report per repository; the run before the action had none.
    assert block("gh run download").count("no report in") == len(GITHUB_REPOS)
    # collect: every report, once.
    reports = 2 * len(GITHUB_REPOS) + len(GITLAB_PROJECTS)
    assert f"collected {reports} reports; {teams} repositories in the collection" in block(
        "collect downloads --into org-site/reports\n"
    )
    assert f"collected 0 reports, {reports} collected before" in block("| tail -n 1")

    html = work / "org-site" / "_build" / "html"
    rows: dict[str, str] = {}
    for page in (html / "org").glob("*.html"):
        for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", page.read_text(), flags=re.S):
            detail = re.search(r'<span class="playbook-detail">([^<]+)</span>', row)
            assert detail is not None
            assert detail.group(1) not in rows, "one row per team"
            rows[detail.group(1)] = row
    assert sorted(rows) == sorted(GITHUB_REPOS + GITLAB_PROJECTS)
    for repo in GITHUB_REPOS:
        row = rows[repo]
        newest = json.loads(
            (gh / "runs" / repo / "101" / ("playbook-report-" + repo.replace("/", "--"))
             / "playbook-report.json").read_text()
        )  # fmt: skip
        score = newest["files"][0]["score"]["overall"]
        assert f"<strong>{score:g}</strong>" in row, (repo, row[:500])
        sha = _sha(repo, 1)
        assert f'href="https://github.com/{repo}/commit/{sha}"><code>{sha[:7]}</code></a>' in row
        assert newest["files"][0]["assessed"] in row
        assert re.search(r'aria-label="[^"]*: 2 assessments: 2026-11-02 [\d.]+, 2026-11-16', row)
        slug = repo.rsplit("/", 1)[1]
        assert (html / "org" / "badges" / repo / f"{slug}.svg").is_file()
        team_page = (html / "org" / "teams" / repo / f"{slug}.html").read_text()
        assert "playbook-chart-trend" in team_page and "2026-11-16: score" in team_page
    for project in GITLAB_PROJECTS:
        assert "gitlab.example.com/" + project + "/-/commit/" in rows[project]
    # The groups file: value streams, the rest under "Other teams".
    search = (html / "org" / "search-and-discovery.html").read_text()
    assert "acme/search-ranking" in search and "acme/search-query" in search
    assert (html / "org" / "other-teams.html").is_file()
    # The scheduled workflow is a valid GitHub workflow.
    workflow = work / ".github" / "workflows" / "org-site.yml"
    check = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", workflow],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    for page in html.rglob("*.html"):
        assert page.stat().st_size < 1024 * 1024, page
