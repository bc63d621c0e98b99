"""The browser form on checklist pages: rules exported as JSON and a small script.

The ``checklist`` directive adds a :class:`playbook_form` placeholder; once every page is read,
it becomes a hidden ``<div class="playbook-form" data-checklist="ID">`` that
``static/playbook-form.js`` fills in, and a ``<script type="application/json"
id="playbook-rules-ID">`` with the checklist (see :mod:`checker.sphinx.export`) and
the pitfall pages' titles and URLs. Without JavaScript the page shows the rendered checklist only.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from checker.model import Checklist
from checker.sphinx.data import PlaybookData
from checker.sphinx.export import checklist_json

SCRIPTS = ("vendor/js-yaml.min.js", "playbook-form.js")


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
    data = PlaybookData(app.env)
    for node in list(doctree.findall(playbook_form)):
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        payload = node["payload"]
        pitfalls = {}
        for finding in payload["findings"]:
            entry = data.pitfalls.get(finding["pitfall"])
            if entry is not None:
                uri = app.builder.get_relative_uri(fromdoc, entry.docname) + "#" + entry.anchor
                pitfalls[entry.id] = {"title": entry.title, "url": uri}
        cid = payload["id"]
        today = app.config.playbook_today
        attrs = f' data-today="{today}"' if today else ""
        html = (
            f'<div class="playbook-form" data-checklist="{cid}"{attrs} hidden>'
            f'<h2 class="playbook-form-title">Assess your team</h2></div>\n'
            f'<script type="application/json" id="playbook-rules-{cid}">'
            f"{_safe_json({'checklist': payload, 'pitfalls': pitfalls})}</script>\n"
        )
        node.replace_self(nodes.raw("", html, format="html"))


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
