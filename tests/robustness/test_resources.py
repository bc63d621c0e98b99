"""Every command, directive and the form's engine on generated inputs of up to 1 MiB stays
under 2 s of CPU and 500 MB (issue 24, item 6), with a margin for a loaded machine. The cases
and the measurement are bench/resources.py's (``make bench`` prints the figures)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location("bench_resources", ROOT / "bench" / "resources.py")
assert _SPEC is not None and _SPEC.loader is not None
resources = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(resources)

MARGIN = 2.0  # CPU time on a shared machine: caches and frequency vary; memory does not


@pytest.mark.slow
def test_every_case_stays_within_its_bounds() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed (.ci/run installs Debian's nodejs)")
    results = resources.run_all()
    assert len(results) >= 30
    kinds = {case.kind for case, _ in results}
    assert kinds == {"cli", "site", "node"}
    over = [
        f"{case.kind} {case.name}: {m.cpu:.2f} s CPU, {m.peak_mb:.0f} MB, exit {m.code}"
        + (", crashed" if m.crashed else "")
        for case, m in results
        if m.cpu > resources.LIMIT_SECONDS * MARGIN
        or m.peak_mb > resources.LIMIT_MB
        or m.crashed
        or m.code not in resources.OK_CODES[case.kind]
    ]
    assert over == [], "\n".join(over)


def test_measure_reads_the_process_own_cpu_and_memory(tmp_path: Path) -> None:
    """The harness can fail: a process that burns CPU and memory is measured as doing so."""
    import sys

    burn = "x = bytearray(300 * 1024 * 1024)\nfor i in range(3_000_000): pass\n"
    m = resources.measure([sys.executable, "-c", burn], tmp_path)
    assert m.peak_mb > 300 and m.cpu > 0.05 and m.code == 0 and not m.crashed
    m = resources.measure([sys.executable, "-c", "raise SystemExit(3)"], tmp_path)
    assert m.code == 3


def test_measure_does_not_count_the_callers_memory(tmp_path: Path) -> None:
    """A test worker that has grown large (a site build, a browser) does not make every command
    it measures look as large: on Linux a child's peak memory starts at its parent's."""
    import sys

    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"x" * len(ballast[::4096])  # touch every page: resident
    m = resources.measure([sys.executable, "-c", "pass"], tmp_path)
    assert len(ballast) and m.peak_mb < 100, m.peak_mb
