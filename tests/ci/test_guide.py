"""The CI guide, followed literally: every ``sh`` block of docs/guides/ci.md runs, in order, in
one shell, in a throwaway folder — init into a new folder, answers, validate, every report
format, a baseline, pre-commit installed from a local clone of HEAD, the workflow file,
``ci/action.sh`` plain and in ratchet mode, a regression, a diff of two multi-file reports —
and then the GitLab job's own script from the template the guide includes. The guide is the
one source of the commands, so it cannot drift from what is tested.

The only substitution: the guide's first block, which needs the network, is replaced by the same
two variables pointing at a local clone (``PLAYBOOK_REPO``, ``PLAYBOOK_REV``); the GitLab job's
``PLAYBOOK_REPOSITORY`` points there too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.constants import FORMATS

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GUIDE = ROOT / "docs" / "guides" / "ci.md"
BLOCKS = re.findall(r"^```sh\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)
NETWORK = "# Needs the network."
TEMPLATE_URL = (
    "https://raw.githubusercontent.com/ml-team-playbook/ml-team-playbook/{rev}/"
    "ci/gitlab/playbook-check.gitlab-ci.yml"
)

pytestmark = pytest.mark.slow


def _env(tmp: Path, path_first: Path = BIN) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "PLAYBOOK_", "GIT_")) and k != "VIRTUAL_ENV"
    }
    env.update(
        PATH=f"{path_first}{os.pathsep}{os.environ['PATH']}",
        PRE_COMMIT_HOME=str(tmp / "pre-commit-home"),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        GIT_CONFIG_GLOBAL=str(tmp / "gitconfig"),
    )
    return env


def _script(clone: Path, rev: str) -> str:
    """The guide's blocks as one shell script, each announced by a marker line."""
    assert BLOCKS[0].startswith(NETWORK)
    assert "PLAYBOOK_REPO=" in BLOCKS[0] and "PLAYBOOK_REV=" in BLOCKS[0]
    parts = [
        "set -eo pipefail",
        "trap 'echo \"@@failed in block $BLOCK\"' ERR",
        "BLOCK=0; echo '@@block 0'",
        f"PLAYBOOK_REPO='{clone}'",
        f"PLAYBOOK_REV='{rev}'",
    ]
    for i, block in enumerate(BLOCKS[1:], start=1):
        parts += [f"BLOCK={i}; echo '@@block {i}'", block]
    parts.append("echo '@@done'")
    return "\n".join(parts) + "\n"


def _outputs(stdout: str) -> dict[int, str]:
    pieces = re.split(r"^@@block (\d+)\n", stdout, flags=re.M)
    return {int(pieces[i]): pieces[i + 1] for i in range(1, len(pieces) - 1, 2)}


def _newest_major(checklist_id: str) -> str:
    text = (ROOT / "checklists" / f"{checklist_id}.yaml").read_text(encoding="utf-8")
    return text.split("\nversion: ", 1)[1].split(".", 1)[0]


def _block(containing: str) -> int:
    return next(i for i, b in enumerate(BLOCKS) if containing in b)


def test_the_guide_lists_every_format_and_every_action_output() -> None:
    loop = re.search(r"for format in ([a-z ]+); do", BLOCKS[_block("for format in")])
    assert loop is not None and tuple(loop.group(1).split()) == FORMATS
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    page = GUIDE.read_text(encoding="utf-8")
    for name in action["outputs"]:
        assert f"`{name}`" in page, name
    for name in action["inputs"]:
        assert f"`{name}`" in page, name


