"""Helpers shared by several test packages."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.report.types import Aggregate, ScoreEntry, ScoreUnit

STRICT = ("-n", "-W", "--keep-going")


def sphinx_build(
    src: Path, out: Path, *flags: str, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """Build ``src`` to HTML in ``out`` with ``sphinx-build -q`` in a fresh process."""
    return subprocess.run(
        # -N: Sphinx colours its log when CI=true; tests read the log as plain text.
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-N", *flags, str(src), str(out)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def playbook_check(
    *args: str | Path, cwd: Path | None = None, timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``playbook-check`` in a fresh process; it must never print a traceback."""
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=timeout,
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def playbook_check_in_process(
    *args: str | Path, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``playbook-check``'s ``main`` in this process with its standard streams captured: the
    same exit code and output as :func:`playbook_check` without a new interpreter (about 0.1 s a
    call). Use it for cases that cannot hang; a case that might (a FIFO, a device) runs in a
    fresh process with a timeout."""
    from checker.cli.app import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _cwd(cwd):
        code = main(argv)
    proc = subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
    said = proc.stdout + proc.stderr
    assert "Traceback" not in said and "internal error" not in said, said
    return proc


def empty_score(
    unit: ScoreUnit, aggregate: Aggregate, maxima_weights: Iterable[tuple[float, float]]
) -> ScoreEntry:
    """A report's score with sections of these (maximum, weight) pairs and nothing earned."""
    return {
        "unit": unit,
        "aggregate": aggregate,
        "overall": None,
        "level": None,
        "sections": [
            {"id": f"s{i}", "title": "", "weight": w, "earned": 0.0, "max": m, "score": None}
            for i, (m, w) in enumerate(maxima_weights)
        ],
        "costs": [],
    }
