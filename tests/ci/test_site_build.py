"""The real site builds strictly (-n -W --keep-going), so a broken contribution fails CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import STRICT, sphinx_build

ROOT = Path(__file__).resolve().parents[2]
KEY_PAGES = (
    "docs/index.html",
    "docs/guides/ci.html",
    "docs/guides/contributing.html",
    "docs/guides/writing-content.html",
    "docs/checklists/team-shape.html",
    "docs/pitfalls/science-without-mlops.html",
)


@pytest.mark.slow
def test_real_site_builds_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "html"
    build = sphinx_build(ROOT, out, *STRICT)
    assert build.returncode == 0, build.stderr
    missing = [page for page in KEY_PAGES if not (out / page).is_file()]
    assert not missing, missing
    ci = (out / "docs" / "guides" / "ci.html").read_text(encoding="utf-8")
    assert "Use the checklists in CI" in ci
