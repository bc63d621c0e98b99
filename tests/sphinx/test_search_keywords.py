"""The site's vocabulary reaches Sphinx's search index: glossary terms on the pages their
definitions cite, pitfall ids on the pitfall pages, and the playbook's scorer in the search page."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.search.en import SearchEnglish

from checker.sphinx import search
from tests.sphinx.conftest import Site

GLOSSARY = """# Glossary

```{glossary}
Inverse Conway manoeuvre
Inverse Conway maneuver
  Designing teams to get the architecture you want. See {doc}`recs`.

Backlog coupling
  One team waits for another's backlog. See {pitfall}`central-mlops-bottleneck`.

Holdout
  Data kept out of training, defined here only.
```
"""


def _with_glossary(site: Callable[[str], Site], text: str = GLOSSARY) -> Site:
    s = site("playbook")
    (s.srcdir / "docs" / "glossary.md").write_text(text, encoding="utf-8")
    index = s.srcdir / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("xss\n", "xss\nglossary\n"))
    return s


def _index(s: Site) -> dict[str, Any]:
    text = (s.srcdir / "_build" / "html" / "searchindex.js").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    return data


def _files(found: int | list[int]) -> list[int]:
    return [found] if isinstance(found, int) else found


def _entries(data: dict[str, Any]) -> dict[str, set[tuple[str, str]]]:
    """Index entry -> {(docname, anchor)}."""
    names = data["docnames"]
    return {
        entry: {(names[f], anchor) for f, anchor, _main in found}
        for entry, found in data["indexentries"].items()
    }


def test_glossary_terms_and_pitfall_ids_index_the_pages_that_answer(
    site: Callable[[str], Site],
) -> None:
    s = _with_glossary(site)
    s.build()
    assert "WARNING" not in s.warnings, s.warnings
    entries = _entries(_index(s))
    # Every spelling of a term leads to the page its definition cites, and to the definition.
    for term in ("inverse conway manoeuvre", "inverse conway maneuver"):
        assert ("docs/recs", "") in entries[term], entries[term]
        assert any(doc == "docs/glossary" for doc, _ in entries[term])
    assert ("docs/pitfalls", "pitfall-central-mlops-bottleneck") in entries["backlog coupling"]
    assert {doc for doc, _ in entries["holdout"]} == {"docs/glossary"}  # it cites no page
    # A pitfall's id, read as words, leads to its definition.
    assert entries["central mlops bottleneck"] == {
        ("docs/pitfalls", "pitfall-central-mlops-bottleneck")
    }
    # The words of a page's keywords are words of the page for Sphinx's search...
    recs = s.html("recs")
    assert '<meta content="conway, inverse, maneuver, manoeuvre" name="keywords" />' in recs
    data = _index(s)
    stem = SearchEnglish({}).stem("maneuver")
    assert data["docnames"].index("docs/recs") in _files(data["terms"][stem])
    # ...but the general index lists only what authors indexed (here: the glossary).
    genindex = (s.srcdir / "_build" / "html" / "genindex.html").read_text(encoding="utf-8")
    assert "glossary.html#term-Inverse-Conway-maneuver" in genindex
    assert "recs.html" not in genindex


def test_an_edited_glossary_moves_the_keywords_without_a_fresh_build(
    site: Callable[[str], Site],
) -> None:
    s = _with_glossary(site)
    s.build()
    glossary = s.srcdir / "docs" / "glossary.md"
    glossary.write_text(GLOSSARY.replace("{doc}`recs`", "{doc}`search`"), encoding="utf-8")
    s.build()
    assert s.reread == ["docs/glossary"]
    entries = _entries(_index(s))["inverse conway maneuver"]
    assert ("docs/search", "") in entries and ("docs/recs", "") not in entries
    assert 'name="keywords"' not in s.html("recs")


def test_the_search_page_ranks_with_the_playbook_scorer(site: Callable[[str], Site]) -> None:
    s = site("playbook")
    s.build()
    language = (s.srcdir / "_build" / "html" / "_static" / "language_data.js").read_text()
    assert "var PlaybookSearch" in language and "var Scorer" in language


def test_a_project_scorer_is_kept(site: Callable[[str], Site], tmp_path: Path) -> None:
    own = tmp_path / "scorer.js"
    own.write_text("var Scorer = {ownScorer: true};\n", encoding="utf-8")
    s = site("playbook")
    s.build(html_search_scorer=str(own))
    language = (s.srcdir / "_build" / "html" / "_static" / "language_data.js").read_text()
    assert "ownScorer" in language and "PlaybookSearch" not in language


def test_pages_with_index_entries_are_rewritten_after_any_read(
    site: Callable[[str], Site],
) -> None:
    """Sphinx keeps a page's index entries in the search index only when it writes the page
    (sphinx-doc/sphinx#12599): every page with entries, given or its own, is rewritten."""
    s = _with_glossary(site)
    app = s.build()
    rewritten = search._rewritten(app, app.env)
    assert {"docs/glossary", "docs/recs", "docs/pitfalls"} <= set(rewritten)
    assert "docs/xss" not in rewritten
