"""The browser form on checklist pages: rules exported as JSON and a small script.

The ``checklist`` directive puts a :class:`playbook_form` placeholder at the top of the checklist;
once every page is read, it becomes a hidden ``<div class="playbook-form" data-checklist="ID">``
that ``static/playbook-form.js`` fills in, and a ``<script type="application/json"
id="playbook-rules-ID">`` with the checklist (see :mod:`checker.sphinx.export`), the ids of the
checklists the site knows and the pitfall pages' titles and URLs. ``static/playbook-engine.js``
checks answers as ``playbook-check`` does (tests/conformance holds the vectors that prove it).
Without JavaScript the page says how to answer with the CLI and shows the rendered checklist.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from checker.model import Checklist
from checker.sphinx.common import checklist_paths
from checker.sphinx.engine_data import engine_limits
from checker.sphinx.export import checklist_json
from checker.sphinx.pitfalls import pitfall_url

SCRIPTS = (
    "vendor/js-yaml.min.js",
    "playbook-engine-data.js",
    "playbook-answers-validator.js",
    "playbook-engine.js",
    "playbook-form.js",
)


class playbook_form(nodes.General, nodes.Element):
    """Placeholder for the browser form of one checklist."""


def form_placeholder(checklist: Checklist) -> playbook_form:
    node = playbook_form()
    node["payload"] = checklist_json(checklist)
    return node


def _safe_json(data: Any) -> str:
    """JSON that cannot close the surrounding <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _resolve(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    for node in list(doctree.findall(playbook_form)):
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        payload = node["payload"]
        pitfalls = {}
        for finding in payload["findings"]:
            found = pitfall_url(app, finding["pitfall"], fromdoc)
            if found is not None:
                pitfalls[finding["pitfall"]] = {"title": found[1], "url": found[0]}
        cid = payload["id"]
        today = app.config.playbook_today
        attrs = f' data-today="{today}"' if today else ""
        known = [p.stem for p in checklist_paths(app)] or [cid]
        rules = {
            "checklist": payload,
            "pitfalls": pitfalls,
            "known": known,
            "limits": engine_limits(),
        }
        html = (
            f'<div class="playbook-form" data-checklist="{cid}"{attrs} hidden>'
            f'<h2 class="playbook-form-title" id="assess-{cid}">Assess your team</h2></div>\n'
            f'<noscript><p class="playbook-form-noscript">The form that scores your answers '
            f"needs JavaScript. Without it, start an answers file with "
            f"<code>playbook-check init {cid}</code> and check it with "
            f"<code>playbook-check validate</code>.</p></noscript>\n"
            f'<script type="application/json" id="playbook-rules-{cid}">'
            f"{_safe_json(rules)}</script>\n"
        )
        node.replace_self(nodes.raw("", html, format="html"))
        _note_at_top(doctree, cid)


def _note_at_top(doctree: nodes.document, cid: str) -> None:
    """Under the page title, a line saying that the form exists: in the page from the start, so
    nothing moves when the script runs; hidden by the stylesheet when scripting is off."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    note = (
        f'<p class="playbook-form-note"><a href="#assess-{cid}">Assess your team with '
        "the form on this page</a>: it scores your answers as you go, and your answers stay in "
        "your browser.</p>\n"
    )
    section.insert(1, nodes.raw("", note, format="html"))


def _add_scripts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is None or not any(
        True
        for _ in doctree.findall(
            lambda n: isinstance(n, nodes.raw) and 'class="playbook-form"' in n.astext()
        )
    ):
        return
    for script in SCRIPTS:
        app.add_js_file(script, loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_node(playbook_form)
    app.connect("doctree-resolved", _resolve)
    app.connect("html-page-context", _add_scripts)
