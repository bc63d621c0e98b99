"""The ``checked-example`` directive: a page's example goes through the real engine at build
time, is rendered with its verdict, and fails a ``-W`` build when it disagrees with its page
(issue 19)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from tests.helpers import STRICT, sphinx_build

from .conftest import Site

PAGE = "docs/examples.md"


def edit(site: Site, old: str, new: str, path: str = PAGE) -> None:
    target = site.srcdir / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new), encoding="utf-8")


def line_of(site: Site, text: str) -> int:
    lines = (site.srcdir / PAGE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_examples_are_rendered_with_their_verdict(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    assert "example" not in s.warnings, s.warnings
    html = s.html("examples")
    assert html.count('class="playbook-example playbook-example-illustration') == 2
    assert html.count('class="playbook-example playbook-example-recommended') == 2
    assert "What playbook-check says: </strong>1 open finding:" in html
    assert "What playbook-check says: </strong>no finding." in html
    assert 'href="pitfalls.html#pitfall-science-without-mlops"' in html
    assert "science-without-mlops-path/search" in html  # the topology rule's finding
    assert "answers to staffing 1.2.0" in html


def test_the_strict_site_builds_when_every_example_agrees(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    s = site("playbook")
    proc = sphinx_build(s.srcdir, tmp_path / "out", *STRICT)
    assert proc.returncode == 0, proc.stderr


def test_an_illustration_that_misses_its_pitfall_fails_the_build(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    s = site("playbook")
    edit(s, "scientists: 9\nmlops-engineers: 1\n", "scientists: 2\nmlops-engineers: 1\n")
    proc = sphinx_build(s.srcdir, tmp_path / "out", *STRICT)
    assert proc.returncode != 0
    where = f"{PAGE}:{line_of(s, 'scientists: 2')}"
    assert re.search(
        rf"{re.escape(where)}: WARNING: example 'Nine scientists, one engineer': it illustrates "
        r"pitfall 'science-without-mlops', but staffing 1\.2\.0 raises no finding for it "
        r"\(it raises: nothing\) \[PC318\]",
        proc.stderr,
    ), proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_recommended_shape_with_a_finding_fails_the_build(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    s = site("playbook")
    edit(
        s,
        "mlops-shared: no\ndeploy-frequency: weekly",
        "mlops-shared: yes\ndeploy-frequency: weekly",
    )
    proc = sphinx_build(s.srcdir, tmp_path / "out", *STRICT)
    assert proc.returncode != 0
    assert (
        "WARNING: example 'A staffed team that ships weekly': it is a recommended shape, but "
        "staffing 1.2.0 raises medium-risk finding 'shared-mlops' (MLOps support shared with "
        "other teams), which contradicts it [PC318]"
    ) in proc.stderr, proc.stderr
    assert f"{PAGE}:{line_of(s, 'scientists: 3')}: WARNING" in proc.stderr


def test_a_recommended_topology_with_a_finding_fails_the_build(
    tmp_path: Path, site: Callable[[str], Site]
) -> None:
    s = site("playbook")
    edit(
        s,
        "members: {scientists: 2, ml-engineers: 2, product: 1}",
        "members: {scientists: 2, product: 1}",
    )
    proc = sphinx_build(s.srcdir, tmp_path / "out", *STRICT)
    assert proc.returncode != 0
    assert re.search(
        r"WARNING: example 'A team with its own ML engineers': it is a recommended shape, but "
        r"topology raises high-risk finding 'science-without-mlops-path/search'",
        proc.stderr,
    ), proc.stderr


def test_an_invalid_excerpt_is_located_in_the_page(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    edit(s, "mlops-engineers: 1\n", "mlops-engineers: one\n")
    s.build()
    line = line_of(s, "mlops-engineers: one")
    assert re.search(
        rf"examples\.md:{line}: WARNING: example 'Nine scientists, one engineer': error: "
        r"'mlops-engineers' is a count question; 'one' is not a whole number \[PC403\]",
        s.warnings,
    ), s.warnings
    assert "the example is invalid; see the build log." in s.html("examples")


def test_misused_options_warn(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    edit(s, ":checklist: staffing\n:recommended:\n", ":checklist: staffing\n")
    s.build()
    assert "give exactly one of :illustrates: PITFALL and :recommended:" in s.warnings


def test_a_changed_checklist_rebuilds_the_page_that_checks_it(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    s.build()
    assert "[PC318]" not in s.warnings
    edit(s, "below: 0.5}", "below: 0.1}", "checklists/staffing.yaml")
    s.build()
    assert "docs/examples" in s.reread
    assert "it illustrates pitfall 'science-without-mlops'" in s.warnings


FILE_EXAMPLE = """

:::{checked-example} The test organisation
:topology:
:file: /topology/org.yaml
:illustrates: science-without-mlops
:::
"""


def test_a_topology_file_is_checked_and_named(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    page = s.srcdir / PAGE
    page.write_text(page.read_text(encoding="utf-8") + FILE_EXAMPLE, encoding="utf-8")
    s.build()
    assert "example" not in s.warnings, s.warnings
    html = s.html("examples")
    assert "The example is the topology file <code" in html
    assert "/topology/org.yaml" in html


def test_a_file_that_is_not_a_regular_file_is_refused_without_blocking(
    site: Callable[[str], Site],
) -> None:
    s = site("playbook")
    os.mkfifo(s.srcdir / "topology" / "pipe.yaml")
    page = s.srcdir / PAGE
    text = FILE_EXAMPLE.replace("/topology/org.yaml", "/topology/pipe.yaml")
    page.write_text(page.read_text(encoding="utf-8") + text, encoding="utf-8")
    s.build()
    assert "checked-example file topology/pipe.yaml: " in s.warnings, s.warnings
    assert "[playbook.path]" in s.warnings
