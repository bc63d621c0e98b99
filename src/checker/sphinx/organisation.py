"""The organisation site: every team's reports, collected by ``playbook-check collect``.

Configuration: ``playbook_collection`` (the collection's folder, relative to the configuration
directory) and ``playbook_groups`` (a YAML file mapping group names to repository paths; empty:
teams are grouped by their repository's owner). ``playbook-check org init`` writes both.

- The ``{organisation}`` directive (the index): how many teams and groups, a heat-map of mean
  scores by group and checklist, the groups with links to their pages, and each checklist's
  trend across the organisation.
- A page per group (``org/<group>``, split every 50 teams) with one row per team: badge, open
  findings, and per checklist the newest score and level, its date, checklist version and
  commit, and a sparkline of its trend.
- A page per team (``org/teams/<repository>/<team>``): badge and how to embed it, the newest
  assessments with their provenance, and per checklist the trend, section scores and open
  findings (read from the stored report with the one strict report reader).
- Badges (``org/badges/<repository>/<team>.svg``, and one per checklist beside it).

Group and team pages are drawn from plain data (``html-collect-pages``), not read as documents;
each is written again only when what it shows changed. Each repository's index is read once
and kept in ``<doctreedir>/playbook-collection/`` while its file is unchanged, so an
incremental build after one new report reads one index and writes three pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import CONFIG_OK, BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from checker import __version__
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink
from checker.load.files import file_stamp
from checker.org import badge
from checker.org.history import Group, Latest, Team, group_teams, organisation_trend, teams_of
from checker.org.store import INDEX, Collection, check_index, read_json, repository_key
from checker.report.types import FindingEntry
from checker.report.util import plural
from checker.sphinx import charts, org_html
from checker.sphinx.common import WarningType, checklist_dir, display_path, warn
from checker.sphinx.data import PlaybookData

CACHE_DIR = "playbook-collection"
PAGES_FILE = "playbook-org-pages.pickle"
_CACHE_VERSION = 2
_DIGESTS = "org_digests"


@dataclass
class Model:
    """The organisation as the site shows it."""

    root: Path
    teams: list[Team]
    groups: list[Group]
    checklists: list[org_html.Current]
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (message, location)
    digest: str = ""

    where: dict[str, tuple[Group, str]] = field(default_factory=dict)  # team -> group, page

    def group_of(self, team: Team) -> Group:
        return self.where[team.key][0]

    def page_of(self, team: Team) -> str:
        """The group page that lists ``team``."""
        return self.where[team.key][1]


def _today(app: Sphinx) -> dt.date:
    value = app.config.playbook_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _collection_dir(app: Sphinx) -> Path | None:
    value = str(app.config.playbook_collection or "")
    if not value:
        return None
    return (Path(app.confdir) / value).resolve()


# --- reading the collection, cached -----------------------------------------------------


class _RepoCache:
    """Each repository's teams, kept while its index file is unchanged: one small pickle per
    repository in ``<doctreedir>/playbook-collection/``, so a new report rewrites one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.changed: set[str] = set()
        self.entries: dict[str, tuple[Any, ...]] = {}

    def _file(self, key: str) -> Path:
        return self.folder / (hashlib.sha1(key.encode()).hexdigest()[:20] + ".pickle")

    def get(self, key: str) -> tuple[Any, ...] | None:
        try:
            with self._file(key).open("rb") as fh:
                version, found, entry = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return None
        if version != (_CACHE_VERSION, __version__) or found != key:
            return None
        return tuple(entry)

    def put(self, key: str, entry: tuple[Any, ...]) -> None:
        self.entries[key] = entry
        self.changed.add(key)

    def save(self) -> None:
        if not self.changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for key in sorted(self.changed):
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".playbook-collection-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    entry = ((_CACHE_VERSION, __version__), key, self.entries[key])
                    pickle.dump(entry, fh, protocol=5)
                os.replace(tmp, self._file(key))
            finally:
                Path(tmp).unlink(missing_ok=True)
        self.changed.clear()


