"""Helpers for building the Sphinx test roots in a temporary directory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import ROOTS


class Site:
    """A copy of a test root that can be built (and rebuilt) in place."""

    def __init__(self, srcdir: Path) -> None:
        self.srcdir = srcdir
        self.warnings = ""
        self.reread: list[str] = []

    def build(
        self,
        *,
        parallel: int = 0,
        outdir: str = "_build",
        fresh: bool = False,
        **confoverrides: Any,
    ) -> SphinxTestApp:
        warning = StringIO()
        app = SphinxTestApp(
            "html",
            srcdir=self.srcdir,
            builddir=self.srcdir / outdir,
            freshenv=fresh,
            parallel=parallel,
            warning=warning,
            confoverrides=confoverrides or None,
        )
        reread: list[str] = []
        app.connect(
            "env-before-read-docs", lambda _app, _env, docnames: reread.extend(sorted(docnames))
        )
        try:
            app.build()
        finally:
            app.cleanup()
        self.warnings = warning.getvalue()
        self.reread = reread
        return app

    def html(self, page: str, outdir: str = "_build") -> str:
        return (self.srcdir / outdir / "html" / "docs" / f"{page}.html").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Callable[[str], Site]:
    def _make(root: str = "playbook") -> Site:
        srcdir = tmp_path / root
        shutil.copytree(ROOTS / f"test-{root}", srcdir)
        return Site(srcdir)

    return _make
