"""The real site builds strictly (-n -W --keep-going), so a broken contribution fails CI."""

from __future__ import annotations

import pytest

from tests.conftest import BuiltSite

KEY_PAGES = (
    "docs/index.html",
    "docs/pitfalls/index.html",
    "docs/guides/ci.html",
    "docs/guides/contributing.html",
    "docs/guides/writing-content.html",
    "docs/checklists/team-shape.html",
    "docs/examples/index.html",
    "docs/reference/error-codes.html",
    "docs/pitfalls/science-without-mlops.html",
)


@pytest.mark.site
def test_real_site_builds_without_warnings(real_site: BuiltSite) -> None:
    """A broken contribution (bad reference, invalid YAML, orphan page) fails `make test`."""
    assert real_site.returncode == 0, real_site.log
    missing = [page for page in KEY_PAGES if not (real_site.html / page).is_file()]
    assert not missing, missing
    ci = (real_site.html / "docs" / "guides" / "ci.html").read_text(encoding="utf-8")
    assert "Use the checklists in CI" in ci
    overview = (real_site.html / "docs" / "examples" / "index.html").read_text(encoding="utf-8")
    for team in ["Trailhead", "Northwind", "Harbour", "Lantern", "Ashford"]:
        assert team in overview
