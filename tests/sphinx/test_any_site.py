"""The extension in a site that is not the playbook's: its own theme, no pitfall pages, the
bundled checklists, links to the published playbook (a setting, or intersphinx)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.helpers import STRICT, sphinx_build

from .conftest import Site

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = "https://playbook.example/ml/"
# Every pitfall the bundled team-shape checklist's rules name (read from it, so a new version's
# rules are covered).
TEAM_SHAPE_PITFALLS = set(
    re.findall(
        r"^\s+pitfall: ([a-z0-9-]+)$",
        (ROOT / "checklists" / "team-shape.yaml").read_text(encoding="utf-8"),
        re.M,
    )
)


def _outside(site: Callable[[str], Site]) -> Site:
    return site("outside")


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def test_checklist_directive_finds_a_bundled_checklist(site: Callable[[str], Site]) -> None:
    s = _outside(site)
    s.build(playbook_site_url=PUBLISHED)
    html = (s.srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'id="playbook-checklist-team-shape"' in html
    assert "no checklist" not in s.warnings


def test_pitfalls_link_to_the_published_playbook_without_warnings(
    site: Callable[[str], Site],
) -> None:
    s = _outside(site)
    s.build(playbook_site_url=PUBLISHED)
    assert s.warnings == ""
    html = (s.srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    links = {h for h in _hrefs(html) if h.startswith(PUBLISHED)}
    for pid in TEAM_SHAPE_PITFALLS:
        assert f"{PUBLISHED}docs/pitfalls/{pid}.html#pitfall-{pid}" in links
    # The form's findings link to the same pages.
    rules = html[html.index('id="playbook-rules-team-shape"') :]
    assert f"{PUBLISHED}docs/pitfalls/science-without-mlops.html" in rules


def test_without_a_published_playbook_each_unlinked_pitfall_says_what_to_set(
    site: Callable[[str], Site],
) -> None:
    s = _outside(site)
    s.build()
    warnings = [w for w in s.warnings.splitlines() if "WARNING" in w]
    assert warnings, "pitfalls with no page would lead nowhere"
    assert all("playbook_site_url" in w and "intersphinx_mapping" in w for w in warnings)
    assert all("[playbook.ref]" in w for w in warnings)


def _inventory(path: Path) -> dict[str, str]:
    """name -> "type uri" for each object in a Sphinx objects.inv (version 2)."""
    data = path.read_bytes()
    body = zlib.decompress(data[data.index(b"\n", data.index(b"zlib")) + 1 :]).decode()
    out = {}
    for line in body.splitlines():
        name, kind, _prio, uri, *_ = line.split(" ")
        out[name] = f"{kind} {uri}"
    return out


def test_pitfalls_link_through_intersphinx_with_their_titles(
    site: Callable[[str], Site], tmp_path: Path
) -> None:
    playbook = site("playbook")
    playbook.build()
    inventory = playbook.srcdir / "_build" / "html" / "objects.inv"
    entries = _inventory(inventory)
    assert entries["pitfall-slow-feedback-loops"].startswith("std:label docs/pitfalls.html#")
    # A site with its own copy of a checklist and no pitfall pages links them to the playbook.
    s = _outside(site)
    (s.srcdir / "checklists").mkdir()
    shutil.copy(playbook.srcdir / "checklists" / "staffing.yaml", s.srcdir / "checklists")
    (s.srcdir / "index.rst").write_text(
        "Staffing\n========\n\n.. checklist:: staffing\n", encoding="utf-8"
    )
    conf = s.srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + 'extensions.append("sphinx.ext.intersphinx")\n'
        + f"intersphinx_mapping = {{'playbook': ({PUBLISHED!r}, {str(inventory)!r})}}\n",
        encoding="utf-8",
    )
    proc = sphinx_build(s.srcdir, tmp_path / "out", *STRICT)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    link = re.search(
        rf'<a [^>]*href="{re.escape(PUBLISHED)}docs/pitfalls\.html#pitfall-slow-feedback-loops"'
        r"[^>]*>(.*?)</a>",
        html,
        re.S,
    )
    assert link is not None
    assert "Slow feedback loops" in re.sub(r"<[^>]+>", "", link.group(1))


def test_a_typo_in_a_local_checklist_still_warns_with_a_published_playbook(
    site: Callable[[str], Site],
) -> None:
    """The published playbook fills in pitfalls the site does not define; a finding that names
    a pitfall nowhere defined is still reported, located, when nothing could link it."""
    s = site("playbook")
    checklist = s.srcdir / "checklists" / "staffing.yaml"
    checklist.write_text(
        checklist.read_text().replace("pitfall: ml-team-bottleneck", "pitfall: ml-team-bottlenek"),
        encoding="utf-8",
    )
    s.build(playbook_site_url=PUBLISHED)
    assert (
        "checklists/staffing.yaml:97: WARNING: finding 'oversized-team' names unknown pitfall "
        "'ml-team-bottlenek'" in s.warnings
    )


def test_missing_sphinx_names_the_extra_to_install(tmp_path: Path) -> None:
    """Importing the extension without Sphinx says which extra installs it."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import sys\n"
        "class _Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'sphinx' or name.startswith('sphinx.'):\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, _Block())\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-c", "import checker.sphinx"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{tmp_path}:{ROOT / 'src'}", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert proc.returncode != 0
    assert "pip install 'ml-team-playbook-checker[sphinx]'" in proc.stderr
    assert proc.stderr.count("Traceback") <= 1
