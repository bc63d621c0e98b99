"""Shared pieces: loading YAML for directives, warnings at YAML locations, small nodes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import safe_resolve
from checker.model import Checklist
from checker.registry import ChecklistRegistry, bundled_dir
from checker.textsafe import neutralise
from checker.validate.checklist import load_checklist

logger = logging.getLogger("checker.sphinx")

RISK_CLASSES = {
    "high": ["sd-bg-danger", "sd-bg-text-danger"],
    "medium": ["sd-bg-warning", "sd-bg-text-warning"],
    "low": ["sd-bg-info", "sd-bg-text-info"],
}

_CACHE: dict[tuple[str, int, int], Checklist | CheckerError] = {}


class pitfall_reference(nodes.Inline, nodes.Element):
    """A link to a pitfall by id, resolved once every page has been read."""


def risk_badge(risk: str, text: str | None = None) -> nodes.inline:
    """A sphinx-design badge for a risk level."""
    classes = ["sd-sphinx-override", "sd-badge", "playbook-risk", f"playbook-risk-{risk}"]
    label = text if text is not None else f"{risk} risk"
    return nodes.inline(label, label, classes=classes + RISK_CLASSES.get(risk, []))


def pitfall_ref(pitfall_id: str, location: str | None = None) -> pitfall_reference:
    node = pitfall_reference(pitfall_id, pitfall=pitfall_id)
    if location:
        node["yaml_location"] = location
    node += nodes.Text(pitfall_id)
    return node


class WarningType(StrEnum):
    """Subtypes of the extension's warnings (type ``playbook``), each usable in
    ``suppress_warnings`` as ``playbook.<subtype>``; documented in docs/reference/sphinx.md."""

    ANSWERS = "answers"
    """An answers file is invalid (its diagnostics, located in the YAML file)."""
    CHECKLIST = "checklist"
    """A checklist is missing, invalid or has a bad id."""
    PATH = "path"
    """A directive's path argument does not exist or is not what it should be."""
    PITFALL = "pitfall"
    """A pitfall directive has a bad id."""
    REF = "ref"
    """A reference to an unknown pitfall."""
    ASSETS = "assets"
    """The installed package lacks its static files (stylesheet, form scripts)."""
    OVERVIEW = "overview"
    """The organisation overview: a team name in two folders, two assessments for one date,
    a bad groups file (PC414, PC603, PC604)."""
    REPORT = "report"
    """A JSON report read by the overview or an assessment is not a valid report, lists an
    invalid file, or holds no assessment."""
    TOPOLOGY = "topology"
    """A topology file is invalid (its diagnostics, located in the YAML file)."""
    EXAMPLE = "example"
    """A ``checked-example`` disagrees with its page (PC318), is invalid, or is misused."""
    COLLECTION = "collection"
    """The organisation's collection (``playbook_collection``): a broken index (PC610), an
    assessment dated in the future (PC611), a bad groups file (PC604)."""


def html_id(*parts: str) -> str:
    """An HTML id made of ``parts`` (any text, such as a team's checklist id or date): ASCII
    lower-case letters, digits and hyphens, starting with a letter (docutils' ``make_id``), so
    it is plain in ``id=``, ``href="#…"`` and ``aria-*`` whatever a team wrote. Never empty."""
    return nodes.make_id("-".join(p for p in parts if p)) or "id"


def unique_id(env: BuildEnvironment, base: str) -> str:
    """``base`` (an :func:`html_id`), or ``base-2``, ``base-3``... : unique among the ids the
    extension gives in the page being read."""
    used: set[str] = env.temp_data.setdefault("playbook-ids", set())  # type: ignore[assignment]
    unique, n = base, 1
    while unique in used:
        n += 1
        unique = f"{base}-{n}"
    used.add(unique)
    return unique


def warn(
    message: str,
    location: str | tuple[str | None, int | None] | nodes.Node | None,
    subtype: WarningType,
) -> None:
    """A located Sphinx warning; its text and location are neutralised (no terminal escapes)."""
    if isinstance(location, str):
        location = neutralise(location)
    logger.warning(neutralise(message), location=location, type="playbook", subtype=subtype.value)


def warn_diagnostics(diagnostics: Iterable[Diagnostic], subtype: WarningType) -> None:
    """Report checker diagnostics as Sphinx warnings located in the YAML file."""
    for d in diagnostics:
        text = f"{d.message} [{d.code}]" + (f" (hint: {d.hint})" if d.hint else "")
        if d.severity.value == "error":
            warn(text, f"{d.file}:{d.line}", subtype)
        else:
            logger.info(neutralise(f"{d.file}:{d.line}: {text}"))


def checklist_dir(app: Sphinx) -> Path:
    """``playbook_checklist_dir``, resolved against the configuration directory."""
    return (Path(app.confdir) / str(app.config.playbook_checklist_dir)).resolve()


def checklist_dirs(app: Sphinx) -> list[Path]:
    """Where checklists are found, first match wins for an id: ``playbook_checklist_dir``, then
    the checklists bundled with the package (as ``playbook-check`` finds them)."""
    dirs = [checklist_dir(app)]
    bundled = safe_resolve(bundled_dir())
    if bundled is not None and bundled not in dirs:
        dirs.append(bundled)
    return dirs


def checklist_path(app: Sphinx, checklist_id: str) -> Path:
    """The file of checklist ``checklist_id``: the first directory that has it, else the path
    it would have in ``playbook_checklist_dir`` (for messages and dependencies)."""
    found = ChecklistRegistry(checklist_dirs(app)).path_of(checklist_id)
    return found if found is not None else checklist_dir(app) / f"{checklist_id}.yaml"


