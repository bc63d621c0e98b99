"""Helpers shared by several test packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
