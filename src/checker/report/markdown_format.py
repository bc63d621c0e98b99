"""Markdown report, e.g. for a CI job summary ($GITHUB_STEP_SUMMARY). Team text is escaped."""

from __future__ import annotations

import re
from typing import Any

from checker.report.util import fmt_score

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_RISK_ICON = {"high": "🔴 high", "medium": "🟠 medium", "low": "🟡 low"}


def esc(text: str) -> str:
    """Escape text so Markdown and HTML renderers show it literally, on one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[\r\n]+", " ", text)


def render(doc: dict[str, Any]) -> str:
    s = doc["summary"]
    out = ["# Playbook check", ""]
    verdict = {
        0: "passed",
        1: f"failed: findings at or above `{doc['fail_on']}`",
        2: "failed: invalid input",
    }[doc["exit_code"]]
    out += [
        f"**Result:** {verdict}. {s['files']} file(s), {s['high']} high, {s['medium']} "
        f"medium, {s['low']} low, {s['exempted']} exempted findings; {s['errors']} "
        f"error(s), {s['warnings']} warning(s).",
        "",
    ]
    for f in doc["files"]:
        title = f"`{esc(f['file'])}`"
        if f["valid"]:
            title = f"{esc(f['team'])} — {esc(f['checklist']['title'])} ({title})"
        out += [f"## {title}", ""]
        if f["valid"]:
            sc = f["score"]
            out += [
                f"Overall score **{fmt_score(sc['overall'])}**"
                f"{' points' if sc['unit'] == 'points' else ''} ({sc['aggregate']}), "
                f"maturity level **{esc(sc['level'] or 'n/a')}**.",
                "",
                "| Section | Score |",
                "|---|---:|",
            ]
            out += [f"| {esc(x['title'])} | {fmt_score(x['score'])} |" for x in sc["sections"]]
            out.append("")
            if f["findings"]:
                out += ["| Risk | Finding | Where | Advice |", "|---|---|---|---|"]
                for x in f["findings"]:
                    t = x["triggers"][0]
                    name = esc(x["title"])
                    if x["status"] == "exempted":
                        name += f" (exempted until {x['exemption']['expires']})"
                    out.append(
                        f"| {_RISK_ICON[x['risk']]} | {name} | line {t['line']} | "
                        f"{esc(x['advice'])} |"
                    )
                out.append("")
            else:
                out += ["No findings.", ""]
            costly = [c for c in sc["costs"] if c["cost"]][:5]
            if costly:
                out.append(
                    "Points lost: "
                    + ", ".join(f"`{c['question']}` -{fmt_score(c['cost'])}" for c in costly)
                    + "."
                )
                out.append("")
        if f["diagnostics"]:
            out += ["| Severity | Where | Problem |", "|---|---|---|"]
            out += [
                f"| {d['severity']} | {d['line']}:{d['column']} | {esc(d['message'])} "
                f"\\[{d['code']}\\] |"
                for d in f["diagnostics"]
            ]
            out.append("")
    return "\n".join(out)
