"""The bad-input corpus: every case fails cleanly with its exact error, in the CLI and the site."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.load.yaml import load_text
from tests.helpers import playbook_check, playbook_check_in_process, sphinx_build

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"
CHECKLISTS = ROOT / "tests" / "data" / "checklists"
EXPECTED = load_text((BAD / "expected.yaml").read_text(encoding="utf-8")).data
ANSWER_CASES = sorted(EXPECTED["answers"].items())
CHECKLIST_CASES = sorted(EXPECTED["checklists"].items())
REPORT_CASES = sorted(EXPECTED["reports"].items())
SPECIAL_CASES = sorted(EXPECTED["special"].items())
FIRST_ERROR = re.compile(r":(\d+):(\d+): error: .*\[(PC\d{3})\]")
# Control, format, separator and surrogate characters other than the line break: none may
# reach a terminal (checker.textsafe has the one definition; this is its independent check).
UNSAFE_OUTPUT = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]"
)


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """A case that could hang (special files, devices) runs in a fresh process: a timeout
    fails it instead of the whole run."""
    return playbook_check(*args, cwd=ROOT, timeout=30)


def run_here(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """A case read from a regular file runs in process (the same code path, no interpreter
    start: the corpus is a few hundred runs)."""
    return playbook_check_in_process(*args, cwd=ROOT)


def assert_safe(text: str) -> None:
    """Nothing a team wrote reaches the terminal as a control character."""
    match = UNSAFE_OUTPUT.search(text)
    assert match is None, f"unsafe {match.group()!r} in output: {text[:2000]}"


def first_error(text: str) -> str:
    match = FIRST_ERROR.search(text)
    assert match, text
    return f"{match.group(3)} {match.group(1)}:{match.group(2)}"


def test_corpus_is_large_and_every_file_has_an_expectation() -> None:
    files = {p.stem for p in BAD.glob("*.yaml")} - {"expected"}
    folders = {p.name for p in (BAD / "checklists").iterdir()}
    reports = {p.stem for p in (BAD / "reports").glob("*.json")}
    assert files == set(EXPECTED["answers"])
    assert folders == set(EXPECTED["checklists"])
    assert reports == set(EXPECTED["reports"])
    assert set(EXPECTED["special"]) == set(SPECIAL)
    assert len(files) + len(folders) + len(reports) + len(SPECIAL) >= 180


@pytest.mark.parametrize(("case", "expected"), ANSWER_CASES, ids=[c for c, _ in ANSWER_CASES])
def test_answers_case_fails_with_its_error(case: str, expected: str, tmp_path: Path) -> None:
    path = BAD / f"{case}.yaml"
    proc = run_here(
        "validate",
        "--checklists",
        CHECKLISTS,
        "--today",
        "2026-11-24",
        "--evidence-root",
        ROOT / "tests" / "data",
        path,
    )
    assert proc.returncode == 2
    assert first_error(proc.stdout) == expected
    assert f"{path}:" in proc.stdout
    assert_safe(proc.stdout + proc.stderr)
    assert len(proc.stdout) < 100_000  # bounded: at most 100 diagnostics of bounded length
    # A report written to a file is complete (atomic write), never partial.
    out = tmp_path / "report.json"
    proc = run_here(
        "report",
        "--format",
        "json",
        "-o",
        out,
        "--checklists",
        CHECKLISTS,
        "--evidence-root",
        ROOT / "tests" / "data",
        path,
    )
    assert proc.returncode == 2
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["exit_code"] == 2 and doc["files"][0]["valid"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(("case", "expected"), CHECKLIST_CASES, ids=[c for c, _ in CHECKLIST_CASES])
def test_checklist_case_fails_lint_with_its_error(case: str, expected: str) -> None:
    proc = run_here(
        "lint",
        BAD / "checklists" / case,
        "--docs",
        ROOT / "tests" / "roots" / "test-playbook" / "docs",
    )
    assert proc.returncode == 2
    assert first_error(proc.stdout) == expected
    assert_safe(proc.stdout + proc.stderr)


@pytest.mark.parametrize(("case", "expected"), REPORT_CASES, ids=[c for c, _ in REPORT_CASES])
def test_report_case_fails_baseline_and_diff_with_its_error(case: str, expected: str) -> None:
    """A report read back is validated (strict JSON, the published schema), never trusted."""
    path = BAD / "reports" / f"{case}.json"
    answers = ROOT / "tests" / "data" / "answers" / "high-risk.yaml"
    lists = ("--checklists", CHECKLISTS, "--today", "2026-11-24")
    ratchet = run_here("validate", *lists, "--baseline", path, answers)
    diff = run_here("diff", *lists, path, answers)
    for proc in (ratchet, diff):
        assert proc.returncode == 2
        assert first_error(proc.stderr) == expected
        assert f"{path}:" in proc.stderr
        assert_safe(proc.stdout + proc.stderr)


# --- Path kinds built at test time: special files, OS errors on paths, hostile file names and
# output targets. Each builder returns the command to run in a fresh temporary directory; the
# run must not hang (a timeout fails it), must exit 2 with the expected first error, print no
# control character, leave no temporary file and leave the target as it was.

VALID = ROOT / "tests" / "data" / "answers" / "clean.yaml"
EVIDENCE_BASE = (BAD / "exemption-twice.yaml").read_text(encoding="utf-8").split("exemptions:")[0]
Builder = Callable[[Path], list[str | Path]]


def _check(*args: str | Path) -> list[str | Path]:
    return ["validate", "--checklists", CHECKLISTS, "--today", "2026-11-24", *args]


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link(path: Path, target: str | Path) -> Path:
    path.symlink_to(target)
    return path


def _socket(path: Path) -> Path:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return path


def _dir_with(path: Path, name: str, make: Callable[[Path], Path]) -> Path:
    path.mkdir()
    make(path / name)
    return path


def _evidence(t: Path, item: str, link: tuple[str, str] = ("loop", "loop")) -> list[str | Path]:
    (t / link[0]).symlink_to(link[1])
    answers = t / "team.yaml"
    answers.write_text(EVIDENCE_BASE + f"evidence:\n  scientists: {item}\n", encoding="utf-8")
    return _check("--evidence-root", t, answers)


def _report(*args: str | Path) -> list[str | Path]:
    return ["report", "--checklists", CHECKLISTS, "-f", "json", *args, VALID]


def _kept(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SPECIAL: dict[str, Builder] = {
    "special-answers-fifo": lambda t: _check(_fifo(t / "a.yaml")),
    "special-answers-dev-zero": lambda t: _check("/dev/zero"),
    "special-answers-dev-urandom": lambda t: _check("/dev/urandom"),
    "special-answers-symlink-to-fifo": lambda t: _check(_link(t / "a.yaml", _fifo(t / "f"))),
    "special-answers-symlink-to-dev-zero": lambda t: _check(_link(t / "a.yaml", "/dev/zero")),
    "special-answers-socket": lambda t: _check(_socket(t / "s.yaml")),
    "special-answers-fifo-in-directory": lambda t: _check(_dir_with(t / "d", "a.yaml", _fifo)),
    "special-checklist-fifo": lambda t: [
        "validate",
        "--checklists",
        _dir_with(t / "cl", "staffing.yaml", _fifo),
        VALID,
    ],
    "special-checklist-symlink-to-dev-urandom": lambda t: [
        "validate",
        "--checklists",
        _dir_with(t / "cl", "staffing.yaml", lambda p: _link(p, "/dev/urandom")),
        VALID,
    ],
    "special-baseline-fifo": lambda t: _check("--baseline", _fifo(t / "b.json"), VALID),
    "special-baseline-dev-zero": lambda t: _check("--baseline", "/dev/zero", VALID),
    "special-diff-fifo": lambda t: ["diff", "--checklists", CHECKLISTS, _fifo(t / "o.json"), VALID],
    "oserr-answers-symlink-loop": lambda t: _check(_link(t / "a.yaml", t / "a.yaml")),
    "oserr-answers-dangling-symlink": lambda t: _check(_link(t / "a.yaml", t / "nowhere")),
    "oserr-answers-name-too-long": lambda t: _check(t / ("n" * 300 + ".yaml")),
    "oserr-evidence-symlink-loop": lambda t: _evidence(t, "loop"),
    "oserr-evidence-through-looping-directory": lambda t: _evidence(t, "loop/notes.md"),
    "contain-evidence-symlink-out-of-the-root": lambda t: _evidence(
        t, "out/passwd", link=("out", "/etc")
    ),
    "oserr-baseline-symlink-loop": lambda t: _check("--baseline", _link(t / "b", t / "b"), VALID),
    "inject-newline-in-file-name": lambda t: _check(_kept(t / "bad\nname.yaml", "")),
    "inject-ansi-in-file-name": lambda t: _check(_kept(t / "\x1b]0;pwned\x07\x1b[2J.yaml", "")),
    "lost-output-exists": lambda t: _report("-o", _kept(t / "r.json", "keep")),
    "lost-output-dangling-symlink": lambda t: _report("-o", _link(t / "r.json", t / "nowhere")),
    "lost-output-dangling-symlink-with-force": lambda t: _report(
        "--force", "-o", _link(t / "r.json", t / "nowhere")
    ),
    "lost-output-dev-null-with-force": lambda t: _report("--force", "-o", "/dev/null"),
    "lost-output-fifo-with-force": lambda t: _report("--force", "-o", _fifo(t / "r.json")),
    "lost-output-directory-with-force": lambda t: _report("--force", "-o", t),
    "lost-output-symlink-loop-with-force": lambda t: _report(
        "--force", "-o", _link(t / "r.json", t / "r.json")
    ),
    "lost-output-missing-directory": lambda t: _report("-o", t / "no" / "such" / "r.json"),
    "lost-output-name-too-long": lambda t: _report("-o", t / ("n" * 300 + ".json")),
    "lost-init-output-dangling-symlink": lambda t: [
        "init",
        "staffing",
        "--checklists",
        CHECKLISTS,
        "-o",
        _link(t / "team.yaml", t / "nowhere"),
    ],
}


def _snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every entry under ``root`` (not followed): its mode and, for a link, its target."""
    out = {}
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        out[str(path)] = (info.st_mode, os.readlink(path) if path.is_symlink() else "")
    return out


