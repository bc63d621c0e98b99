"""JSON report: the canonical document, sorted keys, two-space indent."""

from __future__ import annotations

import json

from checker.report.types import ReportDocument


def render(doc: ReportDocument) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
