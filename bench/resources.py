"""Resource bounds: every command, directive and the browser form's engine, on generated inputs
of up to 1 MiB, stays under 2 s of CPU and 500 MB of memory (issue 24, item 6).

Each :class:`Case` builds its input in a fresh folder and says what to run on it: a
``playbook-check`` command (``cli``), a page of the site holding a directive (``site``: the
build's CPU time less that of the same page on a tiny input, so Sphinx's own start-up does not
count), or the form's engine in node (``node``). :func:`measure` runs it in its own process and
reads that process's CPU time and peak resident memory from the kernel (``wait4``).

``make bench`` prints every case (``BENCH_ONLY=resources``); ``tests/robustness/
test_resources.py`` asserts the bounds with a margin for a loaded machine. To add a case (the
topology directive and commands, say), append a ``Case`` to :data:`CASES`: a name, a kind, and
a function that writes the input under the folder it is given and returns the argument list
(``cli``), the page's Markdown (``site``) or the path of the answers file and the checklist id
(``node``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
CHECKLISTS = ROOT / "tests" / "data" / "checklists"  # staffing: every question kind
ENGINE = ROOT / "src" / "checker" / "sphinx" / "static" / "playbook-engine.js"
MiB = 1024 * 1024
LIMIT_SECONDS = 2.0
LIMIT_MB = 500.0

BASE = """\
checklist: staffing@1.2
team: Search Ranking
assessed: 2026-11-20
answers:
  scientists: 3
  mlops-engineers: 2
  mlops-shared: no
  team-size: 7
  deploy-frequency: weekly
  practices: [version-control, ci, monitoring]
  automated-share: 90
  latency-budget: 120.5
  context: We ship behind feature flags.
"""


class Measure(NamedTuple):
    cpu: float  # seconds of CPU (user + system) of the process
    wall: float
    peak_mb: float  # peak resident memory
    code: int
    crashed: bool  # a traceback or an internal error in its output
    output: str = ""  # what it printed (standard output and error together)


# The command runs as the child of this small launcher, not of the caller: on Linux a process's
# peak memory starts at its parent's when it was spawned (exec keeps the old address space's
# high-water mark), so a command spawned by a test worker that had grown to 665 MB was measured
# at 665 MB whatever it used.
_LAUNCHER = """import os, subprocess, sys
figures, argv = sys.argv[1], sys.argv[2:]
proc = subprocess.Popen(argv)
_pid, status, usage = os.wait4(proc.pid, 0)
code = os.waitstatus_to_exitcode(status)
with open(figures, "w") as out:
    out.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {code}")
"""


OK_CODES = {"cli": (0, 1, 2), "site": (0,), "node": (0,)}
"""Exit codes a case may end with: a command may find problems, never crash (an internal
error exits 2 too, so the output is also searched for one)."""


class Case(NamedTuple):
    name: str
    kind: str  # "cli", "site" or "node"
    make: Callable[[Path], object]
    """Writes the input under the folder given; returns the argument list (cli; or the list
    and a file to give as standard input), the page's Markdown (site) or (answers file,
    checklist id) (node)."""


def measure(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None, stdin: Path | None = None
) -> Measure:
    """Run ``argv`` in ``cwd``; its own CPU time and peak memory (not its children's, and not
    its caller's: see ``_LAUNCHER``)."""
    with (
        tempfile.TemporaryDirectory() as folder,
        tempfile.TemporaryFile() as out,
        open(stdin or os.devnull, "rb") as given,
    ):
        figures = Path(folder) / "figures"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(figures), *argv],
            cwd=cwd, stdin=given, stdout=out, stderr=out, env=env, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - start
        cpu, peak_kb, code = figures.read_text(encoding="utf-8").split()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    crashed = "Traceback" in text or "internal error" in text or "Exception occurred" in text
    return Measure(float(cpu), wall, int(peak_kb) / 1024, int(code), crashed, text)