@pytest.mark.parametrize(("case", "expected"), SPECIAL_CASES, ids=[c for c, _ in SPECIAL_CASES])
def test_special_path_case_fails_cleanly(case: str, expected: str, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    args = SPECIAL[case](work)
    before = _snapshot(work)
    kept = {p: p.read_bytes() for p in work.rglob("*") if p.is_file() and not p.is_symlink()}
    proc = run(*args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    # An answers file naming a broken checklist also gets PC411 ("fix it first"); where that line
    # sorts against the checklist's own error depends on the checkout's path, so skip it.
    output = "\n".join(
        line for line in (proc.stdout + proc.stderr).splitlines() if "[PC411]" not in line
    )
    assert first_error(output) == expected
    assert_safe(proc.stdout + proc.stderr)
    assert _snapshot(work) == before  # nothing created, replaced or left behind (.tmp)
    assert {p: p.read_bytes() for p in kept} == kept
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_file_names_are_neutralised_in_every_position(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname.yaml"
    path.write_text("", encoding="utf-8")
    proc = run(*_check(path))
    assert f"{tmp_path}/bad\\u000aname.yaml:1:1: error: file is empty [PC106]" in proc.stdout


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("checklist: staffing@1.2\nteam: x\nanswers:\n" + "# padding\n" * 200_000)
    proc = run("validate", "--checklists", CHECKLISTS, path)
    assert proc.returncode == 2
    assert first_error(proc.stdout) == "PC103 1:1"


@pytest.mark.site
def test_corpus_through_the_sphinx_extension(tmp_path: Path) -> None:
    """Every bad answers file and checklist becomes a located warning; the build completes."""
    src = tmp_path / "site"
    (src / "docs").mkdir(parents=True)
    shutil.copytree(BAD, src / "bad")
    shutil.copytree(CHECKLISTS, src / "checklists")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
        'root_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        'playbook_checklist_dir = "checklists"\nplaybook_today = "2026-11-24"\n'
    )
    body = ["# Bad inputs", ""]
    for case, _ in ANSWER_CASES:
        body += [f"```{{assessment}} /bad/{case}.yaml", "```", ""]
    body += ["```{assessment} ../../../../etc/passwd", "```", ""]
    (src / "docs" / "index.md").write_text("\n".join(body), encoding="utf-8")
    proc = sphinx_build(src, tmp_path / "out", "--keep-going", "-W")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "Sphinx error" not in proc.stderr
    for case, expected in ANSWER_CASES:
        line = expected.split()[1].split(":")[0]
        assert f"bad/{case}.yaml:{line}: WARNING:" in proc.stderr, case
    assert "'../../../../etc/passwd' is outside the documentation sources" in proc.stderr
    assert (tmp_path / "out" / "docs" / "index.html").is_file()


@pytest.mark.site
def test_bad_checklists_through_the_sphinx_extension(tmp_path: Path) -> None:
    for case, expected in CHECKLIST_CASES:
        src = tmp_path / case
        (src / "docs").mkdir(parents=True)
        shutil.copytree(BAD / "checklists" / case, src / "checklists")
        (src / "conf.py").write_text(
            'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
            'root_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        )
        (src / "docs" / "index.md").write_text("# C\n\n```{checklist} staffing\n```\n")
        proc = sphinx_build(src, tmp_path / f"{case}-out", "-W")
        assert proc.returncode != 0
        line = expected.split()[1].split(":")[0]
        assert f"checklists/staffing.yaml:{line}: WARNING:" in proc.stderr, (case, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_yaml_loader_handles_the_corpus_in_process() -> None:
    """No case makes the loader raise anything but its own error type."""
    from checker.diagnostics import CheckerError
    from checker.load.yaml import load_bytes

    for path in BAD.rglob("*.yaml"):
        with contextlib.suppress(CheckerError):
            load_bytes(path.read_bytes(), str(path))
