"""The ``assessment`` directive renders the canonical report document (issue 10): what the site
shows of an answers file is what ``playbook-check report --format json`` says of it, and a JSON
report a team's CI published renders exactly as the answers file it was written from."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

from checker.cli.app import main
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import file_entry
from checker.sphinx.assessments import render_assessment

from .conftest import Site

EVIDENCE = "evidence:\n  deploy-frequency: [https://ci.example.com/deploys, answers/recs.yaml]\n"


def _report(s: Site, answers: str, out: str, capsys: pytest.CaptureFixture[str]) -> Path:
    """``playbook-check report --format json`` of one answers file of the site, run in the site
    (so the report names the file as the site does)."""
    path = s.srcdir / out
    path.parent.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(s.srcdir)
        code = main(
            ["report", answers, "--checklists", "checklists", "--today", "2026-11-24",
             "--evidence-root", ".", "-f", "json", "--exit-zero", "-o", out]
        )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0 and path.is_file(), err
    return path


def _add_evidence(s: Site, answers: str) -> None:
    path = s.srcdir / answers
    path.write_text(path.read_text(encoding="utf-8") + EVIDENCE, encoding="utf-8")


def _page(s: Site, page: str, target: str) -> None:
    """``docs/<page>.md``: a heading and one ``{assessment}`` of ``target``."""
    (s.srcdir / "docs" / f"{page}.md").write_text(
        f"# {page}\n\n```{{assessment}} {target}\n```\n", encoding="utf-8"
    )


def _section(html: str, anchor: str) -> str:
    """The assessment section with this id, without its ids (which differ by page)."""
    start = html.index(f'id="{anchor}"')
    start = html.rindex("<section", 0, start)
    depth, i = 0, start
    for m in re.finditer(r"<(/?)section\b", html[start:]):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            i = start + m.end()
            break
    body = html[start:i]
    return re.sub(r'\s(id|href)="[^"]*"', "", body)


def test_a_json_report_renders_as_the_answers_file_it_was_written_from(
    site: Callable[[str], Site], capsys: pytest.CaptureFixture[str]
) -> None:
    s = site("playbook")
    _add_evidence(s, "answers/search.yaml")
    _report(s, "answers/search.yaml", "reports/search.json", capsys)
    _page(s, "from-report", "/reports/search.json")
    index = s.srcdir / "docs" / "index.md"
    index.write_text(index.read_text().replace("topology\n", "topology\nfrom-report\n"), "utf-8")
    s.build()
    assert "WARNING" not in s.warnings, s.warnings
    live, published = s.html("search"), s.html("from-report")
    (anchor,) = re.findall(r'<section class="playbook-assessment" id="([^"]+)"', live)
    assert f'id="{anchor}"' in published
    assert _section(published, anchor) == _section(live, anchor)
    # Evidence is part of the report document, so the published report links it too.
    assert 'href="https://ci.example.com/deploys"' in published


def test_the_page_shows_what_the_json_report_says(
    site: Callable[[str], Site], capsys: pytest.CaptureFixture[str]
) -> None:
    """Score, level, every finding (with its risk and exemption), every note and evidence."""
    s = site("playbook")
    _add_evidence(s, "answers/recs.yaml")
    report = json.loads(_report(s, "answers/recs.yaml", "recs.json", capsys).read_text())
    (entry,) = report["files"]
    s.build()
    html = s.html("recs")
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
    overall = entry["score"]["overall"]
    assert f"Overall score {overall:g} of 100, maturity level {entry['score']['level']}" in text
    assert entry["findings"], "the fixture should have findings"
    for f in entry["findings"]:
        assert re.search(rf"playbook-findings-{f['risk']}.*?{re.escape(f['title'])}", html, re.S), (
            f["title"]
        )
        if f["exemption"]:
            assert f"exempted until {f['exemption']['expires']}" in text
    for note in entry["notes"].values():
        assert note in text
    for refs in entry["evidence"].values():
        for ref in refs:
            assert ref in text


def test_render_assessment_is_a_function_of_the_report_entry(tmp_path: Path) -> None:
    """The live entry and the same entry written as JSON and read back render identically."""
    root = Path(__file__).resolve().parents[1] / "roots" / "test-playbook"
    path = root / "answers" / "recs.yaml"
    registry = ChecklistRegistry([root / "checklists"])
    result = check_answers(path, registry, CheckOptions(), display="answers/recs.yaml")
    assert result.evaluation is not None and result.valid
    prompts = {q.id: q.prompt for q in result.evaluation.checklist.question_list()}
    live = file_entry(result)
    again = json.loads(json.dumps(live))
    assert render_assessment(again, prompts).pformat() == render_assessment(live, prompts).pformat()


def test_two_assessments_of_one_checklist_on_a_page_get_distinct_anchors(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    page = s.srcdir / "docs" / "search.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n```{assessment} /answers/recs.yaml\n```\n",
        encoding="utf-8",
    )
    s.build()
    html = s.html("search")
    ids = re.findall(r'<section class="playbook-assessment" id="([^"]+)"', html)
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    every_id = re.findall(r'\sid="([^"]+)"', html)
    assert len(every_id) == len(set(every_id)), "an id is repeated in the page"


def test_a_report_with_an_invalid_entry_or_no_assessment_warns_at_its_line(
    site: Callable[[str], Site], capsys: pytest.CaptureFixture[str]
) -> None:
    s = site("playbook")
    bad = s.srcdir / "answers" / "bad.yaml"
    bad.write_text("checklist: staffing@1.0\nteam: Bad\nanswers:\n  scientists: many\n", "utf-8")
    path = s.srcdir / "reports" / "bad.json"
    path.parent.mkdir()
    assert main(["report", str(bad), "--checklists", str(s.srcdir / "checklists"), "-f", "json",
                 "-o", str(path)]) == 2  # fmt: skip
    capsys.readouterr()
    _page(s, "search", "/reports/bad.json")
    s.build()
    assert re.search(
        r"reports/bad\.json:\d+: WARNING: the report's entry for .*\[PC601\]", s.warnings
    )
    assert "holds no valid assessment" in s.html("search")
    path.write_text('{"format": "playbook-check-report"}', encoding="utf-8")
    s.build()
    # the CLI's error, from the one reader of reports
    assert re.search(r"reports/bad\.json:1: WARNING: .*format_version.*\[PC412\]", s.warnings)


def test_a_reports_evidence_is_linked_only_when_the_cli_would_accept_it(
    site: Callable[[str], Site], capsys: pytest.CaptureFixture[str]
) -> None:
    """A report is schema-checked, not re-checked: its evidence becomes a link only when it is
    a usable http(s) URL (as PC404 demands of an answers file); anything else stays text."""
    s = site("playbook")
    path = _report(s, "answers/search.yaml", "reports/search.json", capsys)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["files"][0]["evidence"] = {
        "deploy-frequency": [
            "javascript:alert(1)",
            "https://ci.example.com/a b",
            "https://ci.example.com/\u2028x",
            "https://ci.example.com/ok",
        ]
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    _page(s, "search", "/reports/search.json")
    s.build()
    html = s.html("search")
    hrefs = re.findall(r'<a class="reference external" href="([^"]*)"', html)
    assert hrefs == ["https://ci.example.com/ok"], hrefs
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)))
    assert "javascript:alert(1), https://ci.example.com/a b, " in text, text


def test_a_missing_report_is_named_as_a_report(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    _page(s, "search", "/reports/missing.json")
    s.build()
    assert re.search(
        r"search\.md:\d+: WARNING: report '/reports/missing\.json' not found", s.warnings
    )