# --- inputs --------------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MiB, (path, path.stat().st_size)
    return path


def failing_answers(tmp: Path) -> Path:
    """24,000 answers to unknown questions (690 KB): 24,000 diagnostics, 100 kept."""
    lines = [f"  unknown-question-{i:06d}: 1" for i in range(24_000)]
    return _write(tmp / "failing.yaml", BASE + "\n".join(lines) + "\n")


def long_note(tmp: Path) -> Path:
    """A valid file with one note of almost 1 MiB on one line."""
    return _write(tmp / "note.yaml", BASE + 'notes:\n  context: "' + "x" * (MiB - 600) + '"\n')


def many_items(tmp: Path) -> Path:
    """A multi-choice answer listing 200,000 items (1 MiB of flow sequence)."""
    return _write(
        tmp / "items.yaml",
        BASE.replace("[version-control, ci, monitoring]", "[" + "ci, " * 200_000 + "ci]"),
    )


def many_aliases(tmp: Path) -> Path:
    """Aliases repeating 100,000 values, the most the loader allows."""
    anchor = "x: &a [" + "1, " * 999 + "1]\n"
    return _write(tmp / "aliases.yaml", BASE + anchor + "y: [" + "*a, " * 99 + "*a]\n")


def many_evidence(tmp: Path) -> Path:
    """8,000 evidence paths, each looked up on disk (about 400 KB)."""
    paths = ", ".join(f"docs/evidence-{i:05d}.md" for i in range(8_000))
    return _write(tmp / "evidence.yaml", BASE + f"evidence:\n  scientists: [{paths}]\n")


def many_files(tmp: Path, n: int = 400) -> Path:
    """A folder of ``n`` team folders, one answers file each (1 MiB in all)."""
    folder = tmp / "teams"
    for i in range(n):
        _write(
            folder / f"team-{i:04d}" / "staffing.yaml",
            BASE.replace("Search Ranking", f"Team {i}") + "#" * 2_200 + "\n",
        )
    return folder


def history(tmp: Path, n: int = 300) -> Path:
    """A team folder with ``n`` dated assessments in history/ (a trend of 300 points)."""
    folder = tmp / "team"
    for i in range(n):
        day = f"20{10 + i // 365:02d}-{1 + i // 31 % 12:02d}-{1 + i % 28:02d}"
        text = BASE.replace("2026-11-20", day).replace("scientists: 3", f"scientists: {i % 9}")
        _write(folder / "history" / f"{i:04d}.yaml", text)
    _write(folder / "staffing.yaml", BASE)
    return folder


def big_report(tmp: Path, name: str = "report.json") -> Path:
    """A JSON report of just under 1 MiB (about 200 files), written by the CLI."""
    folder = many_files(tmp / name.replace(".json", ""), 200)
    out = tmp / name
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "report",
            "-f",
            "json",
            "--today",
            "2026-11-24",
            "--checklists",
            str(CHECKLISTS),
            "-o",
            str(out),
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.is_file() and out.stat().st_size <= MiB, proc.stderr[-2000:]
    return out


def big_checklist(tmp: Path, sections: int = 10, per_section: int = 40) -> Path:
    """A checklist of 400 questions and 100 findings (150 KB; the largest bundled one has 40
    questions). The site's page costs about 2.5 ms of CPU a question (docutils' transforms over
    its nodes): 1,600 questions took 4.2 s. Checklists are the playbook's own, reviewed
    content, not a team's input."""
    lines = ["id: big", "version: 1.0.0", "title: Big checklist", "sections:"]
    for s in range(sections):
        lines += [
            f"  - id: s{s}",
            f"    title: Section {s}",
            f"    weight: {1 + s % 3}",
            "    questions:",
        ]
        for q in range(per_section):
            lines += [
                f"      - id: q{s}-{q}",
                f"        prompt: Question {q} of section {s}, asked in the words of a long "
                "prompt that a checklist author would write?",
                "        help: What counts as yes, with an example and a reference.",
                "        kind: yes-no",
                "        points: {yes: 1, no: 0}",
            ]
    lines.append("findings:")
    for f in range(sections * 10):
        lines += [
            f"  - id: f{f}",
            f"    title: Finding {f}",
            "    pitfall: science-without-mlops",
            "    risk: medium",
            f"    when: {{answer: q{f % sections}-{f % per_section}, is: no}}",
            "    advice: Do the thing the question asks about, first for one model.",
        ]
    lines += [
        "scoring:",
        "  aggregate: weighted",
        "  levels:",
        "    - {name: low, below: 50}",
        "    - {name: high}",
    ]
    return _write(tmp / "checklists" / "big.yaml", "\n".join(lines) + "\n")


