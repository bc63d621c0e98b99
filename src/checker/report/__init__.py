"""Reports: one canonical document per run (:mod:`checker.report.document`, typed by
:mod:`checker.report.types`), its verdict (:mod:`checker.report.verdict`), judged against a
baseline (:mod:`checker.report.baseline`), compared (:mod:`checker.report.compare`), read back
(:mod:`checker.report.read`) and rendered as text, JSON, Markdown, JUnit XML, SARIF 2.1.0,
GitHub workflow commands or a GitLab Code Quality report. Output is deterministic: the same
input gives byte-identical reports."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from checker.constants import FORMATS
from checker.model import FileResult
from checker.report.types import FailOn, ReportDocument
from checker.textsafe import json_safe, neutralise_data


def render(results: Sequence[FileResult], fmt: str, *, fail_on: FailOn = "high") -> str:
    """Render results in ``fmt`` (one of :data:`FORMATS`)."""
    from checker.report.document import build

    return render_document(build(results, fail_on=fail_on), fmt)


MACHINE_FORMATS = frozenset({"json", "sarif", "gitlab"})
"""Formats that keep every character of the data (as JSON escapes where unsafe)."""


def render_document(doc: ReportDocument, fmt: str, *, compact: bool = False) -> str:
    """Render an already built report document in ``fmt`` (``compact``: the Markdown summary
    for a pull-request comment, :func:`checker.report.markdown_format.render_compact`).

    The human-readable formats render a copy of the document in which every string is
    neutralised (:func:`checker.textsafe.neutralise`): nothing a team writes reaches a
    terminal, a CI log, Markdown or XML as a control character. JSON, SARIF and GitLab Code
    Quality keep the exact strings, with unsafe characters written as JSON escapes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if compact and fmt != "markdown":
        raise ValueError("compact is a Markdown summary")
    module = import_module(f"checker.report.{fmt}_format")
    renderer: Callable[[ReportDocument], str] = module.render_compact if compact else module.render
    if fmt in MACHINE_FORMATS:
        return json_safe(renderer(doc))
    return renderer(neutralise_data(doc))