def _repository(
    collection: Collection, key: str, today: dt.date, cache: _RepoCache, app: Sphinx
) -> tuple[list[Team], list[tuple[str, str]]]:
    path = collection.index_path(key)
    stamp = file_stamp(path)
    hit = cache.get(key)
    if hit is not None and hit[0] == stamp and hit[1] == today:
        return hit[2], hit[3]
    display = display_path(app, path)
    warnings: list[tuple[str, str]] = []
    teams: list[Team] = []
    if stamp is None:
        warnings.append(
            (
                f"the collection lists {key!r}, which has no {INDEX} [PC610] (hint: run "
                "playbook-check collect again to rebuild it)",
                display,
            )
        )
    else:
        try:
            data = read_json(path, display, "PC610", "collection index")
            problems = check_index(data, key, display)
        except CheckerError as exc:
            problems = exc.diagnostics
        if problems:
            warnings += [(_said(d), f"{d.file}:{d.line}") for d in problems]
        else:
            teams, found = teams_of(data, today, display_path(app, path.parent))
            warnings += [(_said(d), d.file) for d in found]
    cache.put(key, (stamp, today, teams, warnings))
    return teams, warnings


def _said(d: Diagnostic) -> str:
    return f"{d.message} [{d.code}]" + (f" (hint: {d.hint})" if d.hint else "")


def _groups_mapping(
    app: Sphinx, warnings: list[tuple[str, str]]
) -> list[tuple[str, set[str]]] | None:
    value = str(app.config.playbook_groups or "")
    if not value:
        return None
    path = (Path(app.confdir) / value).resolve()
    display = display_path(app, path)
    if not path.is_file():
        warnings.append((f"groups file {value!r} not found [PC604]", display))
        return None
    from checker.load.yaml import load_path

    try:
        doc = load_path(path, display=display)
    except CheckerError as exc:
        warnings += [(_said(d), f"{d.file}:{d.line}") for d in exc.diagnostics]
        return None
    sink = DiagnosticSink(display, doc.source_map)
    out: list[tuple[str, set[str]]] = []
    if not isinstance(doc.data, dict):
        sink.add("PC604", "a groups file maps group names to lists of repository paths", ())
    else:
        for name, members in doc.data.items():
            if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
                sink.add("PC604", f"group {name!r} should be a list of repository paths", (name,))
                continue
            keys = set()
            for i, member in enumerate(members):
                key = repository_key(member)
                if key is None:
                    sink.add("PC604", f"{member!r} is not a repository path", (name, i))
                else:
                    keys.add(key)
            out.append((" ".join(str(name).split())[:200] or "Unnamed group", keys))
    warnings += [(_said(d), f"{d.file}:{d.line}") for d in sink.items]
    return out


def _current(app: Sphinx, teams: list[Team]) -> list[org_html.Current]:
    """The checklists the teams were assessed with, as the site knows them (its checklist
    folder, then the bundled ones), else as their newest report names them."""
    from checker.registry import ChecklistRegistry, bundled_dir

    registry = ChecklistRegistry([checklist_dir(app), bundled_dir()])
    newest: dict[str, Latest] = {}
    for t in teams:
        for cid, a in t.latest.items():
            if cid not in newest or a.when > newest[cid].when:
                newest[cid] = a
    out = []
    for cid, a in newest.items():
        try:
            checklist = registry.get(cid)
        except CheckerError:
            checklist = None
        if checklist is not None:
            out.append(org_html.Current(cid, checklist.title, checklist.version_text, True))
        else:
            out.append(org_html.Current(cid, a.title, a.version, False))
    return sorted(out, key=lambda c: (c.title.casefold(), c.id))