def big_answers(tmp: Path) -> Path:
    """Answers to every question of :func:`big_checklist`, with a note each."""
    big_checklist(tmp)
    lines = ["checklist: big@1.0", "team: Big", "assessed: 2026-11-20", "answers:"]
    ids = [(s, q) for s in range(10) for q in range(40)]
    lines += [f"  q{s}-{q}: {'yes' if (s + q) % 3 else 'no'}" for s, q in ids]
    lines.append("notes:")
    lines += [f"  q{s}-{q}: A note on this answer." for s, q in ids]
    return _write(tmp / "big-answers.yaml", "\n".join(lines) + "\n")


def big_pyproject(tmp: Path) -> list[str]:
    """A pyproject.toml of almost 1 MiB whose table comes last."""
    padding = "# a comment line of a long pyproject.toml, repeated to fill it up....\n"
    table = '[tool.playbook-check]\nfail-on = "medium"\n'
    _write(tmp / "pyproject.toml", padding * ((MiB - 200) // len(padding)) + table)
    return _validate(_write(tmp / "team.yaml", BASE))


def _validate(path: Path, *more: str) -> list[str]:
    return ["validate", "--today", "2026-11-24", "--checklists", str(CHECKLISTS), *more, str(path)]


def _report(path: Path, fmt: str) -> list[str]:
    return [
        "report",
        "-f",
        fmt,
        "--today",
        "2026-11-24",
        "--checklists",
        str(CHECKLISTS),
        str(path),
    ]


# --- the cases -------------------------------------------------------------------------------


CASES: list[Case] = [
    Case("validate 24,000 failing answers", "cli", lambda t: _validate(failing_answers(t))),
    *(
        Case(
            f"report -f {fmt}: 24,000 failing answers",
            "cli",
            lambda t, fmt=fmt: _report(failing_answers(t), fmt),
        )
        for fmt in ("json", "sarif", "junit", "markdown", "github", "gitlab")
    ),
    Case("validate a 1 MiB note", "cli", lambda t: _validate(long_note(t))),
    Case("report -f sarif: a 1 MiB note", "cli", lambda t: _report(long_note(t), "sarif")),
    Case("validate 200,000 list items", "cli", lambda t: _validate(many_items(t))),
    Case("validate 100,000 aliased values", "cli", lambda t: _validate(many_aliases(t))),
    Case(
        "validate 8,000 evidence paths",
        "cli",
        lambda t: _validate(many_evidence(t), "--evidence-root", str(t)),
    ),
    Case("validate 400 files (1 MiB)", "cli", lambda t: _validate(many_files(t))),
    Case(
        "validate - (stdin) 24,000 failing",
        "cli",
        lambda t: (["validate", "--checklists", str(CHECKLISTS), "-"], failing_answers(t)),
    ),
    Case(
        "validate --baseline a 1 MiB report",
        "cli",
        lambda t: _validate(many_files(t, 200), "--baseline", str(big_report(t))),
    ),
    Case(
        "diff two 1 MiB reports",
        "cli",
        lambda t: ["diff", str(big_report(t, "a.json")), str(big_report(t, "b.json"))],
    ),
    Case("lint a 400-question checklist", "cli", lambda t: ["lint", str(big_checklist(t))]),
    Case(
        "validate against a 400-question checklist",
        "cli",
        lambda t: ["validate", "--checklists", str(t / "checklists"), str(big_answers(t))],
    ),
    Case(
        "init from a 400-question checklist",
        "cli",
        lambda t: ["init", "big", "--checklists", str(big_checklist(t).parent), "--no-schema"],
    ),
    Case(
        "schema --checklist a 400-question checklist",
        "cli",
        lambda t: [
            "schema",
            "answers",
            "--checklist",
            "big",
            "--checklists",
            str(big_checklist(t).parent),
        ],
    ),
    Case(
        "list with a 400-question checklist",
        "cli",
        lambda t: ["list", "--checklists", str(big_checklist(t).parent)],
    ),
    Case("validate under a 1 MiB pyproject.toml", "cli", big_pyproject),
    Case("new-checklist", "cli", lambda t: ["new-checklist", "x" * 60, "--title", "T " * 200]),
    Case("explain", "cli", lambda t: ["explain", "PC104"]),
    # Directives: the build's CPU less that of the same page on a tiny input.
    Case(
        "{assessment} 24,000 failing answers",
        "site",
        lambda t: f"```{{assessment}} /{failing_answers(t / 'in').relative_to(t)}\n```\n",
    ),
    Case(
        "{assessment} a 1 MiB note",
        "site",
        lambda t: f"```{{assessment}} /{long_note(t / 'in').relative_to(t)}\n```\n",
    ),
    Case(
        "{assessment} a 1 MiB report",
        "site",
        lambda t: f"```{{assessment}} /{big_report(t / 'in').relative_to(t)}\n```\n",
    ),
    Case(
        "{assessment-overview} 400 team folders",
        "site",
        lambda t: f"```{{assessment-overview}} /{many_files(t / 'in').relative_to(t)}\n```\n",
    ),
    Case(
        "{assessment-overview} a 1 MiB report",
        "site",
        lambda t: (
            f"```{{assessment-overview}} /{big_report(t / 'in').parent.relative_to(t)}\n```\n"
        ),
    ),
    Case(
        "{assessment-trend} 300 assessments",
        "site",
        lambda t: f"```{{assessment-trend}} /{history(t / 'in').relative_to(t)}\n```\n",
    ),
    Case(
        "{checklist} a 400-question checklist",
        "site",
        lambda t: (big_checklist(t), "```{checklist} big\n```\n")[1],
    ),
    # The browser form's engine (node): what a page freezes on.
    Case("form: 24,000 failing answers", "node", lambda t: (failing_answers(t), "staffing")),
    Case("form: a 1 MiB note", "node", lambda t: (long_note(t), "staffing")),
    Case("form: 200,000 list items", "node", lambda t: (many_items(t), "staffing")),
    Case("form: 100,000 aliased values", "node", lambda t: (many_aliases(t), "staffing")),
    Case(
        "form: invalid UTF-8 after 1 MiB", "node", lambda t: (_invalid_utf8_at_end(t), "staffing")
    ),
]


def _invalid_utf8_at_end(tmp: Path) -> Path:
    path = tmp / "bad.yaml"
    path.write_bytes(BASE.encode() + b"# padding \xc3\xa9\n" * 74_000 + b"\xff")
    assert path.stat().st_size <= MiB
    return path


# --- running them ----------------------------------------------------------------------------

CONF = """\
extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]
root_doc = "index"
exclude_patterns = ["in/**", "_build/**"]
playbook_checklist_dir = "checklists"
playbook_today = "2026-11-24"
"""

NODE = """\
const fs = require("fs");
const E = require(process.argv[2]);
const checklist = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const bytes = new Uint8Array(fs.readFileSync(process.argv[4]));
const out = E.checkBytes(checklist, bytes, {file: "x.yaml", today: "2026-11-24"});
if (!out.diagnostics) process.exit(3);
"""


def _site(tmp: Path, page: str) -> Path:
    src = tmp / "site"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    if not (src / "checklists").exists():
        shutil.copytree(CHECKLISTS, src / "checklists")
    (src / "index.md").write_text("# Page\n\n" + page, encoding="utf-8")
    return src


def _sphinx(src: Path) -> list[str]:
    out = src / "_build"
    shutil.rmtree(out, ignore_errors=True)
    return [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(src), str(out)]


def site_baseline(tmp: Path) -> Measure:
    """A build of the page with a tiny answers file: what every site case costs anyway."""
    src = _site(tmp, "")
    _write(src / "in" / "tiny.yaml", BASE)
    (src / "index.md").write_text("# Page\n\n```{assessment} /in/tiny.yaml\n```\n", "utf-8")
    return measure(_sphinx(src), src)


def run_case(case: Case, tmp: Path, baseline: Measure | None = None) -> Measure:
    """Build the case's input under ``tmp`` and measure it; a site case's CPU and wall time
    are less those of ``baseline`` (:func:`site_baseline`)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PLAYBOOK_CHECKLISTS", None)
    if case.kind == "cli":
        made = case.make(tmp)
        argv, stdin = made if isinstance(made, tuple) else (made, None)
        assert isinstance(argv, list)
        return measure([sys.executable, "-m", "checker", *map(str, argv)], tmp, env, stdin)
    if case.kind == "site":
        src = _site(tmp, "")
        page = case.make(src)
        assert isinstance(page, str)
        _site(tmp, page)
        got = measure(_sphinx(src), src, env)
        if baseline is None:
            return got
        return got._replace(
            cpu=max(0.0, got.cpu - baseline.cpu), wall=max(0.0, got.wall - baseline.wall)
        )
    if case.kind == "node":
        node = shutil.which("node")
        assert node is not None, "node is not installed"
        answers, checklist_id = case.make(tmp)  # type: ignore[misc]
        export = tmp / "checklist.json"
        export.write_text(json.dumps(_export(checklist_id)), encoding="utf-8")
        script = tmp / "run.js"
        script.write_text(NODE, encoding="utf-8")
        return measure([node, str(script), str(ENGINE), str(export), str(answers)], tmp, env)
    raise ValueError(f"unknown kind {case.kind!r}")


def _export(checklist_id: str) -> object:
    sys.path.insert(0, str(ROOT / "src"))
    from checker.sphinx.export import checklist_json
    from checker.validate.checklist import load_checklist

    return checklist_json(load_checklist(CHECKLISTS / f"{checklist_id}.yaml"))


def run_all(cases: list[Case] | None = None) -> list[tuple[Case, Measure]]:
    """Every case, each in a fresh folder."""
    out = []
    with tempfile.TemporaryDirectory() as base_name:
        baseline = site_baseline(Path(base_name) / "baseline")
    for case in cases or CASES:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            out.append((case, run_case(case, tmp, baseline if case.kind == "site" else None)))
    return out


def report(results: list[tuple[Case, Measure]]) -> None:
    """Print each case's CPU time, wall time and peak memory against the bounds."""
    print(
        f"\nResources on inputs up to 1 MiB (bounds: {LIMIT_SECONDS:g} s CPU, {LIMIT_MB:g} MB;"
        " site cases: the build less a build of a tiny input)"
    )
    for case, m in results:
        flag = "" if m.cpu <= LIMIT_SECONDS and m.peak_mb <= LIMIT_MB else "   OVER"
        if m.crashed or m.code not in OK_CODES[case.kind]:
            flag += f"   FAILED (exit {m.code})"
        print(
            f"  {case.kind:4s} {case.name:42s} {m.cpu:6.2f} s CPU {m.wall:6.2f} s wall "
            f"{m.peak_mb:6.0f} MB  {m.cpu / LIMIT_SECONDS:4.2f}x{flag}"
        )


if __name__ == "__main__":
    report(run_all())
