"""The report document as every format renders it: judged against ``--baseline`` and given the
site's address (for links to pitfall pages), so all outputs tell one story."""

from __future__ import annotations

import argparse
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.report.types import ReportDocument

_HTTP = re.compile(r"https?://[^\s<>\"'`]+")


def site_url(args: argparse.Namespace) -> str | None:
    """``args.site_url`` (command line or configuration), else ``$PLAYBOOK_SITE_URL``; only an
    http(s) address is used."""
    value = getattr(args, "site_url", None) or os.environ.get("PLAYBOOK_SITE_URL", "")
    return value if _HTTP.fullmatch(value or "") else None


def finish(doc: ReportDocument, args: argparse.Namespace) -> ReportDocument:
    """``doc`` with the site's address, where it comes from (:mod:`checker.cli.provenance`:
    its warnings go to standard error), and judged against ``args.baseline`` when given."""
    site = site_url(args)
    if site:
        doc["site_url"] = site
    if hasattr(args, "no_provenance"):  # report: the documents that are published
        from checker.cli.provenance import collect_provenance
        from checker.cli.streams import say

        provenance, warnings = collect_provenance(args)
        for warning in warnings:
            say(warning.format())
        if provenance is not None:
            doc["provenance"] = provenance
    baseline = getattr(args, "baseline", None)
    if not baseline:
        return doc
    # Read (and validated) only when given: PC412 for a baseline that is not a report.
    from checker.report.baseline import judge
    from checker.report.read import load_report

    return judge(doc, load_report(baseline, role="baseline"), str(baseline))


def judged(doc: ReportDocument, args: argparse.Namespace) -> ReportDocument:
    """``doc`` given the site's address and judged against ``args.baseline`` (see
    :func:`finish`), with the ratchet's verdict on standard error. Answers files and topology
    files are judged alike."""
    from checker.cli.streams import say

    doc = finish(doc, args)
    if "baseline" in doc:
        from checker.report.baseline import verdict_lines

        for line in verdict_lines(doc):
            say(line)
    return doc


def exit_code(doc: ReportDocument, args: argparse.Namespace) -> int:
    """The run's exit code: the document's, with ``--exit-zero`` applied."""
    from checker.codes import EXIT_FINDINGS, EXIT_OK

    code: int = doc["exit_code"]
    if args.exit_zero and code == EXIT_FINDINGS:
        return EXIT_OK
    return code


def emit(doc: ReportDocument, args: argparse.Namespace) -> int:
    """Render ``doc`` in ``args.format`` to ``args.output`` (atomically) or standard output;
    a report for machines, or one written to a file, also puts the text report's summary line
    on standard error. Returns the exit code (``--exit-zero`` applied)."""
    import sys

    from checker.cli.streams import say, write, write_out
    from checker.output import write_atomic
    from checker.report import render_document

    text = render_document(doc, args.format, compact=getattr(args, "compact", False))
    if args.output is None:
        if args.format == "text":
            write(text, args, sys.stdout)
            return exit_code(doc, args)
        write_out(text)
    else:
        write_atomic(args.output, text, force=args.force)
    # A report for machines still tells the person reading the log why the run exits as it
    # does: the text report's summary line on standard error.
    from checker.report.text_format import summary_line

    where = f"wrote {args.output}: " if args.output is not None else ""
    say(where + summary_line(doc))
    return exit_code(doc, args)