def load_model(app: Sphinx) -> Model | None:
    """The organisation (None without ``playbook_collection``), read once per build."""
    cached: Model | None = getattr(app, "_playbook_org", None)
    if cached is not None:
        return cached
    root = _collection_dir(app)
    if root is None:
        return None
    collection = Collection(root)
    warnings: list[tuple[str, str]] = []
    teams: list[Team] = []
    if not root.is_dir():
        warnings.append(
            (
                f"playbook_collection {app.config.playbook_collection!r} is not a folder; "
                "collect reports into it with playbook-check collect REPORT... --into "
                f"{app.config.playbook_collection}",
                display_path(app, root),
            )
        )
    elif collection.is_collection():
        try:
            keys = collection.repositories()
        except CheckerError as exc:
            keys = []
            warnings += [(_said(d), d.file) for d in exc.diagnostics]
        cache = _RepoCache(Path(app.doctreedir) / CACHE_DIR)
        today = _today(app)
        for key in keys:
            found, problems = _repository(collection, key, today, cache, app)
            teams += found
            warnings += problems
        cache.save()
    teams.sort(key=lambda t: (t.name.casefold(), t.repository, t.slug))
    groups = group_teams(teams, _groups_mapping(app, warnings))
    model = Model(root, teams, groups, _current(app, teams), warnings)
    for g in groups:
        for i, page in enumerate(g.pages):
            for t in g.chunk(i):
                model.where[t.key] = (g, page)
    model.digest = hashlib.sha256(
        repr(
            (
                [(t.key, t.digest()) for t in teams],
                [(g.name, g.slug, [t.key for t in g.teams]) for g in groups],
                model.checklists,
            )
        ).encode()
    ).hexdigest()[:20]
    app._playbook_org = model  # type: ignore[attr-defined]
    return model


# --- build events ---------------------------------------------------------------------------


def _inited(app: Sphinx) -> None:
    model = load_model(app)
    if model is None:
        return
    for message, location in model.warnings:
        warn(message, location, WarningType.COLLECTION)


def _digests(env: BuildEnvironment) -> dict[str, str]:
    store: dict[str, Any] = PlaybookData(env)._store
    digests: dict[str, str] = store.setdefault(_DIGESTS, {})
    return digests


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    model = load_model(app)
    if model is None:
        return []
    return sorted(d for d, digest in _digests(env).items() if digest != model.digest)


