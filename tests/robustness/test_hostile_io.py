"""Hostile terminals, interrupted writes, full disks, closed pipes, races and huge outputs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.cli import main
from checker.constants import MAX_DIAGNOSTICS, MAX_MESSAGE
from checker.textsafe import is_blank, json_safe, neutralise, neutralise_data, unsafe
from tests.helpers import playbook_check
from tests.robustness.test_corpus import BAD, CHECKLISTS, assert_safe

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "tests" / "data" / "answers"
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2028x\x85y\nz::error::w\x01\x0b\ufffe"
CLEAN = ANSWERS / "clean.yaml"
COMMANDS = {"::error", "::warning", "::notice"}
FORMATS = ("text", "json", "markdown", "junit", "sarif", "github")


# --- the one neutralising function --------------------------------------------------------


def test_unsafe_covers_every_control_format_separator_and_surrogate() -> None:
    categories = {"Cc", "Cf", "Zl", "Zp", "Cs"}
    missed = [
        f"U+{cp:04X}"
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in categories and not unsafe().match(chr(cp))
    ]
    assert missed == []


@given(st.text())
def test_neutralised_text_is_printable_and_stable(text: str) -> None:
    safe = neutralise(text)
    assert unsafe().search(safe) is None
    assert neutralise(safe) == safe
    assert "\n" not in safe


@given(st.text())
def test_json_escapes_keep_every_string(text: str) -> None:
    dumped = json_safe(json.dumps({"k": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"k": text}
    assert unsafe().search(dumped.replace("\n", "")) is None


# Keys without a backslash: their escapes cannot collide with another key.
KEYS = st.text(st.characters(blacklist_characters="\\"), max_size=6)
JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4)
        | st.dictionaries(KEYS, inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@given(JSON_DATA)
def test_every_string_of_a_document_is_neutralised(data: object) -> None:
    safe = neutralise_data(data)
    assert all(unsafe().search(text) is None for text in _strings(safe))
    assert [neutralise(text) for text in _strings(data)] == _strings(safe)


def test_blank_means_nothing_visible() -> None:
    for text in ("", " ", "\t\n", "\u200b\u200d", "\ufeff", "\u3000\u00a0"):
        assert is_blank(text)
    for text in ("a", " x ", "\u200bx", "-"):
        assert not is_blank(text)


# --- every format, with hostile text in every field a team or a checklist controls ----------


@pytest.fixture(scope="module")
def hostile_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("hostile-formats")
    lists = tmp / "checklists"
    lists.mkdir()
    esc = json.dumps(HOSTILE)  # a YAML double-quoted string with every character escaped
    text = (CHECKLISTS / "staffing.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Staffing (test checklist)", f"title: {esc}", 1)
    text = text.replace("    title: People\n", f"    title: {esc}\n", 1)
    text = text.replace("    title: Scientists without MLOps backing\n", f"    title: {esc}\n", 1)
    advice = re.compile(r"^    advice: Pair the scientists.*$", re.M)
    text = advice.sub(lambda _m: f"    advice: {esc}", text, count=1)
    (lists / "staffing.yaml").write_text(text, encoding="utf-8")
    answers = (ANSWERS / "high-risk.yaml").read_text(encoding="utf-8")
    answers = answers.replace("team: Recommendations", f"team: {esc}", 1)
    answers = answers.replace("notes:\n", f"notes:\n  scientists: {esc}\n", 1)
    path = tmp / "team\x1b[2J\nname.yaml"
    path.write_text(answers, encoding="utf-8")
    return lists, path


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_safe_and_well_formed(fmt: str, hostile_inputs: tuple[Path, Path]) -> None:
    lists, path = hostile_inputs
    proc = playbook_check("report", "--checklists", lists, "-f", fmt, "--today", "2026-11-24", path)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # valid, with a high finding
    assert_safe(proc.stdout + proc.stderr)
    if fmt == "junit":
        root = ET.fromstring(proc.stdout.encode("utf-8"))  # strict XML parser
        assert root.get("failures") == "1"
    if fmt in ("json", "sarif"):
        data = json.loads(proc.stdout)
        if fmt == "json":
            assert data["files"][0]["team"] == HOSTILE  # the data keeps every character
            assert data["files"][0]["notes"]["scientists"] == HOSTILE
    if fmt == "github":
        assert all(line.startswith("::") for line in proc.stdout.splitlines())
        lines = proc.stdout.splitlines()
        assert all(line.split(" ", 1)[0] in COMMANDS for line in lines)  # nothing injected
    if fmt == "text":
        assert "team\\u001b[2J\\u000aname.yaml:" in proc.stdout  # one line, file:line:col


def test_diff_text_is_safe(hostile_inputs: tuple[Path, Path], tmp_path: Path) -> None:
    lists, path = hostile_inputs
    old = tmp_path / "old.json"
    made = playbook_check("report", "--checklists", lists, "-f", "json", "-o", old, path)
    assert made.returncode == 1
    for fmt in ("text", "json"):
        proc = playbook_check("diff", "--checklists", lists, "-f", fmt, old, path)
        assert proc.returncode == 0, proc.stderr
        assert_safe(proc.stdout + proc.stderr)


def test_lint_output_is_safe(hostile_inputs: tuple[Path, Path]) -> None:
    proc = playbook_check("lint", BAD / "checklists" / "inject-checklist-ansi-title")
    assert proc.returncode == 2
    assert_safe(proc.stdout + proc.stderr)


# --- files are never lost -----------------------------------------------------------------


def test_exclusive_create_loses_no_file_to_a_race(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another writer creates OUT between our check and our write: its file is kept."""
    out = tmp_path / "report.json"
    real_link = os.link

    def racing_link(src: str, dst: str | Path) -> None:
        Path(dst).write_text("the other writer's report", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    args = ["report", "--checklists", str(CHECKLISTS), "-f", "json", "-o", str(out)]
    code = main([*args, str(ANSWERS / "clean.yaml")])
    assert code == 2
    assert "file exists; not overwriting it [PC501]" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "the other writer's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_concurrent_writers_one_wins_one_refuses(tmp_path: Path) -> None:
    out = tmp_path / "same.json"
    cmd = [sys.executable, "-m", "checker", "report", "--checklists", str(CHECKLISTS)]
    cmd += ["-f", "json", "-o", str(out), str(ANSWERS / "clean.yaml")]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=60), p.communicate()[1]) for p in procs]
    assert sorted(code for code, _ in results) == [0, 2, 2, 2]
    assert sum("[PC501]" in err for _, err in results) == 3
    assert json.loads(out.read_text(encoding="utf-8"))["exit_code"] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.json"]


