"""Sphinx extension ``checker.sphinx``: checklists, pitfalls and assessments in the site.

Add ``"checker.sphinx"`` to ``extensions`` (after ``"sphinx_design"``). Directives: ``pitfall``,
``pitfall-index``, ``checklist``, ``assessment``, ``assessment-overview``, ``topology``,
``checked-example``, ``organisation``; role: ``pitfall``.
Config: ``playbook_checklist_dir`` (default ``"checklists"``, relative to the configuration
directory), ``playbook_evidence_root`` (default ``"."``: evidence paths are relative to the
configuration directory), ``playbook_today`` (ISO date exemptions are judged by; default:
today) and ``playbook_site_url`` (the published playbook, for pitfalls this site does not define).
"""

from __future__ import annotations

from typing import Any

try:
    from sphinx.application import Sphinx
except ModuleNotFoundError as exc:  # the CLI installs without Sphinx
    raise ModuleNotFoundError(
        "checker.sphinx, the Sphinx extension, needs Sphinx, which is not installed: "
        "pip install 'ml-team-playbook-checker[sphinx]'",
        name=exc.name,
    ) from None

from checker import __version__
from checker.constants import STATIC_DIR
from checker.sphinx.common import WarningType, warn

STATIC_ASSETS = (
    "playbook.css",
    "playbook-site.js",
    "playbook-engine-data.js",
    "playbook-answers-validator.js",
    "playbook-engine.js",
    "playbook-form.js",
    "vendor/js-yaml.min.js",
)
"""Files under ``sphinx/static`` the HTML pages need (every page: the stylesheet and
``playbook-site.js``; pages with a form: the rest)."""

ENV_VERSION = 3


def setup(app: Sphinx) -> dict[str, Any]:
    from checker.sphinx import (
        assessments,
        checklists,
        common,
        data,
        examples,
        form,
        metadata,
        organisation,
        overview,
        pitfalls,
        search,
        site,
        tables,
        teams,
    )
    from checker.sphinx import topology as topology_directive

    app.add_config_value(
        "playbook_checklist_dir",
        "checklists",
        "env",
        types=frozenset({str}),
        description="Directory of checklist YAML files, relative to the configuration directory.",
    )
    app.add_config_value(
        "playbook_site_url",
        "",
        "env",
        types=frozenset({str}),
        description="Address of the published ML Team Playbook: pitfalls this site does not "
        "define link there (intersphinx, when configured, is tried first).",
    )
    app.add_config_value(
        "playbook_today",
        "",
        "env",
        types=frozenset({str}),
        description="ISO date by which exemptions are judged (empty: the build date).",
    )
    app.add_config_value(
        "playbook_evidence_root",
        ".",
        "env",
        types=frozenset({str}),
        description="Directory that evidence paths in answers files are relative to "
        "(relative to the configuration directory).",
    )
    common.add_nodes(app)
    data.setup(app)
    teams.setup(app)
    tables.setup(app)
    site.setup(app)
    metadata.setup(app)
    pitfalls.setup(app)
    checklists.setup(app)
    assessments.setup(app)
    overview.setup(app)
    organisation.setup(app)
    form.setup(app)
    search.setup(app)
    topology_directive.setup(app)
    examples.setup(app)
    app.connect("builder-inited", _add_static_files)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_files(app: Sphinx) -> None:
    """Ship the stylesheet and the form's scripts, for HTML builders only; warn (and add
    nothing) when the installed package lacks them, so a broken install cannot pass ``-W``."""
    if app.builder.format != "html":
        return
    missing = [name for name in STATIC_ASSETS if not (STATIC_DIR / name).is_file()]
    if missing:
        warn(
            f"checker.sphinx: static files missing from the installed package: "
            f"{', '.join(missing)} (looked in {STATIC_DIR}); the checklist form and styles "
            "will not load. Reinstall ml-team-playbook-checker from a complete wheel",
            None,
            WarningType.ASSETS,
        )
        return
    app.config.html_static_path.append(str(STATIC_DIR))
    app.add_css_file("playbook.css")
    app.add_js_file("playbook-site.js", loading_method="defer")
