"""Large data tables kept as plain data in the doctree and rendered when the page is written.

An overview of hundreds of teams has thousands of cells; as docutils nodes every transform
walks them on every re-read. A :class:`data_table` node holds the rows as plain data instead
and becomes HTML (every string escaped) or, for other builders, a docutils table, once links
can be resolved. The first column holds row headers (``<th scope="row">``); the table sits in
a keyboard-focusable region that scrolls sideways on narrow screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from docutils import nodes
from sphinx.application import Sphinx

from checker.sphinx.data import PlaybookData


@dataclass(frozen=True, slots=True)
class TCell:
    """One cell: optional bold lead, text, a link target key and a CSS class."""

    text: str
    strong: str = ""
    link: str = ""
    cls: str = ""


class data_table(nodes.General, nodes.Element):
    """Placeholder for a table: ``label`` (the region's name), ``classes``, ``header`` and
    ``rows`` (lists of :class:`TCell`)."""


def make_data_table(
    label: str, classes: list[str], header: list[TCell], rows: list[list[TCell]]
) -> data_table:
    node = data_table()
    node["label"] = label
    node["table_classes"] = classes
    node["header"] = header
    node["rows"] = rows
    return node


def _uri(app: Sphinx, fromdoc: str, key: str) -> str | None:
    found = PlaybookData(app.env).targets.get(key) if key else None
    if found is None:
        return None
    docname, anchor = found
    uri = app.builder.get_relative_uri(fromdoc, docname)
    return uri + ("#" + anchor if anchor else "")


def _inner(app: Sphinx, fromdoc: str, cell: TCell) -> str:
    text = escape(cell.text)
    if cell.strong:
        detail = f' <span class="playbook-detail">{text}</span>' if text else ""
        text = f"<strong>{escape(cell.strong)}</strong>{detail}"
    uri = _uri(app, fromdoc, cell.link)
    if uri is not None:
        text = f'<a class="reference internal" href="{escape(uri)}">{text}</a>'
    return text


def _html(app: Sphinx, fromdoc: str, node: data_table) -> str:
    cls = escape(" ".join(node["table_classes"]))
    out = [
        f'<div class="playbook-scroll" role="region" tabindex="0" '
        f'aria-label="{escape(node["label"])}"><table class="{cls}"><thead><tr>'
    ]
    for cell in node["header"]:
        attr = f' class="{escape(cell.cls)}"' if cell.cls else ""
        out.append(f'<th scope="col"{attr}>{_inner(app, fromdoc, cell)}</th>')
    out.append("</tr></thead><tbody>")
    for row in node["rows"]:
        out.append("<tr>")
        for i, cell in enumerate(row):
            attr = f' class="{escape(cell.cls)}"' if cell.cls else ""
            tag = "th" if i == 0 else "td"
            scope = ' scope="row"' if i == 0 else ""
            out.append(f"<{tag}{scope}{attr}>{_inner(app, fromdoc, cell)}</{tag}>")
        out.append("</tr>\n")
    out.append("</tbody></table></div>")
    return "".join(out)


def _docutils(node: data_table) -> nodes.table:
    """A plain docutils table (links become text) for builders other than HTML."""
    header: list[TCell] = node["header"]
    table = nodes.table(classes=node["table_classes"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for i in range(len(header)):
        group += nodes.colspec(colwidth=10, stub=1 if i == 0 else 0)
    head, body = nodes.thead(), nodes.tbody()
    parts: list[tuple[nodes.Element, list[list[TCell]]]] = [(head, [header]), (body, node["rows"])]
    for part, rows in parts:
        for cells in rows:
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry()
                para = nodes.paragraph()
                if cell.strong:
                    para += nodes.strong(text=cell.strong)
                    para += nodes.Text(" ")
                para += nodes.Text(cell.text)
                entry += para
                row += entry
            part += row
    group += head
    group += body
    return table


def _resolve(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    for node in list(doctree.findall(data_table)):
        if app.builder.format == "html":
            node.replace_self(nodes.raw("", _html(app, fromdoc, node), format="html"))
        else:
            node.replace_self(_docutils(node))


def setup(app: Sphinx) -> None:
    app.add_node(data_table)
    app.connect("doctree-resolved", _resolve)
