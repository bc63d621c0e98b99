"""Terminal report: compiler-style diagnostics, then findings and scores per file."""

from __future__ import annotations

from checker.report.types import FileEntry, FindingEntry, ReportDocument
from checker.report.util import (
    baseline_note,
    exemption_of,
    fmt_score,
    in_points,
    level_text,
    plural,
)


def failing(doc: ReportDocument) -> ReportDocument:
    """The part of ``doc`` a quiet report shows: each file's errors and the findings that fail
    the run (so only that is neutralised and rendered; most of a report is not shown)."""
    out = doc.copy()
    out["files"] = [
        {
            "file": f["file"],
            "valid": f["valid"],
            "diagnostics": [d for d in f["diagnostics"] if d["severity"] == "error"],
            "findings": [x for x in f.get("findings", ()) if x["fails"]],
        }
        for f in doc["files"]
    ]
    return out


def render(doc: ReportDocument, *, quiet: bool = False) -> str:
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
                if finding["fails"]:
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


def summary_line(doc: ReportDocument) -> str:
    """``N files checked: ...; findings: ...``: the run in one line (the text report's last)."""
    s = doc["summary"]
    return (
        f"{plural(s['files'], 'file')} checked: {plural(s['invalid'], 'invalid file')}, "
        f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}; findings: "
        f"{s['high']} high, {s['medium']} medium, {s['low']} low, {s['exempted']} exempted"
    )


def _finding_lines(f: FileEntry, finding: FindingEntry) -> list[str]:
    t = finding["triggers"][0]
    exemption = exemption_of(finding)
    status = f" (exempted until {exemption['expires']})" if exemption else ""
    return [
        f"{f['file']}:{t['line']}:{t['column']}: {finding['risk']}: "
        f"{(finding['title'])} [{finding['id']}]{status}{baseline_note(finding)}",
        f"  advice: {(finding['advice'])}",
        f"  pitfall: {finding['pitfall']}",
    ]
