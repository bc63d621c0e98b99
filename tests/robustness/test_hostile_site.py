"""The Sphinx extension with hostile files: special files, symlinks out of the sources, loops,
huge numbers, a repeated team name and escape sequences. The build never hangs (a timeout fails
it), never shows a traceback, and turns each problem into a located warning without escapes."""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.report.types import Aggregate
from tests.helpers import empty_score, sphinx_build
from tests.robustness.test_corpus import BAD, CHECKLISTS, EVIDENCE_BASE, assert_safe

ROOT = Path(__file__).resolve().parents[2]
CLEAN = (ROOT / "tests" / "data" / "answers" / "clean.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    tmp = tmp_path_factory.mktemp("hostile-site")
    src = tmp / "site"
    (src / "docs").mkdir(parents=True)
    shutil.copytree(CHECKLISTS, src / "checklists")
    (src / "checklists" / "broken.yaml").symlink_to("/dev/zero")
    examples = src / "examples"
    for team in "abcd":
        (examples / team).mkdir(parents=True)
    (examples / "a" / "staffing.yaml").write_text(CLEAN, encoding="utf-8")
    (examples / "b" / "staffing.yaml").write_text(CLEAN, encoding="utf-8")  # same team name
    outside = tmp / "outside.yaml"
    outside.write_text(CLEAN.replace("Search Ranking", "Outside Secret"), encoding="utf-8")
    (examples / "c" / "staffing.yaml").symlink_to(outside)
    os.mkfifo(examples / "d" / "staffing.yaml")
    answers = src / "answers"
    answers.mkdir()
    os.mkfifo(answers / "fifo.yaml")
    (answers / "zero.yaml").symlink_to("/dev/zero")
    (src / "loop").symlink_to("loop")
    (answers / "loop-evidence.yaml").write_text(
        EVIDENCE_BASE + "evidence:\n  scientists: loop\n", encoding="utf-8"
    )
    for case in ("num-huge-int-count", "inject-osc-title-notes-key", "inject-c1-csi-notes-key"):
        shutil.copy(BAD / f"{case}.yaml", answers / f"{case}.yaml")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
        'root_doc = "docs/index"\ninclude_patterns = ["docs/**"]\n'
        'playbook_checklist_dir = "checklists"\nplaybook_today = "2026-11-24"\n'
    )
    pages = [
        "# Hostile",
        "",
        "```{assessment-overview} /examples",
        "```",
        "",
        "```{checklist} broken",
        "```",
        "",
    ]
    for name in sorted(p.name for p in answers.iterdir()):
        pages += [f"```{{assessment}} /answers/{name}", "```", ""]
    (src / "docs" / "index.md").write_text("\n".join(pages), encoding="utf-8")
    out = tmp / "out"
    proc = sphinx_build(src, out, "--keep-going", timeout=300)
    assert "Traceback" not in proc.stderr and "Exception occurred" not in proc.stderr
    assert (out / "docs" / "index.html").is_file()
    return proc.stderr, out


def test_special_files_are_refused_with_a_location(build: tuple[str, Path]) -> None:
    log, _out = build
    assert "answers/fifo.yaml:1: WARNING: is a FIFO (named pipe), not a regular file" in log
    assert "examples/d/staffing.yaml:1: WARNING: is a FIFO (named pipe)" in log
    assert "'/answers/zero.yaml' is outside the documentation sources" in log  # a link out
    assert "checklists/broken.yaml:1: WARNING: is a character device" in log


def test_overview_does_not_follow_a_symlink_out_of_the_sources(build: tuple[str, Path]) -> None:
    log, out = build
    assert "'examples/c/staffing.yaml' leads outside the documentation sources" in log
    assert "Outside Secret" not in (out / "docs" / "index.html").read_text(encoding="utf-8")


def test_two_teams_with_one_name_are_a_located_warning(build: tuple[str, Path]) -> None:
    log, _out = build
    where = "examples/b/staffing.yaml:3: WARNING:"  # the line of its team: value
    assert f"{where} team 'Search Ranking' is also named in examples/a/staffing.yaml:" in log
    assert "[PC414]" in log


def test_os_errors_and_huge_numbers_are_located_warnings(build: tuple[str, Path]) -> None:
    log, _out = build
    assert "answers/loop-evidence.yaml:17: WARNING: evidence path 'loop' cannot be used" in log
    assert "answers/num-huge-int-count.yaml:5: WARNING: the number 1111" in log
    assert "[PC112]" in log


def test_no_escape_sequence_reaches_the_build_log(build: tuple[str, Path]) -> None:
    log, _out = build
    assert "answers/inject-osc-title-notes-key.yaml:15: WARNING:" in log
    assert_safe(log)


# --- Ids derived from team data (issue 24, item 1). The reader refuses a report whose
# `assessed` or checklist id is not one (tests/data/bad/reports); this checks the generator
# itself: whatever reaches it, every id, fragment link and ARIA reference is plain.

