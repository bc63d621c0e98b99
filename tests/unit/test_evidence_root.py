"""Where relative evidence paths are resolved from (validate/answers.evidence_root_for)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.validate.answers import evidence_root_for


def _repo(path: Path) -> Path:
    (path / ".git").mkdir(parents=True)
    return path


def test_the_enclosing_repository_root(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / "a" / "b").mkdir(parents=True)
    assert evidence_root_for(repo / "a" / "b" / "answers.yaml") == repo.resolve()


def test_outside_a_repository_the_answers_folder(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    assert evidence_root_for(tmp_path / "plain" / "x.yaml") == (tmp_path / "plain").resolve()


def test_a_linked_answers_file_belongs_to_its_target_repository(tmp_path: Path) -> None:
    real = _repo(tmp_path / "real")
    other = _repo(tmp_path / "other")
    (real / "team.yaml").write_text("checklist: x\n", encoding="utf-8")
    (other / "link.yaml").symlink_to(real / "team.yaml")
    assert evidence_root_for(other / "link.yaml") == real.resolve()


def test_a_relative_path_is_taken_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path / "cwd-repo")
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    assert evidence_root_for(Path("answers.yaml")) == repo.resolve()