def _purge(_app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _digests(env).pop(docname, None)


def _merge(_app: Sphinx, env: BuildEnvironment, docnames: Any, other: BuildEnvironment) -> None:
    mine, theirs = _digests(env), _digests(other)
    for doc in docnames:
        if doc in theirs:
            mine[doc] = theirs[doc]


class OrganisationDirective(SphinxDirective):
    """``{organisation}``: the collection's overview (see the module's docstring)."""

    def run(self) -> list[nodes.Node]:
        app = self.env.app
        model = load_model(app)
        if model is None:
            warn(
                "{organisation} needs playbook_collection in conf.py (the folder "
                "playbook-check collect fills)",
                self.get_location(),
                WarningType.COLLECTION,
            )
            return []
        _digests(self.env)[self.env.docname] = model.digest
        PlaybookData(self.env).add_target("organisation", self.env.docname, "")
        if not model.teams:
            return [nodes.paragraph(text="No reports collected yet.")]
        docname = self.env.docname

        def uri(page: str) -> str:
            return app.builder.get_relative_uri(docname, page)

        teams, groups, checklists = model.teams, model.groups, model.checklists
        reports = sum(t.reports for t in teams)
        intro = nodes.paragraph()
        intro += nodes.Text(
            f"{plural(len(teams), 'team')} in {plural(len(groups), 'group')}, "
            f"{plural(len(checklists), 'checklist')}, from {plural(reports, 'report')}. "
            + org_html.intro(checklists, teams)
        )
        out: list[nodes.Element] = [intro]
        by_team = len(teams) <= 30
        lines: list[tuple[str, list[float | None]]] = []
        if by_team:
            for t in teams:
                lines.append(
                    (
                        t.name,
                        [t.latest[c.id].overall if c.id in t.latest else None for c in checklists],
                    )
                )
        else:
            for g in groups:
                means: list[float | None] = []
                for c in checklists:
                    known = [
                        t.latest[c.id].overall
                        for t in g.teams
                        if c.id in t.latest and t.latest[c.id].overall is not None
                    ]
                    means.append(round(sum(known) / len(known), 2) if known else None)  # type: ignore[arg-type]
                lines.append((f"{g.name} ({len(g.teams)})", means))
        maxima = []
        for c in checklists:
            found = [t.latest[c.id] for t in teams if c.id in t.latest]
            maxima.append(max(a.maximum for a in found) if found and found[0].points else None)
        what = "team" if by_team else "group (mean of its teams)"
        out.append(
            charts.heatmap(
                "organisation-heatmap",
                f"Newest overall score by {what} and checklist",
                lines,
                [c.title for c in checklists],
                maxima,
            )
        )
        if app.builder.format == "html":
            out.append(nodes.raw("", org_html.groups_table(groups, checklists, uri), format="html"))
        trends = nodes.section(ids=["organisation-trends"], names=["organisation-trends"])
        trends += nodes.title("Trends", "Trends")
        trends += nodes.paragraph(
            text="Each checklist's mean score across the teams (each team's newest assessment "
            "as of the day) and their open findings, over the days reports were collected."
        )
        for c, best in zip(checklists, maxima, strict=True):
            points = organisation_trend(teams, c.id)
            if len(points) >= 2:
                trends += charts.trend(
                    f"org-trend-{c.id}", f"{c.title}: the organisation", points, best
                )
            else:
                trends += nodes.paragraph(text=f"{c.title}: one day of reports so far.")
        out.append(trends)
        for node in out:
            node["support_smartquotes"] = False
            self.set_source_info(node)
        return list(out)


# --- group and team pages, badges ----------------------------------------------------------


def _site_stamp(app: Sphinx) -> str:
    config = app.config
    keys = ("project", "html_title", "html_theme", "html_theme_options", "html_baseurl",
            "templates_path", "html_static_path", "html_css_files", "html_js_files")  # fmt: skip
    values = []
    for k in keys:
        value = getattr(config, k, None)
        # Lists as sets: extensions append their own folders to some (once per process).
        values.append(repr(sorted(set(map(str, value))) if isinstance(value, list) else value))
    text = repr((values, __version__, app.builder.name))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _load_pages(path: Path) -> tuple[str, dict[str, str]]:
    try:
        with path.open("rb") as fh:
            stamp, pages = pickle.load(fh)
        if isinstance(stamp, str) and isinstance(pages, dict):
            return stamp, pages
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    return "", {}


def _findings(
    app: Sphinx, model: Model, team: Team
) -> Callable[[Latest], list[FindingEntry] | None]:
    """A team's stored findings for one of its latest assessments, read when its page is
    written (None, with a warning, when the stored report cannot be read)."""
    from checker.report.read import load_report

    def read(a: Latest) -> list[FindingEntry] | None:
        path = model.root.joinpath(*team.repository.split("/"), *a.file.split("/"))
        try:
            doc = load_report(path)
            entry = doc["files"][a.entry]
            return list(entry["findings"])
        except (CheckerError, IndexError, KeyError) as exc:
            reason = exc.diagnostics[0].message if isinstance(exc, CheckerError) else "no entry"
            warn(
                f"the stored report cannot be read: {reason} [PC610]",
                display_path(app, path),
                WarningType.COLLECTION,
            )
            return None

    return read


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".badge-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Group and team pages whose content changed (every page after a change of settings or
    theme, or when its output file is missing), and the badges."""
    model = load_model(app)
    if model is None or app.builder.format != "html" or not model.teams:
        return
    state_path = Path(app.doctreedir) / PAGES_FILE
    stamp, done = _load_pages(state_path)
    site = _site_stamp(app)
    fresh = stamp != site or getattr(app.env, "config_status", CONFIG_OK) != CONFIG_OK
    index_doc = PlaybookData(app.env).targets.get("organisation", (app.config.root_doc, ""))[0]
    outdir = Path(app.outdir)
    builder = app.builder
    checklists = model.checklists
    version = repr(checklists)
    written: dict[str, str] = {}

    def needed(page: str, digest: str) -> bool:
        written[page] = digest
        if fresh or done.get(page) != digest:
            return True
        outfile = builder.get_outfilename(page)  # type: ignore[attr-defined]
        return not Path(outfile).exists()

    def make_uri(page: str) -> org_html.Uri:
        def uri(target: str) -> str:
            if target == "__index__":
                return builder.get_relative_uri(page, index_doc)
            if target.endswith(".svg"):  # a file in the output, not a page
                import posixpath

                here = posixpath.dirname(builder.get_target_uri(page)) or "."
                return posixpath.relpath(target, here)
            return builder.get_relative_uri(page, target)

        return uri

    base_url = (app.config.html_baseurl or "").rstrip("/")
    for group in model.groups:
        for i, page in enumerate(group.pages):
            digest = repr(
                (
                    version,
                    group.name,
                    group.pages,
                    index_doc,
                    [(t.key, t.digest()) for t in group.chunk(i)],
                )
            )
            if not needed(page, hashlib.sha256(digest.encode()).hexdigest()):
                continue
            heading = group.name + (
                f" (page {i + 1} of {len(group.pages)})" if len(group.pages) > 1 else ""
            )
            body = org_html.group_page(group, i, checklists, make_uri(page), heading)
            yield page, {"title": _html_title(heading), "body": body}, "page.html"
    titles = {c.id: c.title for c in checklists}
    for team in model.teams:
        group = model.group_of(team)
        digest = repr(
            (version, team.digest(), group.name, model.page_of(team), index_doc, base_url)
        )
        if (
            not needed(team.page, hashlib.sha256(digest.encode()).hexdigest())
            and (outdir / team.badge).exists()
        ):
            continue  # the page and its badges show nothing new
        high, medium, _ = team.open_counts()
        _write_if_changed(outdir / team.badge, badge.team_badge(high, medium, len(team.latest)))
        for cid, a in team.latest.items():
            _write_if_changed(
                outdir / team.badge.removesuffix(".svg") / f"{cid}.svg",
                badge.checklist_badge(
                    titles.get(cid, a.title), a.overall, a.maximum, a.level, a.points
                ),
            )
        badge_url = f"{base_url}/{team.badge}" if base_url else team.badge
        page_url = (
            f"{base_url}/{builder.get_target_uri(team.page)}"
            if base_url
            else builder.get_target_uri(team.page)
        )
        body = org_html.team_page(
            team,
            group,
            checklists,
            make_uri(team.page),
            badge_url,
            page_url,
            _findings(app, model, team),
        )
        yield team.page, {"title": _html_title(team.name), "body": body}, "page.html"
    # Pages of an earlier build that no longer exist (a regrouping, a team gone): remove their
    # output, so nothing stale stays reachable. Only pages this extension wrote are touched.
    for page in sorted(set(done) - set(written)):
        if page.startswith("org/"):
            Path(builder.get_outfilename(page)).unlink(missing_ok=True)  # type: ignore[attr-defined]
    _save_pages(state_path, site, written)


def _html_title(text: str) -> str:
    from html import escape

    return escape(text)


def _save_pages(path: Path, stamp: str, pages: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".playbook-org-")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((stamp, pages), fh, protocol=5)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "playbook_collection",
        "",
        "env",
        types=frozenset({str}),
        description="The collection playbook-check collect fills (relative to the "
        "configuration directory); empty: no organisation pages.",
    )
    app.add_config_value(
        "playbook_groups",
        "",
        "env",
        types=frozenset({str}),
        description="A YAML file mapping group names to repository paths; empty: teams are "
        "grouped by their repository's owner.",
    )
    app.add_directive("organisation", OrganisationDirective)
    app.connect("builder-inited", _inited)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-collect-pages", _pages)
