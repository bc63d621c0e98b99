"""The Sphinx extension with hostile files: special files, symlinks out of the sources, loops,
huge numbers, a repeated team name and escape sequences. The build never hangs (a timeout fails
it), never shows a traceback, and turns each problem into a located warning without escapes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import sphinx_build
from tests.robustness.test_corpus import BAD, CHECKLISTS, EVIDENCE_BASE, assert_safe

ROOT = Path(__file__).resolve().parents[2]
CLEAN = (ROOT / "tests" / "data" / "answers" / "clean.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("hostile-site")
    src = tmp / "site"
    (src / "docs").mkdir(parents=True)
    shutil.copytree(CHECKLISTS, src / "checklists")
    (src / "checklists" / "broken.yaml").symlink_to("/dev/zero")
    examples = src / "examples"
    for team in "abcd":
        (examples / team).mkdir(parents=True)
    (examples / "a" / "staffing.yaml").write_text(CLEAN, encoding="utf-8")
    (examples / "b" / "staffing.yaml").write_text(CLEAN, encoding="utf-8")  # same team name
    outside = tmp / "outside.yaml"
    outside.write_text(CLEAN.replace("Search Ranking", "Outside Secret"), encoding="utf-8")
    (examples / "c" / "staffing.yaml").symlink_to(outside)
    os.mkfifo(examples / "d" / "staffing.yaml")
    answers = src / "answers"
    answers.mkdir()
    os.mkfifo(answers / "fifo.yaml")
    (answers / "zero.yaml").symlink_to("/dev/zero")
    (src / "loop").symlink_to("loop")
    (answers / "loop-evidence.yaml").write_text(
        EVIDENCE_BASE + "evidence:\n  scientists: loop\n", encoding="utf-8"
    )
    for case in ("num-huge-int-count", "inject-osc-title-notes-key", "inject-c1-csi-notes-key"):
        shutil.copy(BAD / f"{case}.yaml", answers / f"{case}.yaml")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
        'root_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        'playbook_checklist_dir = "checklists"\nplaybook_today = "2026-11-24"\n'
    )
    pages = [
        "# Hostile",
        "",
        "```{assessment-overview} /examples",
        "```",
        "",
        "```{checklist} broken",
        "```",
        "",
    ]
    for name in sorted(p.name for p in answers.iterdir()):
        pages += [f"```{{assessment}} /answers/{name}", "```", ""]
    (src / "docs" / "index.md").write_text("\n".join(pages), encoding="utf-8")
    out = tmp / "out"
    proc = sphinx_build(src, out, "--keep-going", timeout=300)
    assert "Traceback" not in proc.stderr and "Exception occurred" not in proc.stderr
    assert (out / "docs" / "index.html").is_file()
    return proc.stderr, out


def test_special_files_are_refused_with_a_location(build: tuple[str, Path]) -> None:
    log, _out = build
    assert "answers/fifo.yaml:1: WARNING: is a FIFO (named pipe), not a regular file" in log
    assert "examples/d/staffing.yaml:1: WARNING: is a FIFO (named pipe)" in log
    assert "'/answers/zero.yaml' is outside the documentation sources" in log  # a link out
    assert "checklists/broken.yaml:1: WARNING: is a character device" in log


def test_overview_does_not_follow_a_symlink_out_of_the_sources(build: tuple[str, Path]) -> None:
    log, out = build
    assert "'examples/c/staffing.yaml' leads outside the documentation sources" in log
    assert "Outside Secret" not in (out / "docs" / "index.html").read_text(encoding="utf-8")


def test_two_teams_with_one_name_are_a_located_warning(build: tuple[str, Path]) -> None:
    log, _out = build
    where = "examples/b/staffing.yaml:3: WARNING:"  # the line of its team: value
    assert f"{where} team 'Search Ranking' is also named in examples/a/staffing.yaml:" in log
    assert "[PC414]" in log


def test_os_errors_and_huge_numbers_are_located_warnings(build: tuple[str, Path]) -> None:
    log, _out = build
    assert "answers/loop-evidence.yaml:17: WARNING: evidence path 'loop' cannot be used" in log
    assert "answers/num-huge-int-count.yaml:5: WARNING: the number 1111" in log
    assert "[PC112]" in log


def test_no_escape_sequence_reaches_the_build_log(build: tuple[str, Path]) -> None:
    log, _out = build
    assert "answers/inject-osc-title-notes-key.yaml:15: WARNING:" in log
    assert_safe(log)
