"""Page metadata for search results and shared links: a description, Open Graph and a card.

Each HTML page gets ``<meta name="description">`` (the page's ``description`` front matter, else
its first paragraph, clipped at a word to 155 characters; pages without text, such as the search
page, get ``playbook_site_description``), and ``og:title``, ``og:description``, ``og:type``,
``og:site_name`` and ``twitter:card`` (with ``og:url`` when ``html_baseurl`` is set). A page that
already has a description keeps it; with ``sphinxext.opengraph`` loaded, the Open Graph tags are
left to it. Every value is escaped: page text never becomes markup.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

LIMIT = 155
"""Search engines show about this many characters of a description."""


def clip(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:\u2013\u2014- ")
    return cut + "…"


def _first_paragraph(doctree: nodes.document) -> str:
    for para in doctree.findall(nodes.paragraph):
        if any(
            isinstance(a, (nodes.Admonition, nodes.table, nodes.sidebar)) for a in _ancestors(para)
        ):
            continue
        text = _plain(para).strip()
        if len(text) >= 40:
            return text
    return ""


def _plain(node: nodes.Node) -> str:
    """A node's text without its risk badges ("high risk" is a label, not a sentence)."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, nodes.Element) and "playbook-risk" in node.get("classes", []):
        return ""
    return "".join(_plain(child) for child in node.children)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def describe(app: Sphinx, pagename: str, doctree: nodes.document | None) -> str:
    """The page's description: its front matter, its first paragraph, else the site's."""
    meta = app.env.metadata.get(pagename, {}) if doctree is not None else {}
    text = str(meta.get("description", "")) or (_first_paragraph(doctree) if doctree else "")
    return clip(text or str(app.config.playbook_site_description) or str(app.config.project))


def _tag(attr: str, name: str, content: str) -> str:
    return f'<meta {attr}="{escape(name)}" content="{escape(content)}" />\n'


def _add_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    tags = str(context.get("metatags", ""))
    description = describe(app, pagename, doctree)
    added = ""
    if 'name="description"' not in tags:
        added += _tag("name", "description", description)
    if "sphinxext.opengraph" not in app.extensions:
        title = app.env.titles[pagename].astext() if pagename in app.env.titles else ""
        site = str(app.config.html_title or app.config.project)
        added += _tag("property", "og:title", title or site)
        added += _tag("property", "og:description", description)
        added += _tag("property", "og:type", "website")
        added += _tag("property", "og:site_name", site)
        if context.get("pageurl"):
            added += _tag("property", "og:url", str(context["pageurl"]))
        added += _tag("name", "twitter:card", "summary")
    context["metatags"] = tags + added


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "playbook_site_description",
        "",
        "html",
        types=frozenset({str}),
        description="Description of pages that have no text of their own (search, index).",
    )
    app.connect("html-page-context", _add_metadata)