HOSTILE = '2026-11-16"><script>window.__pwned=4</script>'
ID_VALUE = re.compile(r'\s(?:id|aria-labelledby|aria-describedby|for)="([^"]*)"')
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")


_HOSTILE_REPORT = ROOT / "tests" / "data" / "bad" / "reports" / "report-assessed-script.json"


def _hostile_entries(
    path: Path, display: str
) -> tuple[list[tuple[dict[str, Any], int]], list[Any]]:
    del path, display
    entry = json.loads(_HOSTILE_REPORT.read_text(encoding="utf-8"))["files"][0]
    entry["assessed"] = HOSTILE
    entry["checklist"]["id"] = 'staffing" onmouseover="window.__pwned=5'
    return [(entry, 3)], []


class _Tags(HTMLParser):
    """Every event handler attribute, and every script that mentions __pwned, in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"{tag} {k}" for k, _ in attrs if k.startswith("on")]
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "__pwned" in data:
            self.found.append(f"script {data[:60]}")


def _live_markup(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.found


def test_ids_from_team_data_are_plain_whatever_reaches_the_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx.testing.util import SphinxTestApp

    from checker.sphinx import assessments
    from tests.conftest import ROOTS

    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-playbook", src)
    (src / "reports").mkdir()
    (src / "reports" / "forged.json").write_text("{}", encoding="utf-8")
    (src / "docs" / "search.md").write_text(
        "# Search\n\n```{assessment} /reports/forged.json\n```\n\n"
        "```{assessment} /reports/forged.json\n```\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(assessments, "report_entries", _hostile_entries)
    app = SphinxTestApp("html", srcdir=src, builddir=src / "_build", warning=io.StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    html = (src / "_build" / "html" / "docs" / "search.html").read_text(encoding="utf-8")
    assert _live_markup(html) == []
    ids = ID_VALUE.findall(html)
    assert ids
    for value in ids:
        for part in value.split():
            assert SAFE_ID.fullmatch(part), value
    fragments = [f for f in re.findall(r'href="#([^"]*)"', html) if f]  # "#": the top
    assert fragments and all(SAFE_ID.fullmatch(f) for f in fragments), fragments
    page_ids = re.findall(r'\sid="([^"]*)"', html)
    assert len(page_ids) == len(set(page_ids)), "an id is repeated in the page"


@pytest.mark.parametrize("prefix", [HOSTILE, "a b", "", "2026", "é"])
def test_chart_ids_are_plain_whatever_the_prefix(prefix: str) -> None:
    from checker.sphinx import charts

    for node in (
        charts.section_bars(prefix, "t", [("s", 1.0, None)]),
        charts.heatmap(prefix, "t", [("r", [1.0])], ["c"]),
        charts.trend(prefix, "t", [("2026-01-01", 1.0, 0), ("2026-02-01", 2.0, 1)]),
    ):
        html = node.astext()
        assert "<script" not in html
        for value in ID_VALUE.findall(html):
            assert all(SAFE_ID.fullmatch(p) for p in value.split()), value


# --- Numbers a forged report could carry (issue 24, item 2). The reader refuses them
# (tests/data/bad/reports); the site's arithmetic does not rely on it: no value crashes a chart
# or the best-score helper, and a value that is not a number is drawn as n/a.

_ANY_FLOAT = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(_ANY_FLOAT, min_size=1, max_size=4),
    maximum=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    count=st.integers(min_value=0, max_value=10**6),
)
def test_no_number_crashes_a_chart(
    values: list[float | None], maximum: float | None, count: int
) -> None:
    from checker.sphinx import charts

    charts.section_bars("p", "t", [(f"s{i}", v, maximum) for i, v in enumerate(values)])
    heat = charts.heatmap("p", "t", [("r", values)], [f"c{i}" for i in range(len(values))],
                          [maximum] * len(values))  # fmt: skip
    charts.trend("p", "t", [(f"2026-01-0{i + 1}", v, count) for i, v in enumerate(values)], maximum)
    for v in values:
        charts.heat_class(v, 100.0 if maximum is None else maximum)
    if any(v is not None and not math.isfinite(v) for v in values):
        assert "n/a" in heat.astext()


@settings(max_examples=200, deadline=None)
@given(
    aggregate=st.sampled_from(["weighted", "mean", "min"]),
    sections=st.lists(
        st.tuples(st.floats(allow_nan=True), st.floats(allow_nan=True)), min_size=0, max_size=4
    ),
)
def test_the_best_score_of_any_points_entry_is_a_number(
    aggregate: Aggregate, sections: list[tuple[float, float]]
) -> None:
    from checker.report.util import overall_maximum

    score = empty_score("points", aggregate, [(m, w) for w, m in sections])
    best = overall_maximum(score)
    assert math.isfinite(best) and best >= 0
