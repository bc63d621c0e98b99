"""Reading a JSON report back (``--baseline``, ``diff``): bounded, strict JSON, and validated
against the published report schema, with every problem at ``file:line:column``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from checker.constants import MAX_REPORT_BYTES
from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Position
from checker.load.files import read_bounded
from checker.validate import schema

_HINT = "write one with: playbook-check report FILES --format json -o REPORT"
# JSON strings, or one of the constants Python's json module accepts but JSON does not.
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


class _NotJson(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NotJson(name)


def _position(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _fail(name: str, message: str, pos: Position | None = None) -> CheckerError:
    pos = pos or Position()
    return CheckerError([Diagnostic("PC412", message, name, pos.line, pos.column, hint=_HINT)])


def load_report(path: str | Path, *, role: str = "report") -> dict[str, Any]:
    """The JSON report at ``path``. Raises :class:`CheckerError` (PC100, PC103, PC111 for the
    file; PC412 for its content, at the position of the first problem)."""
    name = str(path)
    raw = read_bounded(path, display=name, max_bytes=MAX_REPORT_BYTES, what=role)
    return parse_report(raw, name, role=role)


def parse_report(raw: bytes, name: str, *, role: str = "report") -> dict[str, Any]:
    """The JSON report in ``raw`` (read from ``name``), checked as :func:`load_report` checks
    a file: for a caller that keeps the bytes it read (``collect`` stores them as they are)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = raw[: exc.start]
        pos = Position(head.count(b"\n") + 1, len(head) - (head.rfind(b"\n") + 1) + 1)
        raise _fail(name, f"{role} is not UTF-8 (byte 0x{raw[exc.start]:02x})", pos) from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except _NotJson as exc:
        offset = next((m.start(1) for m in _CONSTANT.finditer(text) if m.group(1)), 0)
        raise _fail(
            name, f"{role} is not JSON: {exc} is not a JSON number", _position(text, offset)
        ) from None
    except json.JSONDecodeError as exc:
        raise _fail(
            name, f"{role} is not JSON: {exc.msg}", Position(exc.lineno, exc.colno)
        ) from None
    except RecursionError:
        raise _fail(name, f"{role} is not JSON: nested too deep") from None
    if not isinstance(data, dict) or data.get("format") != "playbook-check-report":
        raise _fail(name, f"{role} is not a playbook-check JSON report")
    if not schema.is_valid(data, "report"):
        raise CheckerError(_schema_errors(data, text, name, role))
    return data


def _schema_errors(data: Any, text: str, name: str, role: str) -> list[Diagnostic]:
    """The schema's errors, positioned by reading the same text as YAML (JSON is YAML)."""
    from checker.load.yaml import load_text

    try:
        source_map = load_text(text, name, max_values=10**7).source_map
    except CheckerError:
        source_map = None
    sink = DiagnosticSink(name, source_map)
    schema.validate(data, "report", sink)
    return [
        Diagnostic(
            "PC412",
            f"{role} does not match the report schema: {d.message}",
            name,
            d.line,
            d.column,
            hint=_HINT,
        )
        for d in sorted(sink.bounded(), key=Diagnostic.sort_key)
    ]
