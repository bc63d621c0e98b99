"""Organisation scale (issue 21): ``collect`` and the organisation site, measured as ratios.

An organisation of ``BENCH_ORG_TEAMS`` teams (default 1,000) in 20 value streams, each team
assessed with the bundled checklists (eight), twelve dated CI reports per checklist (96,000
reports at the default size): for each, one of the five example teams' real reports for that
checklist, with the team's own repository, commit and date (so every report adds up, as
``collect`` checks, and the scores vary). Measured, each in its own process:

1. reading and parsing every report with the standard json module (the floor), against
   ``playbook-check collect`` of all of them into an empty collection (goal: within 3x), and
   collect's peak memory;
2. the organisation site (``org init``) built in full, and again after one new report is
   collected (incremental), against the playbook's own site (the five example teams) built in
   full and after editing one answers file (goals: full within 3x, incremental within 1.2x, in
   CPU time); the builds' peak memory; the largest page (goal: under 1 MB).

Run alone with ``BENCH_ONLY=org make bench``; ``BENCH_ORG_TEAMS=100`` runs a smaller
organisation (the printed figures say the size they were measured at).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STREAMS = 20
RUNS = 12
SOURCES = ("central-ml", "platform-stream", "regulated-bank", "self-service", "startup")

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "out = subprocess.DEVNULL\n"
    "code = subprocess.run(sys.argv[1:], stdout=out, stderr=subprocess.PIPE).returncode\n"
    "wall = time.perf_counter() - start\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'{wall} {r.ru_utime + r.ru_stime} {r.ru_maxrss}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak resident KiB) of one command, in its own process."""
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, capture_output=True, text=True
    )
    last = proc.stderr.strip().splitlines()[-1]
    wall, cpu, rss = last.split()
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    return float(wall), float(cpu), int(rss)


def templates(tmp: Path) -> list[list[dict[str, Any]]]:
    """For each bundled checklist, the real reports of the five example teams (so the scores
    vary and every report adds up, as the collector checks)."""
    by_checklist: dict[str, list[dict[str, Any]]] = {}
    for source in SOURCES:
        for path in sorted((ROOT / "examples" / source).glob("*.yaml")):
            report = tmp / f"template-{source}-{path.stem}.json"
            subprocess.run(
                [str(BIN / "playbook-check"), "report", str(path), "-f", "json", "--exit-zero",
                 "--today", "2026-11-24", "-o", str(report), "--force"],
                check=True, capture_output=True,
            )  # fmt: skip
            doc = json.loads(report.read_text(encoding="utf-8"))
            by_checklist.setdefault(path.stem, []).append(doc)
    return [by_checklist[c] for c in sorted(by_checklist)]


def _pattern(template: dict[str, Any]) -> str:
    """A report's text (as the CLI writes it, indented) with placeholders for what varies."""
    doc = copy.deepcopy(template)
    doc["provenance"] = {
        "ci": "github-actions",
        "repository": "@REPO@",
        "repository_url": "https://github.com/@REPO@",
        "commit": "@SHA@",
        "commit_url": "https://github.com/@REPO@/commit/@SHA@",
        "ref": "main",
        "run_url": "https://github.com/@REPO@/actions/runs/@RUN@",
        "generated": "@GENERATED@",
    }
    entry = doc["files"][0]
    entry["team"] = "@TEAM@"
    entry["assessed"] = "@ASSESSED@"
    return json.dumps(doc, indent=2, ensure_ascii=False)


