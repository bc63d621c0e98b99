"""Markdown report, e.g. for a CI job summary ($GITHUB_STEP_SUMMARY). Team text is escaped;
paths and ids go in code spans, where CommonMark shows every character literally. The verdict
agrees with the exit code; against a baseline, each finding says whether it is new.

:func:`render_compact` is the summary for a pull-request comment: the verdict, the invalid
files, the findings that fail the run and one row per assessment, cut to GitHub's
:data:`COMMENT_LIMIT` with a note when even that is too long."""

from __future__ import annotations

import re

from checker.codes import EXIT_INVALID, EXIT_OK
from checker.report.types import FileEntry, ReportDocument
from checker.report.util import BASELINE_LABELS, exemption_of, fmt_score, in_points, level_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_RISK_ICON = {"high": "🔴 high", "medium": "🟠 medium", "low": "🟡 low"}

COMMENT_LIMIT = 65_536
"""Characters GitHub accepts in a pull-request (or issue) comment."""


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


def _result_line(doc: ReportDocument) -> str:
    s = doc["summary"]
    return (
        f"**Result:** {_verdict(doc)}. {s['files']} file(s), {s['high']} high, {s['medium']} "
        f"medium, {s['low']} low, {s['exempted']} exempted findings, {s['failing']} failing "
        f"the run; {s['errors']} error(s), {s['warnings']} warning(s)."
    )


def render(doc: ReportDocument) -> str:
    out = ["# Playbook check", "", _result_line(doc), ""]
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
            elif "not_applicable" in f:
                out += [f"Does not apply to this team: {esc(f['not_applicable'])}", ""]
            else:
                out += [
                    f"Overall score **{fmt_score(sc['overall'])}**"
                    f"{' points' if in_points(sc) else ''} ({sc['aggregate']}), "
                    f"maturity level **{esc(level_text(sc))}**.",
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
                    exemption = exemption_of(x)
                    if exemption is not None:
                        name += f" (exempted until {exemption['expires']})"
                    risk = _RISK_ICON[x["risk"]] + (" — **fails the run**" if x["fails"] else "")
                    state = f" {BASELINE_LABELS[x['baseline']]} |" if judged else ""
                    out.append(
                        f"| {risk} | {name} | line {t['line']} |{state} {esc(x['advice'])} |"
                    )
                out.append("")
            elif "not_applicable" not in f:
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


def _verdict(doc: ReportDocument) -> str:
    fail_on = code(doc["fail_on"])
    if doc["exit_code"] == EXIT_INVALID:
        return "failed: invalid input"
    if "baseline" not in doc:
        return (
            "passed" if doc["exit_code"] == EXIT_OK else f"failed: findings at or above {fail_on}"
        )
    b = doc["baseline"]
    counts = (
        f"{b['new']} new, {b['updated']} riskier, {b['unchanged']} in the baseline, "
        f"{b['absent']} resolved"
    )
    where = code(b["file"])
    if doc["exit_code"] == EXIT_OK:
        return f"passed: not worse than the baseline {where} ({counts})"
    return f"failed: worse than the baseline {where} ({counts}; failing at or above {fail_on})"


def _against_baseline(f: FileEntry) -> list[str]:
    b = f.get("baseline")
    if not b:
        return []
    o = b["overall"]
    if b["matched"] is None or o is None:
        return ["Not in the baseline: every finding is new.", ""]
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


def _title(f: FileEntry) -> str:
    return str(f["checklist"]["title"])


def render_compact(doc: ReportDocument) -> str:
    """The summary for a pull-request comment, at most :data:`COMMENT_LIMIT` characters."""
    judged = "baseline" in doc
    invalid = [
        f"| {code(f['file'], in_table=True)} | {d['line']}:{d['column']} {esc(d['message'])} "
        f"\\[{d['code']}\\] |"
        for f in doc["files"]
        if not f["valid"]
        for d in f["diagnostics"]
        if d["severity"] == "error"
    ]
    failing = []
    for f in doc["files"]:
        for x in f.get("findings", []) if f["valid"] else []:
            if not x["fails"]:
                continue
            state = f" {BASELINE_LABELS[x['baseline']]} |" if judged else ""
            failing.append(
                f"| {esc(f['team'])} | {esc(_title(f))} | {_RISK_ICON[x['risk']]}: "
                f"{esc(x['title'])} | {code(f['file'], in_table=True)} line "
                f"{x['triggers'][0]['line']} |{state}"
            )
    assessments = []
    for f in doc["files"]:
        if not f["valid"]:
            assessments.append(f"| {code(f['file'], in_table=True)} | invalid | | | | |")
            continue
        sc, c = f["score"], f["counts"]
        score = fmt_score(sc["overall"]) + (" points" if in_points(sc) else "")
        fails = sum(1 for x in f["findings"] if x["fails"])
        assessments.append(
            f"| {esc(f['team'])} | {esc(_title(f))} | {score} | {esc(sc['level'] or 'n/a')} | "
            f"{c['high']} / {c['medium']} / {c['low']} | {fails} |"
        )
    sections = [
        ("Invalid files", ["| File | First errors |", "|---|---|"], invalid),
        (
            "Findings that fail the run",
            [
                "| Team | Checklist | Finding | Where |" + (" Baseline |" if judged else ""),
                "|---" * (5 if judged else 4) + "|",
            ],
            failing,
        ),
        (
            "Assessments",
            [
                "| Team | Checklist | Score | Level | Open high / medium / low | Failing |",
                "|---|---|---:|---|---|---:|",
            ],
            assessments,
        ),
    ]
    return _fit(["# Playbook check", "", _result_line(doc), ""], sections)


def _fit(head: list[str], sections: list[tuple[str, list[str], list[str]]]) -> str:
    """``head`` and each section (a heading and a table) with as many rows as fit in
    :data:`COMMENT_LIMIT`; a section cut short says how many rows are not shown."""
    note = (
        "_{} more rows not shown: the comment would pass GitHub's limit of "
        f"{COMMENT_LIMIT:,} characters. `playbook-check report --format markdown` writes "
        "them all._"
    )
    reserve = len(note) + 16  # room for the note of a cut section
    out = list(head)
    used = sum(len(line) + 1 for line in out)
    for heading, table, rows in sections:
        if not rows:
            continue
        block = [f"## {heading} ({len(rows)})", "", *table]
        cost = sum(len(line) + 1 for line in block)
        shown = 0
        if used + cost + reserve <= COMMENT_LIMIT:
            out += block
            used += cost
            for row in rows:
                if used + len(row) + 1 + reserve > COMMENT_LIMIT:
                    break
                out.append(row)
                used += len(row) + 1
                shown += 1
        else:
            line = f"## {heading} ({len(rows)})"
            out.append(line)
            used += len(line) + 1
        out.append("")
        used += 1
        if shown < len(rows):
            line = note.format(len(rows) - shown)
            out += [line, ""]
            used += len(line) + 2
    return "\n".join(out)
