"""Paths in machine-read reports (SARIF, GitLab Code Quality): relative to the repository root,
whatever the user typed (``/abs/repo/playbook/x.yaml``, ``playbook/../playbook/x.yaml``)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

SRCROOT = "%SRCROOT%"
"""The SARIF ``uriBaseId`` of the repository root."""


def repo_root(start: Path) -> Path:
    """The nearest enclosing git repository's root, else ``start`` itself."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


class RepoPaths:
    """Report paths relative to the repository that holds the working directory."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self.root = repo_root(self.cwd)

    @property
    def root_uri(self) -> str:
        """The root as a ``file://`` URI ending in ``/`` (SARIF ``originalUriBaseIds``)."""
        return self.root.as_uri().rstrip("/") + "/"

    def relative(self, path: str) -> str | None:
        """``path`` relative to the root, with ``/``; ``None`` when it lies outside the root."""
        absolute = Path(os.path.normpath(self.cwd / path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def uri(self, path: str) -> dict[str, str]:
        """A SARIF ``artifactLocation``: relative to ``%SRCROOT%``, else an absolute URI."""
        rel = self.relative(path)
        if rel is None:
            return {"uri": Path(os.path.normpath(self.cwd / path)).as_uri()}
        return {"uri": quote(rel), "uriBaseId": SRCROOT}