def checklist_paths(app: Sphinx) -> list[Path]:
    """One file per checklist id, in id order (a local file shadows a bundled one)."""
    found = ChecklistRegistry(checklist_dirs(app)).locations()
    return [paths[0] for paths in found.values()]


def is_bundled(app: Sphinx, path: Path) -> bool:
    """Whether ``path`` is one of the package's checklists rather than the site's own."""
    own, bundled = checklist_dir(app), safe_resolve(bundled_dir())
    return bundled is not None and bundled != own and path.parent == bundled


def display_path(app: Sphinx, path: Path) -> str:
    """A path relative to the configuration directory, for messages: the path as named (a
    symlink is not followed, so a link to a device keeps its own name), else resolved."""
    conf = Path(app.confdir)
    pairs = (
        (Path(os.path.abspath(path)), Path(os.path.abspath(conf))),
        (safe_resolve(path), safe_resolve(conf)),
    )
    for candidate, base in pairs:
        if candidate is not None and base is not None and candidate.is_relative_to(base):
            return str(candidate.relative_to(base))
    return str(path)


def load_cached_checklist(app: Sphinx, path: Path) -> Checklist | CheckerError:
    """Load a checklist once per process and file version."""
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except (OSError, ValueError):  # a dangling link or a loop: the loader says what is wrong
        key = (str(path), -1, -1)
    if key not in _CACHE:
        try:
            _CACHE[key] = load_checklist(path, display=display_path(app, path))
        except CheckerError as exc:
            _CACHE[key] = exc
    return _CACHE[key]


def all_checklists(app: Sphinx) -> list[Checklist]:
    """Every valid checklist in the checklist directory (invalid ones are skipped)."""
    loaded = [load_cached_checklist(app, p) for p in checklist_paths(app)]
    return [c for c in loaded if isinstance(c, Checklist)]


def resolve_source_path(app: Sphinx, docname: str, argument: str) -> Path | None:
    """The file a directive argument names: ``/x`` from the source root, else relative to the
    page. ``None`` when it would leave the source root."""
    srcdir = Path(app.srcdir).resolve()
    if argument.startswith("/"):
        candidate = srcdir / argument.lstrip("/")
    else:
        candidate = (srcdir / docname).parent / argument
    resolved = safe_resolve(candidate)
    if resolved is None or not resolved.is_relative_to(srcdir):
        return None
    return resolved


def inside_sources(app: Sphinx, path: Path) -> bool:
    """Whether ``path``, symlinks followed, stays inside the documentation sources."""
    resolved = safe_resolve(path)
    return resolved is not None and resolved.is_relative_to(Path(app.srcdir).resolve())


Cell = str | nodes.Node


def make_table(
    classes: list[str],
    header: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    widths: list[int] | None = None,
) -> nodes.table:
    """A docutils table; string cells become paragraphs (so their text is escaped)."""
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths or [10] * len(header):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row(header)
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += head
    group += body
    return table


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += nodes.paragraph(text=cell) if isinstance(cell, str) else cell
        row += entry
    return row


class playbook_link(nodes.Inline, nodes.TextElement):
    """A link to a target the extension records (``checklist:<id>``, ``team:<folder>``),
    resolved once every page has been read; plain text when no page has the target."""


def page_link(key: str, text: str) -> playbook_link:
    return playbook_link(text, text, target=key)


def resolve_links(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    from checker.sphinx.data import PlaybookData

    targets = PlaybookData(app.env).targets
    for node in list(doctree.findall(playbook_link)):
        found = targets.get(node["target"])
        if found is None:
            node.replace_self(nodes.inline("", "", *node.children))
            continue
        docname, anchor = found
        uri = app.builder.get_relative_uri(fromdoc, docname)
        if anchor:
            uri += "#" + anchor
        ref = nodes.reference("", "", *node.children, internal=True, refuri=uri)
        node.replace_self(ref)


class playbook_html(nodes.General, nodes.Element):
    """A wrapper rendered as an HTML element with attributes (``tag``, ``attrs``); its children
    are rendered normally. Other builders render only the children."""


def html_wrapper(tag: str, attrs: dict[str, str], *children: nodes.Node) -> playbook_html:
    node = playbook_html("", *children)
    node["tag"] = tag
    node["attrs"] = attrs
    return node


def _visit_html(self: object, node: playbook_html) -> None:
    from html import escape

    attrs = "".join(f' {k}="{escape(v)}"' for k, v in node["attrs"].items())
    self.body.append(f"<{node['tag']}{attrs}>")  # type: ignore[attr-defined]


def _depart_html(self: object, node: playbook_html) -> None:
    self.body.append(f"</{node['tag']}>")  # type: ignore[attr-defined]


def _skip(self: object, node: nodes.Node) -> None:
    pass


def add_nodes(app: Sphinx) -> None:
    app.add_node(
        playbook_html,
        html=(_visit_html, _depart_html),
        latex=(_skip, _skip),
        text=(_skip, _skip),
        man=(_skip, _skip),
        texinfo=(_skip, _skip),
    )
    app.add_node(playbook_link)
    app.connect("doctree-resolved", resolve_links)


def add_scripts_if(
    app: Sphinx, doctree: nodes.document | None, css_class: str, *scripts: str
) -> None:
    """Add ``scripts`` (deferred) to a page whose doctree has a container with ``css_class``:
    each script is loaded only where it has something to work on."""
    if doctree is not None and any(
        css_class in n["classes"] for n in doctree.findall(nodes.container)
    ):
        for script in scripts:
            app.add_js_file(script, loading_method="defer")
