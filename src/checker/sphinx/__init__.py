"""Sphinx extension ``checker.sphinx``: checklists, pitfalls and assessments in the site.

Add ``"checker.sphinx"`` to ``extensions`` (after ``"sphinx_design"``). Directives: ``pitfall``,
``pitfall-index``, ``checklist``, ``assessment``, ``assessment-overview``, ``topology``;
role: ``pitfall``.
Config: ``playbook_checklist_dir`` (default ``"checklists"``, relative to the configuration
directory), ``playbook_evidence_root`` (default ``"."``: evidence paths are relative to the
configuration directory) and ``playbook_today`` (ISO date exemptions are judged by; default:
today).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from checker import __version__

ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    from checker.sphinx import assessments, checklists, data, form, overview, pitfalls
    from checker.sphinx import topology as topology_directive

    app.add_config_value(
        "playbook_checklist_dir",
        "checklists",
        "env",
        types=frozenset({str}),
        description="Directory of checklist YAML files, relative to the configuration directory.",
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
    data.setup(app)
    pitfalls.setup(app)
    checklists.setup(app)
    assessments.setup(app)
    overview.setup(app)
    form.setup(app)
    topology_directive.setup(app)
    app.add_css_file("playbook.css")
    app.connect("builder-inited", _add_static_path)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _add_static_path(app: Sphinx) -> None:
    from pathlib import Path

    static = Path(__file__).resolve().parent / "static"
    app.config.html_static_path.append(str(static))
