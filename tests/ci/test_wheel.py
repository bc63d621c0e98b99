"""The wheel alone is enough for the site: build it, then build a site from its contents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import STRICT

ROOT = Path(__file__).resolve().parents[2]
ASSETS = (
    "playbook.css",
    "playbook-engine.js",
    "playbook-engine-data.js",
    "playbook-answers-validator.js",
    "playbook-form.js",
    "vendor/js-yaml.min.js",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    src = out / "src-copy"
    # Build from a copy so no build/ or egg-info lands in the checkout.
    shutil.copytree(
        ROOT,
        src,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", "*.egg-info", "build", ".*cache", "node_modules"
        ),
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    (found,) = out.glob("*.whl")
    return found


def test_wheel_ships_assets_schemas_checklists_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ASSETS:
        assert f"checker/sphinx/static/{asset}" in names
    for schema in ("answers", "checklist", "report"):
        assert f"checker/schemas/{schema}.schema.json" in names
        assert f"checker/validate/compiled/{schema}.py" in names
    assert "checker/py.typed" in names
    assert {n for n in names if n.startswith("checker/checklists/")} == {
        f"checker/checklists/{p.relative_to(ROOT / 'checklists').as_posix()}"
        for p in [
            *(ROOT / "checklists").glob("*.yaml"),
            *(ROOT / "checklists" / "archive").glob("*.yaml"),  # the deprecated releases
        ]
    }
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text


def _site(tmp: Path) -> Path:
    src = tmp / "site"
    (src / "checklists").mkdir(parents=True)
    shutil.copy(ROOT / "checklists" / "team-shape.yaml", src / "checklists")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "checker.sphinx"]\n'
        'exclude_patterns = ["_build", "checklists"]\nsuppress_warnings = ["playbook.ref"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Team shape\n\n```{checklist} team-shape\n```\n", encoding="utf-8"
    )
    return src


def _build_with(package: Path, src: Path, out: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys, checker; assert checker.__file__.startswith(sys.argv[1]), checker.__file__\n"
        "from sphinx.cmd.build import main\n"
        "raise SystemExit(main(['-b', 'html', '-q', '-N', *sys.argv[2:]]))"
    )
    env = {**os.environ, "PYTHONPATH": str(package)}
    return subprocess.run(
        [sys.executable, "-c", code, str(package), *STRICT, str(src), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_a_site_builds_from_the_wheel_alone_with_a_working_form(
    wheel: Path, tmp_path: Path
) -> None:
    package = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(package)
    out = tmp_path / "out"
    proc = _build_with(package, _site(tmp_path), out)
    assert proc.returncode == 0, proc.stderr
    for asset in ASSETS:
        assert (out / "_static" / asset).is_file()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="playbook-form"' in html and "playbook-form.js" in html
    # The search ranks with the playbook's scorer, which Sphinx reads from the package.
    assert "var PlaybookSearch" in (out / "_static" / "language_data.js").read_text()


def test_a_wheel_without_its_assets_fails_a_strict_build(wheel: Path, tmp_path: Path) -> None:
    package = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(package)
    shutil.rmtree(package / "checker" / "sphinx" / "static")
    proc = _build_with(package, _site(tmp_path), tmp_path / "out")
    assert proc.returncode != 0
    assert "static files missing from the installed package" in proc.stderr
    assert "[playbook.assets]" in proc.stderr
