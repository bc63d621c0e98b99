"""GitLab Code Quality report (``artifacts:reports:codequality``): a JSON array of issues
with ``description``, ``check_name``, ``fingerprint``, ``severity`` and a ``location`` relative
to the repository root.

Severities agree with the exit code: ``blocker`` for an error that makes input invalid,
``critical`` for what fails the run (a failing finding, a score below the baseline), ``major``
and ``minor`` for findings that do not (see :func:`checker.report.util.level`). Exempted
findings are left out, as in the GitHub annotations."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker.report.paths import RepoPaths
from checker.report.types import ReportDocument
from checker.report.util import baseline_note, level, score_drop

_SEVERITY = {"error": "critical", "warning": "major", "note": "minor"}


def _issue(
    check: str, severity: str, description: str, path: str, line: int, *key: str
) -> dict[str, Any]:
    digest = hashlib.sha256("\0".join((path, check, *key)).encode("utf-8")).hexdigest()
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "severity": severity,
        "fingerprint": digest[:32],
        "location": {"path": path, "lines": {"begin": line}},
    }


def render(doc: ReportDocument) -> str:
    paths = RepoPaths()
    issues: list[dict[str, Any]] = []
    for f in doc["files"]:
        path = paths.relative(f["file"]) or f["file"]
        for d in f["diagnostics"]:
            text = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
            severity = "blocker" if d["severity"] == "error" else "minor"
            issues.append(
                _issue(d["code"], severity, text, path, d["line"], str(d["column"]), d["message"])
            )
        if not f["valid"]:
            continue
        for x in f["findings"]:
            if x["status"] == "exempted":
                continue
            check = f"{f['checklist']['id']}/{x['id']}"
            text = f"{x['risk']} risk{baseline_note(x)}: {x['title']}. {x['advice']}"
            line = x["triggers"][0]["line"]
            issues.append(_issue(check, _SEVERITY[level(x)], text, path, line, f["team"]))
        drop = score_drop(f, doc["baseline"]["file"]) if "baseline" in doc else None
        if drop is not None:
            text, line, _column = drop
            issues.append(
                _issue(
                    "playbook-check/score-below-baseline", "critical", text, path, line, f["team"]
                )
            )
    return json.dumps(issues, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
