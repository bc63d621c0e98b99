"""Sphinx configuration for the ML Team Playbook site (sources under docs/)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))  # the extension works before `pip install` too

project = "ML Team Playbook"
author = "ML Team Playbook contributors"
copyright = "2026, ML Team Playbook contributors"

root_doc = "docs/index"
include_patterns = ["docs/**"]
exclude_patterns = ["_build", ".venv", "**/.ipynb_checkpoints"]

extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution", "attrs_inline"]
myst_heading_anchors = 3

playbook_checklist_dir = "checklists"

html_theme = "furo"
html_title = "ML Team Playbook"
html_static_path = [p for p in ["docs/_static"] if (ROOT / p).is_dir()]
html_show_sourcelink = False

nitpicky = True

html_favicon = "docs/_static/favicon.svg"
playbook_site_description = (
    "How to organise machine-learning teams: Team Topologies applied to ML and MLOps, with "
    "checklists your team can run."
)
html_css_files = ["site.css"]
