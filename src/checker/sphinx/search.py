"""The site's search: Sphinx's own, given the playbook's vocabulary and a ranking that uses it.

* **Keywords in Sphinx's search index.** Each glossary term is also an index entry of the page its
  definition cites (the first ``{doc}`` or ``{pitfall}`` in it), and each pitfall's id, read as
  words ("central mlops bottleneck"), an entry of the pitfall's page; their words are the page's
  meta keywords, which Sphinx indexes as words of the page. They are added when a page is
  written, so they reach the search index (``searchindex.js``) but not the general index, which
  lists only what authors indexed. A glossary entry with several terms ("Inverse Conway
  manoeuvre", "Inverse Conway maneuver") gives the page every spelling.
* **A scorer** (``static/playbook-search.js``, installed as ``html_search_scorer`` unless the
  project has its own): it reads ratios as the site writes them ("2:1" as "two to one"), ignores
  words such as "vs" that no page uses to mean anything, leaves out a word that no page shares
  with the rest of the query instead of finding nothing, and ranks each page by how much of one
  of its titles or index entries the query covers.

Tests: ``tests/browser/test_search.py`` runs reader queries in Chromium; ``tests/sphinx/
test_search_keywords.py`` checks the index entries.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.addnodes import glossary, index, pending_xref
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import docname_join

from checker.constants import STATIC_DIR
from checker.sphinx.common import WarningType, pitfall_reference, warn
from checker.sphinx.data import PlaybookData

SCORER = STATIC_DIR / "playbook-search.js"
_WORD = re.compile(r"\w+")


def _use_scorer(app: Sphinx, config: Config) -> None:
    """Install the playbook's scorer, unless the project configured one of its own."""
    if config.html_search_scorer:
        return
    if not SCORER.is_file():
        warn(
            f"checker.sphinx: {SCORER.name} is missing from the installed package (looked in "
            f"{STATIC_DIR}); the site's search keeps Sphinx's ranking. Reinstall "
            "ml-team-playbook-checker from a complete wheel",
            None,
            WarningType.ASSETS,
        )
        return
    config.html_search_scorer = str(SCORER)


def _cited(definition: nodes.Element, docname: str) -> tuple[str, str] | None:
    """The first page a glossary definition cites: ("doc", docname) or ("pitfall", id)."""
    for node in definition.findall(nodes.Element):
        if isinstance(node, pitfall_reference):
            return ("pitfall", str(node["pitfall"]))
        if isinstance(node, pending_xref) and node.get("reftype") == "doc":
            target = str(node["reftarget"])
            return ("doc", target[1:] if target.startswith("/") else docname_join(docname, target))
    return None


def _collect_glossary(app: Sphinx, doctree: nodes.document) -> None:
    """Remember, for each glossary term, the page its definition cites, and which pages hold
    index entries (see :func:`_rewritten`)."""
    env = app.env
    keywords = PlaybookData(env).keywords
    found: list[tuple[str, str, str]] = []
    for terms in doctree.findall(glossary):
        for item in terms.findall(nodes.definition_list_item):
            definitions = [c for c in item.children if isinstance(c, nodes.definition)]
            if not definitions:
                continue
            cited = _cited(definitions[0], env.docname)
            if cited is None:
                continue
            for term in item.findall(nodes.term):
                found.append((term.astext(), *cited))
    if found or any(True for _ in doctree.findall(index)):
        keywords[env.docname] = found


def _keywords_for(app: Sphinx, docname: str) -> list[tuple[str, str]]:
    """The (keyword, anchor) pairs to index on ``docname``."""
    data = PlaybookData(app.env)
    out = []
    for entries in data.keywords.values():
        for text, kind, target in entries:
            if kind == "doc" and target == docname:
                out.append((text, ""))
            elif kind == "pitfall":
                entry = data.pitfalls.get(target)
                if entry is not None and entry.docname == docname:
                    out.append((text, entry.anchor))
    for entry in data.pitfalls.values():
        if entry.docname == docname:
            out.append((entry.id.replace("-", " "), entry.anchor))
    return sorted(set(out))


def _add_keywords(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Index entries for the page's keywords (what the scorer ranks by, and a whole-query match
    for Sphinx), and their words as meta keywords (so that Sphinx's word search finds the page
    by a word only its keywords hold, such as "postmortem")."""
    if app.builder.format != "html":
        return
    keywords = _keywords_for(app, docname)
    if not keywords:
        return
    entries = [("single", text, anchor, "main", None) for text, anchor in keywords]
    section = next(iter(doctree.findall(nodes.section)), None)
    (section if section is not None else doctree).append(index(entries=entries))
    words = sorted({w.lower() for text, _ in keywords for w in _WORD.findall(text)})
    doctree.insert(0, nodes.meta(name="keywords", content=", ".join(words)))


def _rewritten(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages to rewrite after any build that read pages: those whose keywords come from other
    pages (so the search index follows an edited glossary), and every page with index entries,
    which Sphinx drops from the search index when it does not rewrite their page
    (sphinx-doc/sphinx#12599)."""
    data = PlaybookData(env)
    pages = set(data.keywords)
    pages |= {t for entries in data.keywords.values() for _, kind, t in entries if kind == "doc"}
    pages |= {e.docname for e in data.pitfalls.values()}
    return sorted(p for p in pages if p in env.all_docs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _use_scorer)
    app.connect("doctree-read", _collect_glossary)
    app.connect("doctree-resolved", _add_keywords)
    app.connect("env-updated", _rewritten)
    return {}
