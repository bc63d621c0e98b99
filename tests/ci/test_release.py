"""A releasable project: the version comes from the git tag (setuptools-scm) and always names
the commit; the project's own workflows, as actionlint and GitHub's schema read them; Read the
Docs' configuration; pre-commit autoupdate moving a team's pin to the newest tag."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci.test_ci import _env

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
TAG = "v97.1.0"  # far above any real release, so it is the newest tag in any clone


def _git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=_env(), timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _version(tree: Path) -> str:
    """The version setuptools-scm gives the tree, as a build would."""
    proc = subprocess.run(
        [sys.executable, "-m", "setuptools_scm", "--root", str(tree)],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode:
        pytest.skip("the checkout is not a git repository")
    where = tmp_path_factory.mktemp("release") / "clone"
    _git(ROOT.parent, "clone", "--quiet", "--no-local", str(ROOT), str(where))
    for tag in _git(where, "tag", "--list").split():
        _git(where, "tag", "--delete", tag)
    return where


def test_the_version_is_the_tag_and_later_commits_name_theirs(clone: Path) -> None:
    head = _git(clone, "rev-parse", "HEAD")
    untagged = _version(clone)
    assert re.fullmatch(r"0\.1\.dev\d+\+g[0-9a-f]{7,}", untagged), untagged
    assert head.startswith(untagged.split("+g")[1])
    _git(clone, "tag", "--annotate", TAG, "--message", TAG)
    assert _version(clone) == "97.1.0"
    # The package's own __version__ is the tag's (written by setuptools-scm at build time).
    proc = subprocess.run(
        [sys.executable, "-m", "setuptools_scm", "--force-write-version-files"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    written: dict[str, Any] = {}
    exec((clone / "src" / "checker" / "_version.py").read_text(encoding="utf-8"), written)
    assert written["__version__"] == "97.1.0"
    _git(clone, "commit", "--quiet", "--allow-empty", "--message", "after the release")
    later = _version(clone)
    assert later.startswith("97.1.1.dev1+g"), later
    assert _git(clone, "rev-parse", "HEAD").startswith(later.split("+g")[1])
    _git(clone, "reset", "--quiet", "--hard", "HEAD~1")


@pytest.mark.slow
def test_a_wheel_built_from_a_tagged_clone_has_the_tags_version(
    clone: Path, tmp_path: Path
) -> None:
    """What `pip install git+URL@TAG`, the action and pre-commit do: build from a clone."""
    if TAG not in _git(clone, "tag", "--list"):
        _git(clone, "tag", "--annotate", TAG, "--message", TAG)
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"),
            *("-q", "-w", str(tmp_path), str(clone)),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name == "ml_team_playbook_checker-97.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "checker/checklists/team-shape.yaml" in names
        assert "__version__ = version = '97.1.0'" in zf.read("checker/_version.py").decode()


def test_a_shallow_clone_without_tags_still_names_the_commit(clone: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    _git(tmp_path, "clone", "--quiet", "--depth", "1", "--no-tags", clone.as_uri(), str(shallow))
    version = _version(shallow)
    assert "+g" in version, version
    assert _git(shallow, "rev-parse", "HEAD").startswith(version.split("+g")[1])


def test_a_git_archive_knows_its_version_without_history(clone: Path, tmp_path: Path) -> None:
    """GitHub's tarballs (and so the action's own download) are `git archive`s."""
    if TAG not in _git(clone, "tag", "--list"):
        _git(clone, "tag", "--annotate", TAG, "--message", TAG)
    archive = tmp_path / "release.tar"
    _git(clone, "archive", "--format=tar", f"--output={archive}", TAG)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    assert "$Format" not in (unpacked / ".git_archival.txt").read_text(encoding="utf-8")
    assert _version(unpacked) == "97.1.0"


def test_a_copy_without_any_git_metadata_gets_the_fallback(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy)
    (copy / ".git_archival.txt").write_text(
        (ROOT / ".git_archival.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert _version(copy) == "0.0"


def test_pre_commit_autoupdate_moves_a_pin_to_the_newest_tag(clone: Path, tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    _git(tmp_path, "clone", "--quiet", clone.as_uri(), str(hooks))
    _git(hooks, "tag", "v97.0.0", "HEAD")
    _git(hooks, "commit", "--quiet", "--allow-empty", "--message", "next")
    _git(hooks, "tag", "v97.2.0", "HEAD")
    team = tmp_path / "team"
    team.mkdir()
    _git(team, "init", "--quiet")
    config = team / ".pre-commit-config.yaml"
    config.write_text(
        f"repos:\n  - repo: {hooks.as_uri()}\n    rev: v97.0.0\n"
        "    hooks:\n      - id: playbook-check\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [str(BIN / "pre-commit"), "autoupdate"],
        cwd=team,
        capture_output=True,
        text=True,
        timeout=300,
        env=_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home")),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "rev: v97.2.0" in config.read_text(encoding="utf-8")


def _workflow(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data["on"] = data.pop(True, data.get("on"))
    return data


def test_the_workflows_do_what_a_release_needs() -> None:
    assert {p.name for p in WORKFLOWS} >= {"tests.yml", "site.yml", "release.yml"}
    tests = _workflow("tests.yml")
    assert "pull_request" in tests["on"]
    matrix = tests["jobs"]["test"]["strategy"]["matrix"]["python-version"]
    assert matrix == ["3.11", "3.12", "3.13"]
    site = _workflow("site.yml")
    assert site["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(
        s.get("uses", "").startswith("actions/deploy-pages@")
        for s in site["jobs"]["deploy"]["steps"]
    )
    release = _workflow("release.yml")
    assert list(release["on"]) == ["push"] and release["on"]["push"]["tags"]
    pypi = release["jobs"]["pypi"]
    assert pypi["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert pypi["environment"]["name"] == "pypi"
    publish = [s for s in pypi["steps"] if "gh-action-pypi-publish" in s.get("uses", "")]
    assert publish and "with" not in publish[0]  # no password: trusted publishing
    move = release["jobs"]["action-tag"]
    assert move["permissions"] == {"contents": "write"}
    assert 'git push --force origin "refs/tags/$major"' in move["steps"][-1]["run"]


def test_the_workflows_and_read_the_docs_config_are_schema_valid() -> None:
    for schema, paths in (
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.readthedocs", [ROOT / ".readthedocs.yaml"]),
    ):
        proc = subprocess.run(
            [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


def _actionlint() -> str:
    tool = shutil.which("actionlint", path=f"{BIN}") or shutil.which("actionlint")
    if tool is None:
        pytest.skip("actionlint is not installed (the dev extra installs it on Linux)")
    return tool


def _guide_workflow() -> str:
    text = (ROOT / "docs" / "guides" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"cat > \.github/workflows/playbook\.yml <<EOF\n(.*?)\nEOF", text, re.S)
    assert block
    return block.group(1).replace("$PLAYBOOK_REV", "0" * 40)


def _action_as_workflow() -> str:
    """The action's own steps as a workflow job, so actionlint checks the actions it uses."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    # The action's inputs as a manually run workflow's (strings, as an action's are), so that
    # every expression that reads them is type-checked as written.
    inputs = "".join(
        f"      {name}:\n        type: string\n        required: false\n"
        for name in action["inputs"]
    )
    steps = yaml.safe_dump(action["runs"]["steps"], sort_keys=False)
    steps = steps.replace("${{ github.action_path }}", ".")
    return (
        f"on:\n  workflow_dispatch:\n    inputs:\n{inputs}"
        "jobs:\n  check:\n    runs-on: ubuntu-24.04\n    steps:\n"
        + "".join(f"      {line}\n" for line in steps.splitlines())
    )


