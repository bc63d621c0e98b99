"""The ``topology`` directive through sphinx.testing: drawing, table, findings, bad input."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.helpers import sphinx_build

from .conftest import Site


def test_topology_page_has_drawing_table_and_findings(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    assert "topology" not in s.warnings, s.warnings
    html = s.html("topology")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="playbook-topology"') == 1
    assert 'data-team="search"' in html and 'data-team="recs"' in html
    assert html.count('class="interaction mode-collaboration"') == 1  # one line, two teams
    assert "playbook-topology.js" in html  # zoom and pan
    assert (s.srcdir / "_build" / "html" / "_static" / "playbook-topology.js").is_file()
    assert 'href="search.html"' in html  # a documentation page becomes its built page
    assert 'href="https://example.com/recs"' in html
    assert "playbook-topology-table" in html
    assert re.search(r"staffing: [^,<]+, \d+ open finding", html)  # the linked assessment
    assert "The test organisation" in html
    # science-without-mlops-path for search, collaboration-without-end for the pair
    assert "no ML engineers" in html and "has no end date" in html
    assert 'href="pitfalls.html#pitfall-science-without-mlops"' in html
    assert 'href="pitfalls.html#pitfall-ml-team-bottleneck"' in html


def test_topology_names_are_escaped_everywhere(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    html = s.html("topology")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bold</b>" not in html
    assert "</title><script>" not in html
    assert re.search(r"&lt;script&gt;alert\((&#x27;|&#39;|')org(&#x27;|&#39;|')\)", html)


def test_invalid_topology_warns_with_file_and_line(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    s = site("playbook")
    org = s.srcdir / "topology" / "org.yaml"
    org.write_text(org.read_text().replace("to: recs", "to: rec"), encoding="utf-8")
    proc = sphinx_build(s.srcdir, tmp_path / "out", "-W", "--keep-going")
    assert proc.returncode != 0
    assert re.search(
        r"topology/org\.yaml:21: WARNING: interaction to unknown team 'rec'", proc.stderr
    )
    assert "[PC703]" in proc.stderr and "did you mean 'recs'?" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_or_escaping_topology_paths_warn(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    page = s.srcdir / "docs" / "topology.md"
    page.write_text(
        "# Topology\n\n```{topology} ../../../etc/passwd\n```\n\n"
        "```{topology} /topology/missing.yaml\n```\n",
        encoding="utf-8",
    )
    s.build()
    assert re.search(
        r"docs/topology\.md:\d+: WARNING: '../../../etc/passwd' is outside", s.warnings
    )
    assert re.search(r"WARNING: topology file '/topology/missing.yaml' not found", s.warnings)


def test_compare_lists_what_changed(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    org = s.srcdir / "topology" / "org.yaml"
    old = s.srcdir / "topology" / "old.yaml"
    old.write_text(
        org.read_text(encoding="utf-8").replace("mode: collaboration", "mode: x-as-a-service"),
        encoding="utf-8",
    )
    page = s.srcdir / "docs" / "topology.md"
    page.write_text(
        "# Topology\n\n```{topology} /topology/org.yaml\n:compare: /topology/old.yaml\n```\n",
        encoding="utf-8",
    )
    s.build()
    html = s.html("topology")
    assert "What changed since old" in html
    assert "~ search and recs: x-as-a-service from search -&gt; collaboration" in html
    assert "introduced: medium" in html


def test_answers_outside_the_documentation_sources_are_not_read(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    """Issue 24, item 4: a topology in the sources may not make the site read a file outside
    them (the site is often built from a checkout with secrets beside it)."""
    s = site("playbook")
    outside = tmp_path / "outside.yaml"
    outside.write_text("checklist: staffing@1.0\nteam: Leaked secret team\nanswers: {}\n")
    org = s.srcdir / "topology" / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace(
            "answers: [../answers/search.yaml]", "answers: [../../outside.yaml]"
        ),
        encoding="utf-8",
    )
    s.build()
    assert re.search(r"org\.yaml:\d+: WARNING: answers file '\.\./\.\./outside\.yaml'", s.warnings)
    assert "[PC712]" in s.warnings
    assert "Leaked secret team" not in s.html("topology")
