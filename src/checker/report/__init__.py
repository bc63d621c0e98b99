"""Reports: one canonical document per run (:mod:`checker.report.document`), rendered as
text, JSON, Markdown, JUnit XML, SARIF 2.1.0 or GitHub workflow commands. Output is
deterministic: the same input gives byte-identical reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from checker.constants import FORMATS
from checker.model import FileResult


def render(results: Sequence[FileResult], fmt: str, *, fail_on: str = "high") -> str:
    """Render results in ``fmt`` (one of :data:`FORMATS`)."""
    from checker.report.document import build

    return render_document(build(results, fail_on=fail_on), fmt)


def render_document(doc: dict[str, Any], fmt: str) -> str:
    """Render an already built report document in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    renderer: Callable[[dict[str, Any]], str] = import_module(f"checker.report.{fmt}_format").render
    return renderer(doc)
