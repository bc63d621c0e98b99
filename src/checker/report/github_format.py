"""GitHub Actions workflow commands: annotations on the answer lines."""

from __future__ import annotations

from typing import Any

_LEVEL = {"high": "error", "medium": "warning", "low": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(doc: dict[str, Any]) -> str:
    out: list[str] = []
    for f in doc["files"]:
        for d in f["diagnostics"]:
            level = "error" if d["severity"] == "error" else "warning"
            msg = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
            out.append(
                f"::{level} file={_prop(d['file'])},line={d['line']},col={d['column']},"
                f"title={_prop(d['code'])}::{_data(msg)}"
            )
        for x in f.get("findings", []):
            if x["status"] == "exempted":
                continue
            t = x["triggers"][0]
            out.append(
                f"::{_LEVEL[x['risk']]} file={_prop(f['file'])},line={t['line']},"
                f"col={t['column']},title={_prop(x['risk'] + ' risk: ' + x['title'])}::"
                f"{_data(x['advice'] + ' [' + x['id'] + ']')}"
            )
    return "".join(line + "\n" for line in out)
