"""Hostile topology input (issue 24, items 4 and 12): answers paths that leave the repository,
and findings that must name one thing each."""

from __future__ import annotations

import copy
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from checker.topology.check import check_topology
from checker.topology.diff import compare
from tests.helpers import playbook_check
from tests.topology.conftest import BASE, check_data, link, team, text_of

Data = dict[str, Any]


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "org").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=60)
    (repo / "playbook").mkdir()
    (repo / "playbook" / "team-shape.yaml").write_text("team: x\n", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("secret: 1\n", encoding="utf-8")
    return repo


def _with_answers(repo: Path, *answers: str) -> Path:
    data = copy.deepcopy(BASE)
    data["teams"][0]["answers"] = list(answers)
    path = repo / "org" / "topology.yaml"
    path.write_text(text_of(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "answers",
    ["../../secret.yaml", "/etc/passwd", "../playbook/../../secret.yaml", "link.yaml"],
    ids=["parent", "absolute", "dot-dot-inside", "symlink-out"],
)
def test_answers_outside_the_repository_are_refused(tmp_path: Path, answers: str) -> None:
    repo = _repo(tmp_path)
    os.symlink(tmp_path / "secret.yaml", repo / "org" / "link.yaml")
    path = _with_answers(repo, answers)
    proc = playbook_check("topology", "check", path)
    assert proc.returncode == 2, proc.stdout
    assert "[PC712]" in proc.stdout and "outside the repository" in proc.stdout
    assert f"{path}:" in proc.stdout


def test_answers_inside_the_repository_are_accepted(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    os.symlink(repo / "playbook" / "team-shape.yaml", repo / "org" / "inside.yaml")
    path = _with_answers(repo, "../playbook/team-shape.yaml", "inside.yaml")
    proc = playbook_check("topology", "check", path)
    assert proc.returncode == 0, proc.stdout


def test_without_a_repository_the_working_directory_bounds_the_answers(tmp_path: Path) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "team.yaml").write_text("team: x\n", encoding="utf-8")
    path = tmp_path / "org" / "topology.yaml"
    data = copy.deepcopy(BASE)
    data["teams"][0]["answers"] = ["../team.yaml"]
    path.write_text(text_of(data), encoding="utf-8")
    assert playbook_check("topology", "check", path, cwd=tmp_path).returncode == 0
    proc = playbook_check("topology", "check", path, cwd=tmp_path / "org")
    assert proc.returncode == 2 and "[PC712]" in proc.stdout


def test_a_repeated_answers_file_is_a_duplicate() -> None:
    data = copy.deepcopy(BASE)
    data["teams"][0]["answers"] = ["a.yaml"] * 4000
    result = check_data(data)
    codes = [d.code for d in result.diagnostics]
    assert "PC702" in codes and not result.valid


def test_a_reversed_pair_is_a_second_interaction() -> None:
    data = copy.deepcopy(BASE)
    data["interactions"].append(link("search", "plat", "facilitating", until="2027-01-01"))
    result = check_data(data)
    assert not result.valid
    (error,) = [d for d in result.diagnostics if d.severity.value == "error"]
    assert error.code == "PC702" and "whichever way it points" in error.hint


def test_an_unowned_capability_named_like_a_team_is_not_that_teams_finding() -> None:
    data = copy.deepcopy(BASE)
    data["capabilities"] = ["serving", "search"]
    result = check_data(data)
    assert {f.id for f in result.findings} == {"capability-unowned/search"}
    assert result.open_by_team() == {}


def test_a_team_listing_a_capability_twice_is_refused() -> None:
    for key in ("provides", "owns"):
        data = copy.deepcopy(BASE)
        data["teams"][1][key] = ["serving", "registry", "serving"]
        result = check_data(data)
        (error,) = [d for d in result.diagnostics if d.severity.value == "error"]
        assert error.code == "PC702" and "'serving'" in error.message


def test_a_capability_and_a_model_named_alike_give_two_findings_with_two_ids() -> None:
    data = copy.deepcopy(BASE)
    data["teams"].append(team("other", "platform", grouping="ml", provides=["x"], owns=["x"]))
    data["teams"][1]["provides"].append("x")
    data["teams"][0]["owns"].append("x")
    data["interactions"].append(link("other", "search"))
    result = check_data(data)
    ids = [f.id for f in result.findings]
    assert sorted(ids) == ["capability-owned-twice/x", "model-owned-twice/x"]
    assert len(set(ids)) == len(ids)
    model = next(f for f in result.findings if f.id == "model-owned-twice/x")
    assert "owned by 2 teams: Search and Other" in model.title


def test_an_exemption_covers_only_the_kind_it_names() -> None:
    data = copy.deepcopy(BASE)
    data["teams"].append(team("other", "platform", grouping="ml", provides=["x"], owns=["x"]))
    data["teams"][1]["provides"].append("x")
    data["teams"][0]["owns"].append("x")
    data["interactions"].append(link("other", "search"))
    data["exemptions"] = [
        {"finding": "model-owned-twice/x", "owner": "o", "reason": "r", "expires": "2027-01-01"}
    ]
    status = {f.id: f.status.value for f in check_data(data).findings}
    assert status == {"capability-owned-twice/x": "open", "model-owned-twice/x": "exempted"}


def test_diff_of_a_reversed_interaction_says_the_direction_changed(tmp_path: Path) -> None:
    old = copy.deepcopy(BASE)
    new = copy.deepcopy(BASE)
    new["interactions"] = [link("search", "plat", "x-as-a-service")]
    paths = []
    for name, data in (("old", old), ("new", new)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(text_of(data), encoding="utf-8")
        paths.append(path)
    change = compare(check_topology(paths[0]), check_topology(paths[1]))
    ix = change["interactions"]
    assert ix["added"] == [] and ix["removed"] == []
    assert ix["changed"] == [
        {
            "teams": ["search", "plat"],
            "from": {"mode": "x-as-a-service", "from": "plat", "to": "search"},
            "to": {"mode": "x-as-a-service", "from": "search", "to": "plat"},
        }
    ]
