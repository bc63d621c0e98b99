"""The Sphinx extension, built through sphinx.testing against small test roots."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from tests.helpers import sphinx_build

from .conftest import Site

PAGES = ["pitfalls", "checklist", "search", "recs", "xss", "overview"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")


def _text(html: str) -> str:
    body = html[html.index("<h1") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_html_holds_questions_findings_scores_and_working_links(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    s.build()
    assert s.warnings == ""
    checklist = _text(s.html("checklist"))
    assert "How many data scientists work on the team?" in checklist
    assert "asked only when mlops-engineers ≥ 1" in checklist
    assert "mlops-engineers / scientists &lt; 0.5" in checklist
    recs = _text(s.html("recs"))
    assert "Overall score 39.17 of 100, maturity level ad hoc" in recs
    assert "People 40 Delivery 37.5" in recs
    assert "Scientists without MLOps backing" in recs
    index = _text(s.html("pitfalls"))
    assert "Scientists without MLOps backing (" in index  # detected-by column
    # Every internal link from the extension's pages lands on an existing page and anchor.
    outdir = s.srcdir / "_build" / "html" / "docs"
    anchors: dict[str, set[str]] = {}
    for page in PAGES:
        parser = _Links()
        parser.feed(s.html(page))
        anchors[f"{page}.html"] = parser.ids
    for page in PAGES:
        parser = _Links()
        parser.feed(s.html(page))
        for href in parser.hrefs:
            if href.startswith(("http", "#", "mailto")) or not href.split("#")[0].endswith(".html"):
                continue
            target, _, anchor = href.partition("#")
            assert (outdir / target).resolve().is_file(), href
            if anchor and target in anchors:
                assert anchor in anchors[target], href
    assert 'href="pitfalls.html#pitfall-science-without-mlops"' in s.html("recs")
    overview = s.html("overview")
    text = _text(overview)
    # Teams as rows: open findings by risk (in view beside the name), then score and level per
    # checklist.
    assert (
        "Team High Medium Low Staffing (test checklist) "
        "Fraud 0 2 0 70 repeatable Search Ranking 0 0 0 100 self-service"
    ) in text
    assert "Team People Delivery Fraud 60 90 Search Ranking 100 100" in text
    # The checklist's column header links to its page.
    assert 'href="checklist.html#playbook-checklist-staffing">Staffing (test checklist)</a>' in (
        overview
    )


def test_team_text_is_escaped(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    html = s.html("xss")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt; Team" in html
    assert "**bold** and `code` and :role:`x`" in html  # markup shown, not interpreted


def test_touching_one_answers_file_rereads_exactly_its_pages(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    assert "docs/recs" in s.reread
    s.build()
    assert s.reread == []
    time.sleep(0.01)
    recs = s.srcdir / "answers" / "recs.yaml"
    recs.write_text(recs.read_text().replace("team-size: 12", "team-size: 8"), encoding="utf-8")
    s.build()
    assert s.reread == ["docs/recs"]
    fraud = s.srcdir / "answers" / "teams" / "fraud" / "staffing.yaml"
    fraud.write_text(fraud.read_text().replace("team-size: 5", "team-size: 6"), encoding="utf-8")
    s.build()
    assert s.reread == ["docs/overview"]
    checklist = s.srcdir / "checklists" / "staffing.yaml"
    checklist.write_text(checklist.read_text() + "\n", encoding="utf-8")
    s.build()
    assert s.reread == [
        "docs/checklist",
        "docs/examples",  # its checked examples run against the checklist
        "docs/overview",
        "docs/pitfalls",
        "docs/recs",
        "docs/search",
        "docs/topology",
        "docs/xss",
    ]


def test_parallel_and_serial_builds_give_the_same_html(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build(parallel=2, outdir="_par")
    assert s.warnings == ""
    s.build(parallel=0, outdir="_ser")
    for page in PAGES:
        assert s.html(page, "_par") == s.html(page, "_ser"), page


def test_broken_pitfall_reference_fails_with_location(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    page = s.srcdir / "docs" / "search.md"
    page.write_text(page.read_text() + "\nSee {pitfall}`no-such-pitfall`.\n", encoding="utf-8")
    checklist = s.srcdir / "checklists" / "staffing.yaml"
    checklist.write_text(
        checklist.read_text().replace(
            "pitfall: ml-team-bottleneck", "pitfall: ml-team-bottlenecks"
        ),
        encoding="utf-8",
    )
    s.build()
    assert re.search(r"docs/search\.md:\d+: WARNING: unknown pitfall 'no-such-pitfall'", s.warnings)
    assert (
        "checklists/staffing.yaml:97: WARNING: finding 'oversized-team' names unknown pitfall"
        in s.warnings
    )


def test_invalid_yaml_fails_a_strict_build_with_file_and_line(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    s = site("playbook")
    answers = s.srcdir / "answers" / "recs.yaml"
    answers.write_text(
        answers.read_text().replace("  team-size: 12\n", "  team-size: 12\n  team-size: 13\n")
    )
    checklist = s.srcdir / "checklists" / "staffing.yaml"
    checklist.write_text(checklist.read_text().replace("kind: count", "kind: counter", 1))
    proc = sphinx_build(s.srcdir, tmp_path / "out", "-W", "--keep-going")
    assert proc.returncode != 0
    assert "answers/recs.yaml:9: WARNING: duplicate key 'team-size'" in proc.stderr
    assert (
        "checklists/staffing.yaml:13: WARNING: sections[0].questions[0].kind is 'counter'"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr


def test_directive_paths_cannot_escape_the_sources(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    page = s.srcdir / "docs" / "search.md"
    page.write_text("# Search\n\n```{assessment} ../../../etc/passwd\n```\n", encoding="utf-8")
    s.build()
    assert re.search(r"docs/search\.md:\d+: WARNING: '../../../etc/passwd' is outside", s.warnings)


def test_evidence_urls_become_links_and_paths_stay_text(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    answers = s.srcdir / "answers" / "search.yaml"
    answers.write_text(
        answers.read_text()
        + "evidence:\n  deploy-frequency: [https://ci.example.com/deploys, answers/recs.yaml]\n",
        encoding="utf-8",
    )
    s.build()
    html = s.html("search")
    assert '<a class="reference external" href="https://ci.example.com/deploys">' in html
    assert "<code" in html and "answers/recs.yaml</span></code>" in html
    assert 'href="answers/recs.yaml"' not in html


def test_team_text_is_not_smart_quoted(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    answers = s.srcdir / "answers" / "search.yaml"
    url = "https://wiki.example.com/team's--runbook..."
    text = answers.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^notes:\n(  .*\n)+", "", text)
    answers.write_text(
        text
        + 'notes:\n  scientists: "We say \'two\' -- not \\"three\\"..."\n'
        + f'evidence:\n  deploy-frequency: "{url}"\n',
        encoding="utf-8",
    )
    s.build()
    assert s.warnings == ""
    html = s.html("search").replace("&quot;", '"').replace("&#x27;", "'")
    # The link's text is its href, character for character; notes keep plain quotes and dashes.
    assert f'href="{url}">{url}</a>' in html
    assert "We say 'two' -- not \"three\"..." in html
    assessment = html[html.index('class="playbook-assessment') :]
    smart = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026")
    assert not smart & set(assessment[: assessment.index("</section>")])


def test_evidence_url_with_a_space_is_rejected_with_its_location(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    answers = s.srcdir / "answers" / "search.yaml"
    answers.write_text(
        answers.read_text() + "evidence:\n  deploy-frequency: https://ci.example.com/my deploys\n",
        encoding="utf-8",
    )
    s.build()
    assert re.search(
        r"answers/search\.yaml:\d+: WARNING: evidence URL 'https://ci\.example\.com/my deploys' "
        r"contains a space or control character \[PC404\]",
        s.warnings,
    ), s.warnings
    assert 'href="https://ci.example.com/my deploys"' not in s.html("search")


def test_team_pages_have_headings_and_link_to_checklists_and_the_root_redirects(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    s.build()
    recs = s.html("recs")
    assert re.search(
        r'<section class="playbook-assessment" id="assessment-staffing[^"]*">\s*<h2>', recs
    )
    assert "<h3>Section scores" in recs and "<h3>Findings" in recs
    assert (
        'href="checklist.html#playbook-checklist-staffing">Staffing (test checklist) checklist'
        in recs
    )
    root = (s.srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=docs/index.html">' in root
    assert '<a href="docs/index.html">' in root


def test_the_makefile_keeps_doctrees_out_of_the_published_html() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    (recipe,) = [line for line in makefile.splitlines() if "-b html $(SPHINXOPTS)" in line]
    assert "-d $(BUILDDIR)/doctrees" in recipe and recipe.endswith("$(BUILDDIR)/html")


def test_every_warning_subtype_is_documented() -> None:
    from checker.sphinx.common import WarningType

    page = (Path(__file__).resolve().parents[2] / "docs" / "reference" / "sphinx.md").read_text(
        encoding="utf-8"
    )
    documented = set(re.findall(r"^\| `playbook\.([a-z-]+)` \|", page, re.M))
    assert documented == {w.value for w in WarningType}


def test_stylesheet_braces_balance() -> None:
    """A lost brace (it happened in a merge) silently swallows every rule after it."""
    css = (
        Path(__file__).resolve().parents[2] / "src/checker/sphinx/static/playbook.css"
    ).read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