def test_actionlint_accepts_the_workflows_the_guide_and_the_actions_steps(tmp_path: Path) -> None:
    tool = _actionlint()
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    _git(repo, "init", "--quiet")
    for path in WORKFLOWS:
        shutil.copy(path, repo / ".github" / "workflows")
    (repo / ".github" / "workflows" / "guide-playbook.yml").write_text(_guide_workflow(), "utf-8")
    (repo / ".github" / "workflows" / "action-steps.yml").write_text(_action_as_workflow(), "utf-8")
    # -shellcheck= : shell scripts are checked by the tests that run them.
    proc = subprocess.run(
        [tool, "-shellcheck=", "-pyflakes="],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_would_catch_a_deprecated_action(tmp_path: Path) -> None:
    """The check above can fail: an action on a removed runtime is reported."""
    tool = _actionlint()
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    _git(repo, "init", "--quiet")
    (repo / ".github" / "workflows" / "old.yml").write_text(
        "on: push\njobs:\n  j:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/setup-python@v5\n",
        encoding="utf-8",
    )
    proc = subprocess.run([tool, "-shellcheck="], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 1 and "deprecated" in proc.stdout


def test_the_changelog_keeps_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "\n## Unreleased\n" in text
    headings = re.findall(r"^### (.+)$", text, re.M)
    allowed = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    assert headings and set(headings) <= allowed, headings
