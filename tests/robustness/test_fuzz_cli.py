"""The whole CLI, in process, with generated arguments, file contents and path kinds.

Every run, whatever it is given (regular files with hostile content, missing paths,
directories, FIFOs, symlinks to anything, devices, hostile file names), must end with exit code
0, 1 or 2; never say "internal error" or print a traceback; print no control character; never
block; and leave no temporary file behind.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import main

pytestmark = pytest.mark.fuzz

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "tests" / "data" / "checklists"
VALID = (ROOT / "tests" / "data" / "answers" / "clean.yaml").read_text(encoding="utf-8")
CHECKLIST = (CHECKLISTS / "staffing.yaml").read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=max(20, EXAMPLES // 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
HOSTILE = [
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\u202etxet",
    "a\u2028b",
    "x\x85y",
    "\n::error::x",
    "\u200b",
    " ",
    "1" * 5000,
    ".nan",
    "-.inf",
    "0x" + "f" * 40,
    "1e400",
    "[" + ", ".join(["a"] * 2000) + "]",
]

# --- file contents -------------------------------------------------------------------------


def _mutate(text: str, data: st.DataObject) -> str:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(0, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        head = lines[i].split(":", 1)[0]
        value = data.draw(
            st.one_of(
                st.sampled_from(HOSTILE).map(json.dumps),
                st.sampled_from(HOSTILE),
                st.text(max_size=20).map(json.dumps),
            )
        )
        lines[i] = f"{head}: {value}"
    return "\n".join(lines) + "\n"


def _report_text(data: st.DataObject) -> str:
    doc: Any = {"format": "playbook-check-report", "format_version": 1, "files": []}
    variant = data.draw(st.integers(0, 4))
    if variant == 0:
        doc["files"] = data.draw(st.sampled_from(["x", 3, None, [{}], [{"file": 1}]]))
    elif variant == 1:
        return json.dumps(doc).replace("1", "NaN", 1)
    elif variant == 2:
        return data.draw(st.text(max_size=50))
    elif variant == 3:
        doc = data.draw(st.sampled_from([[], "x", None, {"format": "sarif"}]))
    return json.dumps(doc)


def contents(data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(["answers", "checklist", "report", "text", "bytes"]))
    if kind == "answers":
        return _mutate(VALID, data).encode("utf-8", "surrogatepass")
    if kind == "checklist":
        return _mutate(CHECKLIST, data).encode("utf-8", "surrogatepass")
    if kind == "report":
        return _report_text(data).encode("utf-8", "surrogatepass")
    if kind == "text":
        return data.draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
    return data.draw(st.binary(max_size=200))


# --- path kinds ----------------------------------------------------------------------------

NAMES = st.one_of(
    st.sampled_from(["a.yaml", "b.json", "c.yml", "d", "\x1b[2Jx.yaml", "new\nline.yaml"]),
    st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
        min_size=1,
        max_size=12,
    ).filter(lambda n: n not in (".", "..")),
)
KINDS = (
    "regular",
    "missing",
    "directory",
    "fifo",
    "symlink-regular",
    "symlink-fifo",
    "symlink-dangling",
    "symlink-loop",
    "device",
    "too-long",
)


def make_path(base: Path, data: st.DataObject) -> str:
    """A path of a generated kind in ``base``."""
    kind = data.draw(st.sampled_from(KINDS))
    name = data.draw(NAMES)
    path = base / name
    if kind == "device":
        return data.draw(st.sampled_from(["/dev/null", "/dev/zero", "/dev/urandom"]))
    if kind == "too-long":
        return str(base / ("n" * 300))
    with contextlib.suppress(OSError):
        if path.exists() or path.is_symlink():
            return str(path)  # reuse what an earlier draw made
        if kind == "regular":
            path.write_bytes(contents(data))
        elif kind == "directory":
            path.mkdir()
            (path / "x.yaml").write_bytes(contents(data))
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "symlink-regular":
            target = base / f"{len(os.listdir(base))}.target.yaml"
            target.write_bytes(contents(data))
            path.symlink_to(target)
        elif kind == "symlink-fifo":
            target = base / f"{len(os.listdir(base))}.fifo"
            os.mkfifo(target)
            path.symlink_to(target)
        elif kind == "symlink-dangling":
            path.symlink_to(base / "nowhere")
        elif kind == "symlink-loop":
            path.symlink_to(path)
    return str(path)


# --- arguments -----------------------------------------------------------------------------


def argv(base: Path, data: st.DataObject) -> list[str]:
    command = data.draw(
        st.sampled_from(["validate", "report", "diff", "lint", "init", "new-checklist", "schema"])
    )
    lists = data.draw(
        st.sampled_from(
            [["--checklists", str(CHECKLISTS)], ["--checklists", make_path(base, data)]]
        )
    )
    if command in ("validate", "report"):
        args = [command, *lists]
        args += [make_path(base, data) for _ in range(data.draw(st.integers(1, 3)))]
        if data.draw(st.booleans()):
            args += ["--baseline", make_path(base, data)]
        if data.draw(st.booleans()):
            args += ["--fail-on", data.draw(st.sampled_from(["high", "medium", "low", "none"]))]
        if data.draw(st.booleans()):
            args += ["--max-bytes", str(data.draw(st.integers(1, 5000)))]
        if data.draw(st.booleans()):
            args += ["--allow-incomplete", "--today", "2026-11-24"]
        if data.draw(st.booleans()):
            args += ["--evidence-root", make_path(base, data)]
        if command == "validate" and data.draw(st.booleans()):
            args.append("-q")
        if command == "report":
            args += [
                "-f",
                data.draw(
                    st.sampled_from(["text", "json", "markdown", "junit", "sarif", "github"])
                ),
            ]
            if data.draw(st.booleans()):
                args += ["-o", make_path(base, data)]
            if data.draw(st.booleans()):
                args.append("--force")
        return args
    if command == "diff":
        fmt = data.draw(st.sampled_from(["text", "json"]))
        return ["diff", *lists, "-f", fmt, make_path(base, data), make_path(base, data)]
    if command == "lint":
        args = ["lint", make_path(base, data)]
        if data.draw(st.booleans()):
            args += ["--docs", make_path(base, data)]
        return args
    if command == "init":
        cid = data.draw(st.sampled_from(["staffing", "../staffing", "/etc/passwd", "\x1b[2J", "x"]))
        args = ["init", cid, *lists, "--team", data.draw(st.sampled_from(HOSTILE[:8]))]
        if data.draw(st.booleans()):
            args += ["-o", make_path(base, data)]
        if data.draw(st.booleans()):
            args.append("--force")
        return args
    if command == "new-checklist":
        cid = data.draw(st.sampled_from(["data-quality", "Bad Id", "\x1b]0;x\x07"]))
        return [
            "new-checklist",
            cid,
            "--checklists-dir",
            make_path(base, data),
            "--docs-dir",
            make_path(base, data),
        ]
    return ["schema", data.draw(st.sampled_from(["checklist", "answers", "report"]))]


# --- running -------------------------------------------------------------------------------


@contextlib.contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a read that blocks on a FIFO would hang forever)."""

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError("the CLI blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_main(args: list[str], cwd: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        with watchdog(60), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:  # argparse usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(old)
    return code, out.getvalue() + err.getvalue()


def leftovers(base: Path) -> list[str]:
    return [str(p) for p in base.rglob("*.tmp") if p.name.startswith(".")]


@SETTINGS
@given(st.data())
def test_cli_never_crashes_blocks_or_leaks(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        args = argv(base, data)
        code, output = run_main(args, base)
        assert code in (0, 1, 2), (args, code, output[-2000:])
        assert "internal error" not in output, (args, output[-2000:])
        assert "Traceback" not in output, (args, output[-2000:])
        match = UNSAFE.search(output)
        assert match is None, (args, repr(match.group()), output[-2000:])
        assert leftovers(base) == [], args
