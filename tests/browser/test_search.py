"""The site's search, run in Chromium as readers use it: the page that answers each query is
among the first three results (checker/sphinx/search.py, static/playbook-search.js)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

# Reader queries and the page that answers each: the two, a US spelling and a word the
# site writes differently (glossary spellings), pitfalls by their names and by a description, a
# glossary term whose definition cites its page, and questions with words no page uses.
QUERIES = {
    "2:1": "docs/roles/staffing",
    "ML platform team vs embedded ML engineers": "docs/roles/mlops",
    "inverse Conway maneuver": "docs/framework/conways-law",
    "blameless postmortems": "docs/pitfalls/blame-culture",
    "central MLOps bottleneck": "docs/pitfalls/central-mlops-bottleneck",
    "throw the model over the wall": "docs/pitfalls/prototype-over-the-wall",
    "SR 11-7 model risk": "docs/pitfalls/late-regulatory-requirements",
    "X-as-a-service": "docs/framework/interaction-modes",
    "how many MLOps engineers per data scientist": "docs/roles/staffing",
    "batch vs online prediction": "docs/principles/inference-modes",
    "when to spin out a team": "docs/evolution/spinning-out",
    "cognitive load of a team": "docs/framework/cognitive-load",
}


def search(page: Any, base: str, query: str) -> list[str]:
    """The pages the site's search lists for ``query``, best first (docnames)."""
    page.goto(f"{base}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s && s.textContent.trim() !== ''; }"
    )
    hrefs: list[str] = page.eval_on_selector_all(
        "#search-results ul.search > li > a", "els => els.map(a => a.getAttribute('href'))"
    )
    pages: list[str] = []
    for href in hrefs:
        doc = href.split("#")[0].removesuffix(".html")
        if doc not in pages:
            pages.append(doc)
    return pages


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_the_answering_page_is_in_the_first_three(
    served: dict[str, str], page: Any, query: str
) -> None:
    found = search(page, served["real"], query)
    assert QUERIES[query] in found[:3], found[:5]


def test_a_word_no_page_holds_still_finds_the_rest(served: dict[str, str], page: Any) -> None:
    """Sphinx finds only pages holding every word; one stray word no longer finds nothing."""
    assert "docs/framework/cognitive-load" in search(page, served["real"], "cognitive load")[:3]
    found = search(page, served["real"], "cognitive load xyzzy")
    assert "docs/framework/cognitive-load" in found[:3], found[:5]
    assert search(page, served["real"], "xyzzy") == []
