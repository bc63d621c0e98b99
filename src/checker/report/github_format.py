"""GitHub Actions workflow commands: annotations on the answer lines.

``::error`` only for what fails the run (an error diagnostic, a finding that fails, a score
below the baseline); ``::warning`` and ``::notice`` for the rest, so the annotations agree with
the exit code."""

from __future__ import annotations

from typing import Any

from checker.report.document import baseline_note, level, score_drop

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(doc: dict[str, Any]) -> str:
    out: list[str] = []
    for f in doc["files"]:
        for d in f["diagnostics"]:
            kind = "error" if d["severity"] == "error" else "warning"
            msg = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
            out.append(
                f"::{kind} file={_prop(d['file'])},line={d['line']},col={d['column']},"
                f"title={_prop(d['code'])}::{_data(msg)}"
            )
        for x in f.get("findings", []):
            if x["status"] == "exempted":
                continue
            t = x["triggers"][0]
            title = f"{x['risk']} risk{baseline_note(x)}: {x['title']}"
            out.append(
                f"::{_COMMAND[level(x)]} file={_prop(f['file'])},line={t['line']},"
                f"col={t['column']},title={_prop(title)}::"
                f"{_data(x['advice'] + ' [' + x['id'] + ']')}"
            )
        drop = score_drop(f, doc["baseline"]["file"]) if "baseline" in doc else None
        if drop is not None:
            text, line, column = drop
            out.append(
                f"::error file={_prop(f['file'])},line={line},col={column},"
                f"title={_prop('worse than the baseline')}::" + _data(text)
            )
    return "".join(line + "\n" for line in out)
