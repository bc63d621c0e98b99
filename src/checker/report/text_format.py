"""Terminal report: compiler-style diagnostics, then findings and scores per file."""

from __future__ import annotations

from typing import Any

from checker.model import fails
from checker.report.document import baseline_note
from checker.report.util import fmt_score, in_points, level_text, plural


def _fails_run(finding: dict[str, Any], doc: dict[str, Any]) -> bool:
    """Whether an open finding fails the run (at ``--fail-on``; new or riskier against a
    baseline). Uses the document's own ``fails`` flag when it has one."""
    if "fails" in finding:
        return bool(finding["fails"])
    return (
        finding["status"] == "open"
        and fails(finding["risk"], doc["fail_on"])
        and finding.get("baseline") in (None, "new", "updated")
    )


def failing(doc: dict[str, Any]) -> dict[str, Any]:
    """The part of ``doc`` a quiet report shows: each file's errors and the findings that fail
    the run (so only that is neutralised and rendered; most of a report is not shown)."""
    return {
        "fail_on": doc["fail_on"],
        "files": [
            {
                "file": f["file"],
                "valid": f["valid"],
                "diagnostics": [d for d in f["diagnostics"] if d["severity"] == "error"],
                "findings": [x for x in f.get("findings", ()) if _fails_run(x, doc)],
            }
            for f in doc["files"]
        ],
    }


def render(doc: dict[str, Any], *, quiet: bool = False) -> str:
    """The report; ``quiet`` keeps only what fails the run (errors, failing findings), each
    with its hint or advice."""
    out: list[str] = []
    for f in doc["files"]:
        for d in f["diagnostics"]:
            if quiet and d["severity"] != "error":
                continue
            out.append(
                f"{d['file']}:{d['line']}:{d['column']}: {d['severity']}: "
                f"{(d['message'])} [{d['code']}]"
            )
            if d["hint"]:
                out.append(f"  hint: {(d['hint'])}")
        if not f["valid"]:
            continue
        if quiet:
            for finding in f["findings"]:
                if _fails_run(finding, doc):
                    out += _finding_lines(f, finding)
            continue
        score = f["score"]
        if f.get("kind") == "topology":
            shape = f["topology"]
            out.append(
                f"{f['file']}: {f['team']} — team topology: "
                f"{plural(shape['teams'], 'team')}, {plural(shape['interactions'], 'interaction')}"
            )
        elif "not_applicable" in f:
            out.append(
                f"{f['file']}: {(f['team'])} — {f['checklist']['title']} "
                f"{f['checklist']['version']}: does not apply: {f['not_applicable']}"
            )
        else:
            out.append(
                f"{f['file']}: {(f['team'])} — {f['checklist']['title']} "
                f"{f['checklist']['version']}: score {fmt_score(score['overall'])}"
                f"{' points' if in_points(score) else ''}"
                f" ({score['aggregate']}), level {level_text(score)}"
            )
        for s in score["sections"] if "not_applicable" not in f else ():
            out.append(f"  {s['title']}: {fmt_score(s['score'])}")
        for finding in f["findings"]:
            out += _finding_lines(f, finding)
        costly = [c for c in score["costs"] if c["cost"]][:5]
        if costly:
            out.append(
                "  points lost: "
                + ", ".join(f"{c['question']} -{fmt_score(c['cost'])}" for c in costly)
            )
    if quiet:
        return "".join(line + "\n" for line in out)
    out.append(summary_line(doc))
    return "\n".join(out) + "\n"


def summary_line(doc: dict[str, Any]) -> str:
    """``N files checked: ...; findings: ...``: the run in one line (the text report's last)."""
    s = doc["summary"]
    return (
        f"{plural(s['files'], 'file')} checked: {plural(s['invalid'], 'invalid file')}, "
        f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}; findings: "
        f"{s['high']} high, {s['medium']} medium, {s['low']} low, {s['exempted']} exempted"
    )


def _finding_lines(f: dict[str, Any], finding: dict[str, Any]) -> list[str]:
    t = finding["triggers"][0]
    status = (
        " (exempted until {})".format(finding["exemption"]["expires"])
        if finding["status"] == "exempted"
        else ""
    )
    return [
        f"{f['file']}:{t['line']}:{t['column']}: {finding['risk']}: "
        f"{(finding['title'])} [{finding['id']}]{status}{baseline_note(finding)}",
        f"  advice: {(finding['advice'])}",
        f"  pitfall: {finding['pitfall']}",
    ]
