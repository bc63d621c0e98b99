"""Reports: one canonical document per run (:mod:`checker.report.document`), rendered as
text, JSON, Markdown, JUnit XML, SARIF 2.1.0 or GitHub workflow commands. Output is
deterministic: the same input gives byte-identical reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from checker.model import FileResult

FORMATS = ("text", "json", "markdown", "junit", "sarif", "github")


def render(results: Sequence[FileResult], fmt: str, *, fail_on: str = "high") -> str:
    """Render results in ``fmt`` (one of :data:`FORMATS`)."""
    from checker.report.document import build

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    renderer: Callable[[dict], str] = import_module(f"checker.report.{fmt}_format").render
    return renderer(build(results, fail_on=fail_on))
