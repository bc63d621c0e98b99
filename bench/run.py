"""Benchmarks for `make bench`: ratios measured in one run on this machine.

Prints medians and ratios for
1. checking 1,000 and 10,000 generated answers files, against parsing them with libyaml (the
   floor) and against check-jsonschema validating them with the published answers schema;
2. one-file ``validate`` (what pre-commit runs) against yamllint on the same file, and CLI
   start-up against `python -c pass` and `yamllint --version`;
3. a full site build and an incremental build after touching one answers file.
Machines are noisy: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers  # noqa: E402
from checker.validate.schema import schema_path  # noqa: E402

TEMPLATE = (ROOT / "examples" / "central-ml" / "team-shape.yaml").read_text(encoding="utf-8")


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        path = folder / f"team-{i:05d}.yaml"
        text = TEMPLATE.replace("Northwind Retail central ML team", f"Team {i}")
        text = text.replace("scientists: 9", f"scientists: {1 + i % 12}")
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]


def throughput(tmp: Path, n: int, repeats: int) -> None:
    files = generate(tmp / f"n{n}", n)
    registry = ChecklistRegistry([ROOT / "checklists"])
    options = CheckOptions(today=dt.date(2026, 11, 24))

    def floor() -> None:
        for f in files:
            yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)

    def checker() -> None:
        for f in files:
            check_answers(f, registry, options)

    def cli() -> None:
        proc = run(
            [
                str(BIN / "playbook-check"),
                "validate",
                "--quiet",
                "--checklists",
                str(ROOT / "checklists"),
                "--today",
                "2026-11-24",
                *map(str, files),
            ]
        )
        assert proc.returncode in (0, 1), proc.stdout[-2000:]

    def cjs() -> None:
        proc = run(
            [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(schema_path("answers")),
                *map(str, files),
            ]
        )
        assert proc.returncode == 0, proc.stdout[-2000:]

    t_floor = median_time(floor, repeats)
    t_checker = median_time(checker, repeats)
    t_cli = median_time(cli, repeats)
    t_cjs = median_time(cjs, max(1, repeats // 2))
    rows = [
        ("libyaml parse only (floor)", t_floor, ""),
        ("playbook-check, in process", t_checker, f"{t_checker / t_floor:5.2f}x the floor"),
        ("playbook-check validate (1 call)", t_cli, f"{t_cli / t_floor:5.2f}x the floor"),
        ("check-jsonschema (1 call)", t_cjs, f"{t_cjs / t_cli:5.2f}x playbook-check validate"),
    ]
    print(f"\n{n:,} answers files (median of {repeats} runs)")
    for name, seconds, ratio in rows:
        print(f"  {name:34s} {seconds:8.3f} s   {ratio}")


def one_file(repeats: int) -> None:
    """What pre-commit runs: one answers file, one process, against yamllint on the same file."""
    target = str(ROOT / "examples" / "central-ml" / "team-shape.yaml")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "playbook-check validate FILE": [str(BIN / "playbook-check"), "validate", "-q", target],
        "yamllint FILE": [str(BIN / "yamllint"), target],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):  # interleaved, so load on the machine hits every command alike
        for name, cmd in commands.items():
            start = time.perf_counter()
            run(cmd)
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["yamllint FILE"]
    print(f"\nOne answers file, one process (median of {repeats} interleaved runs)")
    for name, t in medians.items():
        print(f"  {name:30s} {t * 1000:7.1f} ms   {t / base:5.2f}x yamllint")


def startup(repeats: int) -> None:
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "playbook-check --version": [str(BIN / "playbook-check"), "--version"],
        "yamllint --version": [str(BIN / "yamllint"), "--version"],
    }
    times = {name: median_time(lambda c=cmd: run(c), repeats) for name, cmd in commands.items()}
    base = times["yamllint --version"]
    print(f"\nStart-up (median of {repeats} runs)")
    for name, t in times.items():
        print(f"  {name:28s} {t * 1000:7.1f} ms   {t / base:5.2f}x yamllint")


def site(tmp: Path) -> None:
    src = tmp / "site"
    src.mkdir()
    for item in ("conf.py", "CONTRIBUTING.md"):
        shutil.copy(ROOT / item, src)
    for folder in ("docs", "checklists", "examples", "src"):
        shutil.copytree(ROOT / folder, src / folder, symlinks=True)
    out = tmp / "site-out"
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out)]

    def build() -> tuple[float, str]:
        start = time.perf_counter()
        proc = run(cmd)
        assert proc.returncode == 0, proc.stderr
        return time.perf_counter() - start, proc.stdout

    full, log = build()
    docs = len(re.findall(r"\n\[\s*\d+%\]|reading sources", log)) or log.count("\n")
    changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", log)
    total = int(changed.group(1)) if changed else docs
    time.sleep(0.01)
    target = src / "examples" / "startup" / "team-shape.yaml"
    target.write_text(target.read_text().replace("team-size: 7", "team-size: 6"))
    incremental, log = build()
    changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", log)
    reread = int(changed.group(2)) if changed else -1
    print("\nSite build")
    print(f"  full build          {full:7.2f} s   ({total} documents read)")
    print(
        f"  after touching examples/startup/team-shape.yaml: {incremental:7.2f} s   "
        f"({reread} documents re-read; {incremental / full:4.2f}x the full build)"
    )


def main() -> None:
    # Measure what an installed tool costs: with bytecode caches, as pip writes them.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    repeats = int(os.environ.get("BENCH_REPEATS", "5"))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        print(
            f"Python {sys.version.split()[0]}, libyaml {yaml.__with_libyaml__}, "
            f"{os.cpu_count()} CPUs"
        )
        throughput(tmp, 1_000, repeats)
        throughput(tmp, 10_000, max(1, repeats // 2))
        one_file(repeats * 4)
        startup(repeats * 4)
        site(tmp)


if __name__ == "__main__":
    main()