def test_following_the_ci_guide_literally(tmp_path: Path) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    if head.returncode != 0:
        pytest.skip("the checkout is not a git repository")
    rev = head.stdout.strip()
    clone = tmp_path / "playbook-clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=300)
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run(
        ["bash", "-c", _script(clone, rev)],
        cwd=work,
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=1200,
    )
    out = proc.stdout
    if "Could not find a version" in out or "Failed to establish" in out:
        pytest.skip("the package index is not reachable")
    assert proc.returncode == 0 and out.rstrip().endswith("@@done"), out[-4000:]
    said = _outputs(out)
    repo = work / "team-repo"

    # init wrote into a new folder; the answers are invalid-free but have high findings.
    assert "exit code 1" in said[_block("playbook-check validate playbook/ ||")]
    # Every format was written, and each run exited 1, like validate.
    formats = said[_block("for format in")]
    for fmt in FORMATS:
        assert (repo / "reports" / f"playbook.{fmt}").is_file(), fmt
        assert f"{fmt}: exit code 1" in formats
    sarif = json.loads((repo / "reports" / "playbook.sarif").read_text(encoding="utf-8"))
    schema = json.loads(
        (ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json").read_text()
    )
    jsonschema.Draft4Validator(schema).validate(sarif)
    locations = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert locations == {"playbook/team-shape.yaml", "playbook/engineering-practices.yaml"}
    junit = ET.parse(repo / "reports" / "playbook.junit").getroot()
    assert int(junit.get("failures", "0")) > 0
    codequality = json.loads((repo / "reports" / "playbook.gitlab").read_text(encoding="utf-8"))
    assert {i["location"]["path"] for i in codequality} == locations

    # The baseline was written (exit 1: it records findings) and then passes.
    assert "exit code 1" in said[_block("-o playbook/baseline.json ||")]
    # pre-commit ran the hook from the local clone, and the commit went in.
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=repo, capture_output=True, text=True, timeout=60
    )
    assert "Playbook answers and their baseline" in log.stdout
    assert "ML Team Playbook answers" in said[_block("pre-commit install")]
    # The workflow file is a valid GitHub workflow, pinned to the commit.
    workflow = repo / ".github" / "workflows" / "playbook.yml"
    assert f"ml-team-playbook/ml-team-playbook@{rev}" in workflow.read_text(encoding="utf-8")
    check = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", workflow],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    # ci/action.sh: plain fails on the high findings; against the baseline it passes.
    action = said[_block("PLAYBOOK_SUMMARY=reports/summary.md")]
    assert action.count("exit code") == 1 and "exit code 1" in action
    assert "**Result:** failed" in (repo / "reports" / "summary.md").read_text(encoding="utf-8")
    ratchet_sarif = json.loads((repo / "reports" / "ci.sarif").read_text(encoding="utf-8"))
    results = ratchet_sarif["runs"][0]["results"]
    assert {r["baselineState"] for r in results} == {"unchanged"}
    assert not [r for r in results if r["level"] == "error"]
    # A regression fails the ratchet, and the summary says so.
    worse = said[_block("sed -i.bak")]
    assert "exit code 1" in worse and "failed: worse than the baseline" in worse

    _run_gitlab_job(tmp_path, repo, clone, rev)

    # diff of two multi-file reports: both assessments compared, the regression found.
    diff = said[_block("playbook-check diff")]
    assert diff.count("exit code 1") == 2, diff
    assert "team-shape" in diff and "engineering-practices" in diff

    # A 1.x answers file is deprecated, not refused; upgrade --check and --diff say so (exit 1)
    # and write nothing; upgrade rewrites it for the newest major version with its comments, new
    # questions blank and what is no longer asked kept under retired.
    newest = "team-shape@" + _newest_major("team-shape") + ".0"
    old = said[_block("history/team-shape-2025.yaml <<")]
    assert "team-shape@1.x is deprecated" in old and "[PC420]" in old
    assert "exit code 1" in old  # the high-risk findings of 1.0, not invalid (2)
    upgrade = said[_block("playbook-check upgrade --check")]
    assert upgrade.count("exit code 1") == 3, upgrade  # --check, --diff, then findings
    assert f"can be upgraded to {newest} [PC421]" in upgrade
    assert f"upgraded history/team-shape-2025.yaml: team-shape@1.0 -> {newest}" in upgrade
    assert "new questions to answer: path-to-production, deploy-wait, next-shape-review" in upgrade
    assert "[PC405]" not in upgrade and "exit code 1" in upgrade.split("upgraded history")[1]
    assert f"+checklist: {newest}" in (repo / "reports" / "upgrade.diff").read_text()
    upgraded = (repo / "history" / "team-shape-2025.yaml").read_text(encoding="utf-8")
    assert upgraded.startswith(f"# Last year's assessment.\nchecklist: {newest}\n")
    assert "ml-engineers: 2  # both shared with the pricing team" in upgraded


def _run_gitlab_job(tmp_path: Path, repo: Path, clone: Path, rev: str) -> None:
    """The job of the template the guide's .gitlab-ci.yml includes: its before_script and
    script, in one shell as GitLab runs them, with a fresh Python environment."""
    project = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert project["include"] == [{"remote": TEMPLATE_URL.format(rev=rev)}]
    template = yaml.safe_load(
        (clone / "ci" / "gitlab" / "playbook-check.gitlab-ci.yml").read_text(encoding="utf-8")
    )
    job = template["playbook-check"]
    variables = {**template["variables"], **project["variables"], **job["variables"]}
    # GitLab's predefined variables, which the job's own variables may name (${...}).
    predefined = {"CI_PROJECT_PATH": "acme/team-repo", "CI_PROJECT_PATH_SLUG": "acme-team-repo"}
    variables = {
        k: re.sub(r"\$\{(\w+)\}", lambda m: predefined.get(m.group(1), ""), str(v))
        for k, v in variables.items()
    }
    variables.update(predefined)
    assert variables["PLAYBOOK_VERSION"] == rev
    variables["PLAYBOOK_REPOSITORY"] = str(clone)  # the one network substitution
    variables["PLAYBOOK_CHECKOUT"] = str(tmp_path / "gitlab-checkout")
    python = tmp_path / "gitlab-python"
    venv.create(python, with_pip=True)
    env = {**_env(tmp_path, python / "bin"), **{k: str(v) for k, v in variables.items()}}
    script = "\n".join(job["before_script"] + job["script"])
    proc = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=repo,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=1200,
    )
    if "Could not find a version" in proc.stdout or "Failed to establish" in proc.stdout:
        pytest.skip("the package index is not reachable")
    assert proc.returncode == 0, proc.stdout[-4000:]  # the baseline holds the findings
    for path in job["artifacts"]["paths"]:
        path = re.sub(r"\$\{(\w+)\}", lambda m: predefined[m.group(1)], path)
        assert (repo / path).is_file(), path
    reports = job["artifacts"]["reports"]
    quality = json.loads((repo / reports["codequality"]).read_text(encoding="utf-8"))
    assert quality and {i["severity"] for i in quality} <= {"major", "minor"}
    junit = ET.parse(repo / reports["junit"]).getroot()
    assert junit.get("failures") == "0"
    summary = (repo / "playbook-summary.md").read_text(encoding="utf-8")
    assert "passed: not worse than the baseline" in summary
