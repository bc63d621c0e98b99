"""Site-wide fixes for HTML output: an ``index.html`` at the root, and headings with levels.

* When ``root_doc`` is not ``index`` (this site's is ``docs/index``), the output root has no
  ``index.html``: ``make serve`` shows a directory listing and static hosts answer 404. The
  build writes a small page there that redirects to the root document (and links to it).
* The theme's two sidebars are ``<aside>`` landmarks without names; a template override
  (``templates/page.html``) names them.
* Wide SVG figures would shrink their text to about 6 px on a phone: each figure with an SVG
  image sits in a keyboard-focusable region that, on narrow screens, keeps the picture wide
  enough to read and scrolls sideways (see ``playbook.css``).
* Sphinx renders toctree captions as ``<p class="caption" role="heading">`` without
  ``aria-level``, which ARIA requires; every page, including the theme's navigation, gets
  ``aria-level="2"`` on them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from checker.output import write_atomic
from checker.sphinx.common import html_wrapper

_CAPTION = 'class="caption" role="heading"'
_CAPTION_FIXED = 'class="caption" role="heading" aria-level="2"'


def _fix_captions(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    for key in ("body", "furo_navigation_tree", "toc"):
        value = context.get(key)
        if isinstance(value, str) and _CAPTION in value:
            context[key] = value.replace(_CAPTION, _CAPTION_FIXED)


def _wrap_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for figure in list(doctree.findall(nodes.figure)):
        images = list(figure.findall(nodes.image))
        if not images or not str(images[0].get("uri", "")).endswith(".svg"):
            continue
        captions = list(figure.findall(nodes.caption))
        label = captions[0].astext() if captions else images[0].get("alt", "Figure")
        wrapper = html_wrapper(
            "div",
            {
                "class": "playbook-figure-scroll",
                "role": "region",
                "tabindex": "0",
                "aria-label": label,
            },
        )
        figure.replace_self(wrapper)
        wrapper += figure


def _write_root_index(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    root = app.config.root_doc
    if root == "index" or not hasattr(app.builder, "get_target_uri"):
        return
    target = app.builder.get_target_uri(root)
    title = escape(app.config.html_title or app.config.project)
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
        f'<link rel="canonical" href="{escape(target)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "</head><body><main>\n"
        f'<p><a href="{escape(target)}">{title}</a></p>\n'
        "</main></body></html>\n"
    )
    write_atomic(Path(app.outdir) / "index.html", html, force=True)


def _add_templates(app: Sphinx, config: Config) -> None:
    config.templates_path.append(str(Path(__file__).resolve().parent / "templates"))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    # After the theme's own html-page-context handler, which builds the navigation tree.
    app.connect("html-page-context", _fix_captions, priority=900)
    app.connect("build-finished", _write_root_index)
    app.connect("doctree-resolved", _wrap_figures)
