"""The report document as every format renders it: judged against ``--baseline`` and given the
site's address (for links to pitfall pages), so all outputs tell one story."""

from __future__ import annotations

import argparse
import os
import re
from typing import Any

_HTTP = re.compile(r"https?://[^\s<>\"'`]+")


def site_url(args: argparse.Namespace) -> str | None:
    """``args.site_url`` (command line or configuration), else ``$PLAYBOOK_SITE_URL``; only an
    http(s) address is used."""
    value = getattr(args, "site_url", None) or os.environ.get("PLAYBOOK_SITE_URL", "")
    return value if _HTTP.fullmatch(value or "") else None


def finish(doc: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
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
    from checker.cli.baseline import with_baseline  # reads and validates a report: only then

    return with_baseline(doc, baseline)