def generate(tmp: Path, teams: int) -> tuple[Path, int]:
    """``teams`` x the bundled checklists x 12 dated reports, as CI downloads (one folder per
    run); each report is one of the example teams' real reports for its checklist."""
    rng = random.Random(21)
    patterns = [[_pattern(t) for t in reports] for reports in templates(tmp)]
    downloads = tmp / "downloads"
    start = dt.datetime(2026, 1, 5, 8, 0)
    count = 0
    for t in range(teams):
        repo = f"stream-{t % STREAMS:02d}/team-{t:04d}"
        folder = downloads / repo.replace("/", "--")
        folder.mkdir(parents=True)
        for run in range(RUNS):
            when = start + dt.timedelta(days=14 * run, minutes=t)
            for c, choices in enumerate(patterns):
                text = (
                    rng.choice(choices)
                    .replace("@REPO@", repo)
                    .replace("@SHA@", hashlib.sha1(f"{repo}/{run}/{c}".encode()).hexdigest())
                    .replace("@RUN@", str(run))
                    .replace(
                        "@GENERATED@",
                        (when + dt.timedelta(seconds=c)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    )
                    .replace("@TEAM@", f"Team {t:04d}")
                    .replace("@ASSESSED@", when.date().isoformat())
                )
                (folder / f"{run:02d}-{c}.json").write_text(text, encoding="utf-8")
                count += 1
    return downloads, count


def floor(downloads: Path) -> tuple[float, float, int]:
    code = (
        "import json, sys\nfrom pathlib import Path\n"
        "for p in sorted(Path(sys.argv[1]).rglob('*.json')):\n"
        "    json.loads(p.read_bytes())\n"
    )
    return measure([sys.executable, "-c", code, str(downloads)])


def _sphinx(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(out / "doctrees"),
            str(src), str(out / "html")]  # fmt: skip


def _largest(folder: Path) -> tuple[int, str]:
    sizes = [(p.stat().st_size, str(p.relative_to(folder))) for p in folder.rglob("*.html")]
    return max(sizes)


def run(tmp: Path, teams: int) -> None:
    began = time.perf_counter()
    downloads, reports = generate(tmp, teams)
    made = time.perf_counter() - began
    print(
        f"\nOrganisation of {teams:,} teams x {reports // (teams * RUNS)} checklists x {RUNS} "
        f"dated reports: {reports:,} reports ({made:.0f} s to generate)"
    )
    f_wall, f_cpu, _ = floor(downloads)
    site = tmp / "org-site"
    collection = site / "reports"
    c_wall, c_cpu, c_rss = measure(
        [str(BIN / "playbook-check"), "collect", str(downloads), "--into", str(collection)]
    )
    print(f"  json.loads of every report (floor)   {f_wall:7.2f} s wall {f_cpu:7.2f} s CPU")
    print(
        f"  playbook-check collect                {c_wall:7.2f} s wall {c_cpu:7.2f} s CPU   "
        f"{c_wall / f_wall:4.2f}x the floor in wall time, {c_cpu / f_cpu:4.2f}x in CPU time "
        f"(goal: at most 3x); peak {c_rss / 1024:.0f} MiB"
    )
    subprocess.run(
        [str(BIN / "playbook-check"), "org", "init", str(site), "--organisation", "Bench"],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + 'playbook_today = "2026-12-07"\n', encoding="utf-8")
    real = tmp / "real-site"
    real.mkdir()
    for item in ("conf.py", "CONTRIBUTING.md"):
        shutil.copy(ROOT / item, real)
    for folder in ("docs", "checklists", "examples", "src"):
        shutil.copytree(ROOT / folder, real / folder, symlinks=True)
    real_full = measure(_sphinx(real, tmp / "real-out"))
    org_full = measure(_sphinx(site, tmp / "org-out"))
    # Incremental: one answers file edited (the real site); one new report collected (the org).
    answers = real / "examples" / "startup" / "team-shape.yaml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(text.replace("team-size: 7", "team-size: 8"), encoding="utf-8")
    real_inc = measure(_sphinx(real, tmp / "real-out"))
    new = downloads / "late"
    newest = sorted((downloads / "stream-00--team-0000").iterdir())[-1]
    doc = json.loads(newest.read_text(encoding="utf-8"))
    doc["provenance"]["generated"] = "2026-12-01T08:00:00Z"
    doc["provenance"]["commit"] = "f" * 40
    new.mkdir()
    (new / "playbook-report.json").write_text(json.dumps(doc), encoding="utf-8")
    subprocess.run(
        [str(BIN / "playbook-check"), "collect", str(new), "--into", str(collection)],
        check=True, capture_output=True,
    )  # fmt: skip
    org_inc = measure(_sphinx(site, tmp / "org-out"))
    size, page = _largest(tmp / "org-out" / "html")
    pages = len(list((tmp / "org-out" / "html").rglob("*.html")))
    print(f"\nSite builds: seconds wall / CPU, peak memory ({teams:,}-team organisation site)")
    rows = (
        ("playbook site (5 teams), full", real_full),
        (f"organisation site ({teams:,} teams), full", org_full),
        ("playbook site, after editing one answers file", real_inc),
        ("organisation site, after one new report", org_inc),
    )
    for name, (wall, cpu, rss) in rows:
        print(f"  {name:48s} {wall:7.2f} / {cpu:7.2f}   {rss / 1024:5.0f} MiB")
    print(
        f"  organisation against the playbook site, CPU: full {org_full[1] / real_full[1]:4.2f}x "
        f"(goal: at most 3x), incremental {org_inc[1] / real_inc[1]:4.2f}x (goal: at most 1.2x)"
    )
    print(f"  {pages:,} pages; the largest {size / 1024:,.0f} KiB ({page}; goal: under 1 MB)")


def main() -> None:
    import tempfile

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    teams = int(os.environ.get("BENCH_ORG_TEAMS", "1000"))
    with tempfile.TemporaryDirectory() as name:
        run(Path(name), teams)


if __name__ == "__main__":
    main()
