"""Benchmarks for `make bench`: ratios measured in one run on this machine.

Prints medians and ratios for
1. checking 1,000 and 10,000 generated answers files, against parsing them with libyaml (the
   floor) and against check-jsonschema validating them with the published answers schema;
2. one-file ``validate`` (what pre-commit runs) against yamllint on the same file, and CLI
   start-up against `python -c pass` and `yamllint --version`;
3. full and incremental site builds (after editing one answers file) of the real site and of
   the same site with a generated organisation of 200 teams (1,200 answers files, grouped by
   value stream), and their ratios;
4. checking and drawing a generated organisation of 300 teams (topology as code), against
   parsing it with libyaml and against validating its structure alone with check-jsonschema;
5. every topology command and the ``{topology}`` directive on inputs of up to 1 MiB that
   each load one stage (issue 24's resource bounds), as CPU seconds and peak memory;
6. resources: every command, directive and the browser form's engine on generated inputs of up
   to 1 MiB, in CPU seconds and peak memory against the bounds of 2 s and 500 MB
   (bench/resources.py, asserted with a margin by tests/robustness/test_resources.py).
7. collecting 96,000 CI reports and building the organisation's site from them (bench/org.py;
   ``BENCH_ORG_TEAMS`` scales it down).
Machines are noisy: compare the ratios, not the absolute times. ``BENCH_REPEATS`` (default 5)
sets the repeats; ``BENCH_ONLY`` a comma-separated choice of sections: throughput, one-file,
startup, topology, topology-stress, site, resources, org.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import resource
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


VALUE_STREAMS = ("Payments", "Search and discovery", "Logistics", "Customer care", "Risk")


def make_site(dest: Path, teams: int) -> Path:
    """A copy of the real site; with ``teams`` > 4, the example teams are joined by generated
    ones (copies of the four with new names and answers), grouped into value streams."""
    dest.mkdir()
    for item in ("conf.py", "CONTRIBUTING.md"):
        shutil.copy(ROOT / item, dest)
    for folder in ("docs", "checklists", "examples", "src"):
        shutil.copytree(ROOT / folder, dest / folder, symlinks=True)
    if teams <= 4:
        return dest
    examples = dest / "examples"
    sources = sorted(p for p in examples.iterdir() if p.is_dir())
    groups: dict[str, list[str]] = {name: [] for name in VALUE_STREAMS}
    for i in range(teams - len(sources)):
        source = sources[i % len(sources)]
        unit = f"team-{i:03d}"
        (examples / unit).mkdir()
        for path in source.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^team: .*$", f'team: "Generated team {i:03d}"', text)
            text = text.replace("team-size: 7", f"team-size: {3 + i % 9}")
            (examples / unit / path.name).write_text(text, encoding="utf-8")
        groups[VALUE_STREAMS[i % len(VALUE_STREAMS)]].append(unit)
    lines = [f"{name}: [{', '.join(units)}]" for name, units in groups.items()]
    (examples / "groups.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = dest / "docs" / "examples" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(
        text.replace(
            "```{assessment-overview} /examples\n",
            "```{assessment-overview} /examples\n:groups: /examples/groups.yaml\n",
        ),
        encoding="utf-8",
    )
    return dest


def edit(path: Path) -> None:
    """Change one answer (and make sure the modification time moves)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"team-size: (\d+)", text)
    assert match, path
    size = int(match.group(1))
    path.write_text(text.replace(match.group(0), f"team-size: {size % 20 + 1}"), "utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def _build_cpu(cmd: list[str]) -> tuple[float, float]:
    """Run one build; (wall seconds, CPU seconds of the build process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = run(cmd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert proc.returncode == 0, proc.stderr[-3000:]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _sphinx(src: Path, out: Path, quiet: bool = True) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        *(["-q"] if quiet else []),
        "-d",
        str(out / "doctrees"),
        str(src),
        str(out / "html"),
    ]


def _reread(src: Path, out: Path, edited: Path) -> int:
    edit(edited)
    proc = run(_sphinx(src, out, quiet=False))
    changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", proc.stdout)
    return int(changed.group(2)) if changed else -1


def site(tmp: Path, teams: int, repeats: int) -> None:
    """Full builds, then incremental builds of the two sites alternately (so both see the same
    machine load); the ratios use CPU time, which other processes disturb less than wall time."""
    small = make_site(tmp / "site-4", 4)
    large = make_site(tmp / f"site-{teams}", teams)
    files = len(list((large / "examples").glob("*/*.yaml")))
    sites = {
        "small": (small, tmp / "out-4", small / "examples" / "startup" / "team-shape.yaml"),
        "large": (large, tmp / "out-n", large / "examples" / "team-100" / "team-shape.yaml"),
    }
    full = {name: _build_cpu(_sphinx(src, out)) for name, (src, out, _) in sites.items()}
    incremental: dict[str, list[tuple[float, float]]] = {name: [] for name in sites}
    for _ in range(repeats):
        for name, (src, out, edited) in sites.items():
            edit(edited)
            incremental[name].append(_build_cpu(_sphinx(src, out)))
    reread = {name: _reread(*args) for name, args in sites.items()}

    def med(name: str, i: int) -> float:
        return statistics.median(t[i] for t in incremental[name])

    print(
        f"\nSite build: seconds wall / CPU (incremental: median of {repeats} edits of one "
        "answers file)"
    )
    real = len([p for p in (small / "examples").iterdir() if p.is_dir()])
    for name, label in (("small", f"real site ({real} teams)"), ("large", f"{teams}-team site")):
        print(
            f"  {label:15s} full {full[name][0]:6.2f} / {full[name][1]:6.2f}   "
            f"incremental {med(name, 0):5.2f} / {med(name, 1):5.2f}   "
            f"({reread[name]} documents re-read)"
        )
    print(f"  ({files:,} answers files in the {teams}-team site, in 5 value streams)")
    print(
        f"  {teams} teams against the real site, CPU time: "
        f"full {full['large'][1] / full['small'][1]:4.2f}x, "
        f"incremental {med('large', 1) / med('small', 1):4.2f}x (goal: at most 1.15x); "
        f"wall time: incremental {med('large', 0) / med('small', 0):4.2f}x"
    )


def topology(tmp: Path, n: int, repeats: int) -> None:
    from checker.topology.check import check_topology
    from checker.topology.draw import draw
    from checker.topology.scaffold import generated

    path = tmp / f"topology-{n}.yaml"
    path.write_text(generated(n), encoding="utf-8")
    today = dt.date(2026, 11, 24)
    result = check_topology(path, today=today)
    assert result.valid, [d.format() for d in result.diagnostics]

    def floor() -> None:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    def structure() -> None:
        schema = str(schema_path("topology"))
        proc = run([str(BIN / "check-jsonschema"), "--schemafile", schema, str(path)])
        assert proc.returncode == 0, proc.stdout[-2000:]

    t_floor = median_time(floor, repeats)
    t_schema = median_time(structure, repeats)
    t_check = median_time(lambda: check_topology(path, today=today), repeats)
    t_draw = median_time(lambda: draw(result), repeats)
    t_cli = median_time(
        lambda: run([str(BIN / "playbook-check"), "topology", "check", str(path), "-f", "json"]),
        repeats,
    )
    svg = draw(result)
    print(
        f"\nTopology of {n} teams, {len(result.organisation.interactions)} interactions "
        f"(median of {repeats} runs)"
    )
    rows = [
        ("libyaml parse only (floor)", t_floor, ""),
        ("check-jsonschema, structure only", t_schema, f"{t_schema / t_cli:5.2f}x our command"),
        ("topology check, in process", t_check, f"{t_check / t_floor:5.2f}x the floor"),
        ("topology draw, in process", t_draw, f"{len(svg) / 1024:,.0f} KiB of SVG"),
        ("playbook-check topology check", t_cli, f"{t_cli / t_check:5.2f}x in process"),
    ]
    for name, seconds, ratio in rows:
        print(f"  {name:34s} {seconds:8.3f} s   {ratio}")


def _child_cost(cmd: list[str]) -> tuple[float, int]:
    """CPU seconds and peak RSS (MiB) of one child process (its own peak, not the largest of
    every child so far, which RUSAGE_CHILDREN gives)."""
    import resources  # bench/resources.py: the launcher that measures one process

    m = resources.measure(cmd, Path.cwd())
    assert not m.crashed, m.output[-2000:]
    return m.cpu, int(m.peak_mb)


def topology_stress(tmp: Path, repeats: int) -> None:
    """Issue 24's resource bounds: every topology command, and the directive in a site, on
    inputs of up to 1 MiB that each load one stage (checker.topology.scaffold.stress_inputs),
    against parsing the same file with libyaml. CPU seconds, so a busy machine counts less."""
    from checker.topology.scaffold import stress_inputs

    inputs = stress_inputs(1 << 20, 95_000)
    print(f"\nTopology stress inputs (CPU seconds, median of {repeats}; peak RSS)")
    exe = str(BIN / "playbook-check")
    for name, text in inputs.items():
        path = tmp / f"stress-{name}.yaml"
        path.write_text(text, encoding="utf-8")
        start = time.process_time()
        for _ in range(repeats):
            yaml.load(text, Loader=yaml.CSafeLoader)
        floor = (time.process_time() - start) / repeats
        costs = {
            "check": [exe, "topology", "check", str(path), "-f", "json"],
            "draw": [exe, "topology", "draw", str(path)],
            "diff": [exe, "topology", "diff", str(path), str(path)],
        }
        cells = []
        for label, cmd in costs.items():
            runs = [_child_cost(cmd) for _ in range(repeats)]
            cpu = statistics.median(c for c, _ in runs)
            cells.append(
                f"{label} {cpu:5.2f} s ({cpu / floor:4.1f}x) {max(m for _, m in runs)} MiB"
            )
        print(
            f"  {name:26s} {len(text) / 1024:6.0f} KiB  floor {floor:5.3f} s  " + "  ".join(cells)
        )
    src = tmp / "stress-site"
    shutil.copytree(ROOT / "tests" / "roots" / "test-playbook", src)
    for name in inputs:
        shutil.copy(tmp / f"stress-{name}.yaml", src / "topology" / f"{name}.yaml")
    (src / "docs" / "topology.md").write_text(
        "# Topology\n\n"
        + "".join(f"```{{topology}} /topology/{name}.yaml\n```\n\n" for name in inputs),
        encoding="utf-8",
    )
    base = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-N"]
    plain = [
        _child_cost([*base, "-E", str(ROOT / "tests" / "roots" / "test-playbook"), str(tmp / "b")])
        for _ in range(repeats)
    ]
    stressed = [_child_cost([*base, "-E", str(src), str(tmp / "s")]) for _ in range(repeats)]
    c_plain = statistics.median(c for c, _ in plain)
    c_stress = statistics.median(c for c, _ in stressed)
    print(
        f"  site with all {len(inputs)} drawn: {c_stress:5.2f} s CPU, "
        f"{max(m for _, m in stressed)} MiB; the test site alone {c_plain:5.2f} s: "
        f"{(c_stress - c_plain) / len(inputs):5.2f} s per directive"
    )


SECTIONS = (
    "throughput",
    "one-file",
    "startup",
    "topology",
    "topology-stress",
    "site",
    "resources",
    "org",
)


def main() -> None:
    # Measure what an installed tool costs: with bytecode caches, as pip writes them.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    repeats = int(os.environ.get("BENCH_REPEATS", "5"))
    only = os.environ.get("BENCH_ONLY", ",".join(SECTIONS)).split(",")
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        sys.exit(f"BENCH_ONLY: unknown section(s) {', '.join(unknown)}; choose from {SECTIONS}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        print(
            f"Python {sys.version.split()[0]}, libyaml {yaml.__with_libyaml__}, "
            f"{os.cpu_count()} CPUs"
        )
        if "throughput" in only:
            throughput(tmp, 1_000, repeats)
            throughput(tmp, 10_000, max(1, repeats // 2))
        if "one-file" in only:
            one_file(repeats * 4)
        if "startup" in only:
            startup(repeats * 4)
        if "topology" in only:
            topology(tmp, 300, repeats)
        if "topology-stress" in only:
            topology_stress(tmp, max(1, repeats // 2))
        if "site" in only:
            site(tmp, int(os.environ.get("BENCH_TEAMS", "200")), repeats)
        if "resources" in only:
            import resources  # bench/resources.py, beside this file

            resources.report(resources.run_all())
        if "org" in only:
            import org  # bench/org.py: collect and the organisation site, 96,000 reports

            org.run(tmp, int(os.environ.get("BENCH_ORG_TEAMS", "1000")))


if __name__ == "__main__":
    main()
