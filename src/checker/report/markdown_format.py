"""Markdown report, e.g. for a CI job summary ($GITHUB_STEP_SUMMARY). Team text is escaped;
paths and ids go in code spans, where CommonMark shows every character literally. The verdict
agrees with the exit code; against a baseline, each finding says whether it is new."""

from __future__ import annotations

import re
from typing import Any

from checker.report.document import BASELINE_LABELS
from checker.report.util import fmt_score, in_points

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_RISK_ICON = {"high": "🔴 high", "medium": "🟠 medium", "low": "🟡 low"}


def esc(text: str) -> str:
    """Escape text so Markdown and HTML renderers show it literally, on one line."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"[\r\n]+", " ", text)


def code(text: str, *, in_table: bool = False) -> str:
    """``text`` as a CommonMark code span: no escapes inside (they would show), a fence longer
    than any backtick run in it, padding when it starts or ends with a backtick; ``|`` escaped
    in a table cell (GFM splits cells before reading code spans)."""
    text = re.sub(r"[\r\n]+", " ", text)
    if in_table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render(doc: dict[str, Any]) -> str:
    s = doc["summary"]
    out = ["# Playbook check", ""]
    out += [
        f"**Result:** {_verdict(doc)}. {s['files']} file(s), {s['high']} high, {s['medium']} "
        f"medium, {s['low']} low, {s['exempted']} exempted findings, {s['failing']} failing "
        f"the run; {s['errors']} error(s), {s['warnings']} warning(s).",
        "",
    ]
    judged = "baseline" in doc
    for f in doc["files"]:
        title = code(f["file"])
        if f["valid"]:
            title = f"{esc(f['team'])} — {esc(f['checklist']['title'])} ({title})"
        out += [f"## {title}", ""]
        if f["valid"]:
            sc = f["score"]
            if f.get("kind") == "topology":
                shape = f["topology"]
                out += [f"{shape['teams']} teams, {shape['interactions']} interactions.", ""]
            else:
                out += [
                    f"Overall score **{fmt_score(sc['overall'])}**"
                    f"{' points' if in_points(sc) else ''} ({sc['aggregate']}), "
                    f"maturity level **{esc(sc['level'] or 'n/a')}**.",
                    "",
                    "| Section | Score |",
                    "|---|---:|",
                ]
                out += [f"| {esc(x['title'])} | {fmt_score(x['score'])} |" for x in sc["sections"]]
                out.append("")
            if f["findings"]:
                head = "| Risk | Finding | Where |" + (" Baseline |" if judged else "")
                out += [head + " Advice |", "|---" * (5 if judged else 4) + "|"]
                for x in f["findings"]:
                    t = x["triggers"][0]
                    name = esc(x["title"])
                    if x["status"] == "exempted":
                        name += f" (exempted until {x['exemption']['expires']})"
                    risk = _RISK_ICON[x["risk"]] + (" — **fails the run**" if x["fails"] else "")
                    state = f" {BASELINE_LABELS[x['baseline']]} |" if judged else ""
                    out.append(
                        f"| {risk} | {name} | line {t['line']} |{state} {esc(x['advice'])} |"
                    )
                out.append("")
            else:
                out += ["No findings.", ""]
            out += _against_baseline(f)
            costly = [c for c in sc["costs"] if c["cost"]][:5]
            if costly:
                out.append(
                    "Points lost: "
                    + ", ".join(f"{code(c['question'])} -{fmt_score(c['cost'])}" for c in costly)
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


def _verdict(doc: dict[str, Any]) -> str:
    fail_on = code(doc["fail_on"])
    if doc["exit_code"] == 2:
        return "failed: invalid input"
    if "baseline" not in doc:
        return "passed" if doc["exit_code"] == 0 else f"failed: findings at or above {fail_on}"
    b = doc["baseline"]
    counts = (
        f"{b['new']} new, {b['updated']} riskier, {b['unchanged']} in the baseline, "
        f"{b['absent']} resolved"
    )
    where = code(b["file"])
    if doc["exit_code"] == 0:
        return f"passed: not worse than the baseline {where} ({counts})"
    return f"failed: worse than the baseline {where} ({counts}; failing at or above {fail_on})"


def _against_baseline(f: dict[str, Any]) -> list[str]:
    b = f.get("baseline")
    if not b:
        return []
    if b["matched"] is None:
        return ["Not in the baseline: every finding is new.", ""]
    o = b["overall"]
    line = f"Against the baseline: overall score {fmt_score(o['old'])} → {fmt_score(o['new'])}"
    line += " (**lower: fails the run**)" if o["lower"] else ""
    if o.get("rose"):
        line += "; answers that cost more: " + ", ".join(
            f"{code(r['question'])} (line {r['line']}: {fmt_score(r['old'])} → "
            f"{fmt_score(r['new'])})"
            for r in o["rose"][:5]
        )
    if b["absent"]:
        line += "; resolved: " + ", ".join(esc(x["title"]) for x in b["absent"])
    return [line + ".", ""]
