"""The one reader of JSON reports, for the CLI (``--baseline``, ``diff``) and the site
(``{assessment}`` and ``{assessment-overview}`` of a ``.json`` file): bounded, strict JSON
(:mod:`checker.load.json_text`), valid against the published report schema, and values that
mean what they say (:mod:`checker.report.meaning`), with every problem at ``file:line:column``.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, cast

from checker.constants import MAX_REPORT_BYTES
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Position
from checker.load.files import read_bounded
from checker.load.json_text import JsonMap, JsonProblem, parse
from checker.report import meaning
from checker.report.types import ReportDocument
from checker.validate import schema

CODE = "PC412"
_HINT = "write one with: playbook-check report FILES --format json -o REPORT"


class Report(NamedTuple):
    """A JSON report that passed every check: its data, and where each value is."""

    name: str
    data: ReportDocument
    source_map: JsonMap

    def line(self, path: tuple[object, ...]) -> int:
        """The line of the key that introduces ``path`` (of its value for a list item)."""
        return self.source_map.key_position(path).line


def _fail(name: str, message: str, pos: Position | None = None) -> CheckerError:
    pos = pos or Position()
    return CheckerError([Diagnostic(CODE, message, name, pos.line, pos.column, hint=_HINT)])


def read_report(
    path: str | Path,
    *,
    display: str | None = None,
    role: str = "report",
    max_bytes: int = MAX_REPORT_BYTES,
) -> Report:
    """The JSON report at ``path`` (named ``display`` in messages). Raises
    :class:`CheckerError`: PC100, PC103, PC111 for the file; PC412 for text that is not a
    report, at the first problem; PC430 for values that do not add up, each located."""
    name = str(path) if display is None else display
    raw = read_bounded(path, display=name, max_bytes=max_bytes, what=role)
    return parse_report(raw, name, role=role)


def parse_report(raw: bytes, name: str, *, role: str = "report") -> Report:
    """The report in ``raw`` (the bytes of a file named ``name``); see :func:`read_report`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start]
        pos = Position(head.count(b"\n") + 1, len(head) - (head.rfind(b"\n") + 1) + 1)
        raise _fail(name, f"{role} is not UTF-8 (byte 0x{raw[exc.start]:02x})", pos) from None
    source_map = JsonMap(text)
    try:
        data = parse(text)
    except JsonProblem as exc:
        raise _fail(name, f"{role} is not JSON: {exc.message}", source_map.at(exc.offset)) from None
    except RecursionError:
        raise _fail(name, f"{role} is not JSON: nested too deep") from None
    if not isinstance(data, dict) or data.get("format") != "playbook-check-report":
        raise _fail(name, f"{role} is not a playbook-check JSON report")
    sink = DiagnosticSink(name, source_map)
    if not schema.is_valid(data, "report"):
        schema.validate(data, "report", sink)
        raise CheckerError(
            [
                Diagnostic(
                    CODE,
                    f"{role} does not match the report schema: {d.message}",
                    name,
                    d.line,
                    d.column,
                    hint=_HINT,
                )
                for d in sorted(sink.bounded(), key=Diagnostic.sort_key)
            ]
        )
    doc = cast(ReportDocument, data)  # valid against the schema the type is generated from
    meaning.check(doc, sink, role)
    sink.raise_if_errors()
    return Report(name, doc, source_map)


def load_report(path: str | Path, *, role: str = "report") -> ReportDocument:
    """The data of the JSON report at ``path``; see :func:`read_report`."""
    return read_report(path, role=role).data