INTERRUPT = """
import os, signal, sys
from checker.cli import main
real = os.fsync
def fsync_then_signal(fd):
    real(fd)
    os.kill(os.getpid(), signal.{sig})
os.fsync = fsync_then_signal
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(("sig", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_terminating_signal_during_a_write_leaves_nothing(
    sig: str, code: int, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    args = ["report", "--checklists", CHECKLISTS, "-f", "json", "-o", out, ANSWERS / "clean.yaml"]
    proc = subprocess.run(
        [sys.executable, "-c", INTERRUPT.format(sig=sig), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == code, proc.stderr
    assert f"interrupted by {sig}; no output file was written [PC505]" in proc.stderr
    assert list(tmp_path.iterdir()) == []  # no report, no .tmp


def test_a_full_standard_output_is_pc503() -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "checker", "validate", "--checklists", CHECKLISTS, CLEAN],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2
    assert "<stdout>:1:1: error: cannot write the output: No space left on device [PC503]" in (
        proc.stderr
    )
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_closed_pipe_is_pc503_and_never_exit_0() -> None:
    files = [str(BAD / "empty.yaml")] + [str(ANSWERS / "clean.yaml")] * 2000
    proc = subprocess.Popen(
        [sys.executable, "-m", "checker", "validate", "--checklists", str(CHECKLISTS), *files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the report is written
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 2
    assert "cannot write the output: the reader closed the pipe [PC503]" in err
    assert "Exception ignored" not in err and "Traceback" not in err


# --- bounded output -----------------------------------------------------------------------


def test_one_file_gives_at_most_a_bounded_report(tmp_path: Path) -> None:
    # Measured in a fresh parent whose only child is the checker, so the peak is this run's alone
    # (RUSAGE_CHILDREN in the test process would include every earlier child of the session).
    out = tmp_path / "report.json"
    code = (
        "import resource, subprocess, sys\n"
        "with open(sys.argv[1], 'wb') as out:\n"
        "    subprocess.run([sys.executable, '-m', 'checker', *sys.argv[2:]], stdout=out)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    args = ["report", "--checklists", str(CHECKLISTS), "-f", "json"]
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(out),
            *args,
            str(BAD / "bound-24000-unknown-answers.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    peak_kib = int(proc.stdout.strip())
    diagnostics = json.loads(out.read_text(encoding="utf-8"))["files"][0]["diagnostics"]
    assert len(diagnostics) == MAX_DIAGNOSTICS + 1
    assert diagnostics[-1]["code"] == "PC113"
    assert diagnostics[-1]["message"].startswith("23,900 more diagnostic(s) left out")
    assert peak_kib < 300 * 1024  # was about 400 MB


def test_a_diagnostic_echoes_a_bounded_value() -> None:
    for case in ("bound-60000-item-list", "bound-long-choice-string"):
        proc = playbook_check("validate", "--checklists", CHECKLISTS, BAD / f"{case}.yaml")
        assert proc.returncode == 2
        longest = max(len(line) for line in proc.stdout.splitlines())
        assert longest < MAX_MESSAGE + 400, case


# --- containment --------------------------------------------------------------------------


def test_init_loads_checklists_only_from_the_checklist_folders(tmp_path: Path) -> None:
    lists = tmp_path / "checklists"
    lists.mkdir()
    (tmp_path / "secret.yaml").write_text((CHECKLISTS / "staffing.yaml").read_text("utf-8"))
    for cid in ("../secret", str(tmp_path / "secret"), "/etc/passwd"):
        proc = playbook_check("init", cid, "--checklists", lists, cwd=tmp_path)
        assert proc.returncode == 2
        assert "unknown checklist" in proc.stderr and "[PC410]" in proc.stderr
        assert proc.stdout == ""


def test_reports_do_not_depend_on_the_checkout_path() -> None:
    proc = playbook_check(
        "report",
        "--checklists",
        CHECKLISTS,
        "-f",
        "json",
        "--evidence-root",
        ROOT / "tests" / "data",
        BAD / "evidence-missing-file.yaml",
        BAD / "contain-evidence-absolute-path.yaml",
    )
    hints = [d["hint"] for f in json.loads(proc.stdout)["files"] for d in f["diagnostics"]]
    assert hints and not any(str(ROOT) in hint for hint in hints)


def test_lint_skips_a_fifo_among_the_docs_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "roots" / "test-playbook" / "docs", docs)
    os.mkfifo(docs / "pipe.md")
    (docs / "zero.md").symlink_to("/dev/zero")
    proc = playbook_check("lint", CHECKLISTS, "--docs", docs, timeout=60)  # a hang fails
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_diff_of_a_report_without_a_valid_file_says_why(tmp_path: Path) -> None:
    """It used to exit 2 printing nothing."""
    report = tmp_path / "invalid.json"
    made = playbook_check("report", "-f", "json", "-o", report, BAD / "empty.yaml")
    assert made.returncode == 2
    proc = playbook_check("diff", "--checklists", CHECKLISTS, report, CLEAN)
    assert proc.returncode == 2
    assert f"{report}:1:1: error: the report has no valid file to compare [PC412]" in proc.stderr
