"""GitHub Actions workflow commands: annotations on the answer lines.

``::error`` only for what fails the run (an error diagnostic, a finding that fails, a score
below the baseline); ``::warning`` and ``::notice`` for the rest, so the annotations agree with
the exit code.

The Actions runner keeps the first :data:`PER_STEP` annotations of each kind per step and drops
the rest without a word. When a kind overflows, the first ``PER_STEP - 1`` are written and the
last one it keeps says how many more there are and where they all are (the job summary, the
text report); ``ci/action.sh`` copies those words into the job summary. ``file=`` is relative
to the repository root, which is how the runner reads a relative path, whatever folder the
check ran from; messages are cut to the runner's 4,096 characters.
"""

from __future__ import annotations

from typing import NamedTuple

from checker.report.paths import RepoPaths
from checker.report.types import ReportDocument
from checker.report.util import baseline_note, level, score_drop

PER_STEP = 10
"""Annotations of one kind that GitHub keeps per step (actions/runner ``AddIssue``)."""

MAX_MESSAGE = 4096
"""Characters of a message that GitHub keeps."""

KINDS = ("error", "warning", "notice")
_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}
_PLURAL = {"error": "errors", "warning": "warnings", "notice": "notices"}
SUMMARY_TITLE = "playbook-check: annotations not shown"
"""The title of the annotation that says what GitHub would have dropped."""


class Annotation(NamedTuple):
    kind: str
    file: str
    line: int
    column: int
    title: str
    message: str

    def command(self) -> str:
        where = f"file={_prop(self.file)},line={self.line},col={self.column}," if self.file else ""
        return f"::{self.kind} {where}title={_prop(self.title)}::{_data(_cut(self.message))}"


def _cut(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def all_annotations(doc: ReportDocument) -> list[Annotation]:
    """Every annotation of the run, in report order, before GitHub's limit."""
    paths = RepoPaths()
    out: list[Annotation] = []
    for f in doc["files"]:
        file = paths.relative(f["file"]) or f["file"]
        for d in f["diagnostics"]:
            kind = "error" if d["severity"] == "error" else "warning"
            msg = d["message"] + (f" ({d['hint']})" if d["hint"] else "")
            out.append(Annotation(kind, file, d["line"], d["column"], d["code"], msg))
        for x in f.get("findings", []):
            if x["status"] == "exempted":
                continue
            t = x["triggers"][0]
            title = f"{x['risk']} risk{baseline_note(x)}: {x['title']}"
            message = f"{x['advice']} [{x['id']}]"
            out.append(Annotation(_COMMAND[level(x)], file, t["line"], t["column"], title, message))
        drop = score_drop(f, doc["baseline"]["file"]) if "baseline" in doc else None
        if drop is not None:
            text, line, column = drop
            out.append(Annotation("error", file, line, column, "worse than the baseline", text))
    return out


def render(doc: ReportDocument) -> str:
    every = all_annotations(doc)
    totals = {k: sum(1 for a in every if a.kind == k) for k in KINDS}
    # How many of each kind GitHub would not show (the summary annotation takes one place).
    dropped = {k: n - (PER_STEP - 1) if n > PER_STEP else 0 for k, n in totals.items()}
    written = {k: 0 for k in KINDS}
    out: list[str] = []
    for a in every:
        if dropped[a.kind] and written[a.kind] == PER_STEP - 1:
            continue
        written[a.kind] += 1
        out.append(a.command())
    for kind in KINDS:
        if dropped[kind]:
            message = (
                f"{dropped[kind]} more {_PLURAL[kind]} are not annotated: GitHub shows at "
                f"most {PER_STEP} {_PLURAL[kind]} per step. The job summary and "
                "`playbook-check report --format text` list every finding."
            )
            out.append(Annotation(kind, "", 0, 0, SUMMARY_TITLE, message).command())
    return "".join(line + "\n" for line in out)
