"""``playbook-check org init DIR``: the files of a ready organisation site.

``conf.py`` uses the extension with the collection ``collect --into`` fills; ``index.md`` shows
the overview (``{organisation}``: groups, teams, trends, badges) and the organisation's
topology (a starting ``topology.yaml``). The organisation's name reaches the files only as a
Python string literal and as Markdown with every punctuation character escaped, so no name can
become markup or code.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from checker.diagnostics import CheckerError

THEMES = {
    "alabaster": "",
    "classic": "",
    "nature": "",
    "furo": "furo",
    "sphinx_rtd_theme": "sphinx-rtd-theme",
    "pydata_sphinx_theme": "pydata-sphinx-theme",
    "sphinx_book_theme": "sphinx-book-theme",
}
"""Themes known to work, and the package each comes in ("" : bundled with Sphinx)."""

_THEME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_PATH_RE = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*")
MAX_NAME = 120


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown (MyST) on one line: every ASCII punctuation character is
    backslash-escaped, which CommonMark reads as the character itself."""
    flat = " ".join(text.split())
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", flat)


def _relative(value: str, what: str) -> str:
    if not _PATH_RE.fullmatch(value) or ".." in value.split("/"):
        raise CheckerError.one(
            "PC014",
            f"--{what} {value[:100]!r} must be a path inside the site's folder",
            hint="letters, digits, '.', '_', '-' and '/', without '..'",
        )
    return value


def site_files(
    folder: Path, *, organisation: str, theme: str, collection: str, groups: str
) -> list[tuple[Path, str]]:
    """(path, text) of each file ``org init`` writes."""
    name = " ".join(organisation.split())
    if len(name) > MAX_NAME or not name.isprintable() or "<" in name or ">" in name:
        raise CheckerError.one(
            "PC014",
            f"--organisation must be printable text of at most {MAX_NAME} characters, "
            "without < or >",
            hint="give the organisation's name as people say it (some themes print the "
            "site's title as HTML)",
        )
    if not _THEME_RE.fullmatch(theme):
        raise CheckerError.one(
            "PC014",
            f"--theme {theme[:100]!r} is not a Sphinx theme name",
            hint="e.g. " + ", ".join(THEMES),
        )
    collection = _relative(collection, "collection")
    if groups:
        groups = _relative(groups, "groups")
    title = f"{name}: ML teams" if name else "ML teams"
    conf = f'''"""Sphinx configuration of an organisation's ML Team Playbook site.

Written by `playbook-check org init`. Fill the collection with
`playbook-check collect REPORT... --into {collection}` and build with
`sphinx-build -n -W . _build/html`.
"""

project = {title!r}
html_title = project

extensions = ["myst_parser", "checker.sphinx"]
html_theme = {theme!r}
html_show_sourcelink = False  # the pages are generated: their sources say nothing more
exclude_patterns = ["_build", ".venv", {collection + "/**"!r}]

# The reports `playbook-check collect` filed, by repository, with their history.
playbook_collection = {collection!r}
# Groups of teams: a YAML file mapping group names to repository paths ("" : by owner).
playbook_groups = {groups!r}
# The day reports are judged by (dated in the future); "" : the build's date.
playbook_today = ""
# The site's address (https://...): badges and team pages get addresses that work from a
# team's README.
html_baseurl = ""

nitpicky = True
'''
    index = f"""# {markdown_text(title)}

Every team's newest assessment of each checklist, from the reports their CI publishes and
`playbook-check collect` files here. Each team's page has its history and its badge.

```{{organisation}}
```

## The organisation's topology

The teams, their types and how they interact
(`playbook-check topology check topology.yaml` checks it).

```{{topology}} topology.yaml
```
"""
    from checker.topology.scaffold import template

    return [
        (folder / "conf.py", conf),
        (folder / "index.md", index),
        (folder / "topology.yaml", template(name)),
    ]


def theme_missing(theme: str) -> str:
    """Why ``theme`` cannot be used here ("" when it can)."""
    if theme in THEMES and not THEMES[theme]:
        return ""
    if importlib.util.find_spec(theme) is not None:
        return ""
    package = THEMES.get(theme, theme.replace("_", "-"))
    return f"pip install {package} before building"
