"""What a command writes, the tool accepts: the scaffolding commands (``init``,
``new-checklist``, ``topology init``) run the file they are about to write through the checks
``validate``, ``lint`` and ``topology check`` apply to it, and write nothing (PC207) when those
checks would refuse it, whatever the options said (a blank team, an id of 200 characters, a
title with a colon, an organisation name over the limit)."""

from __future__ import annotations

import json
from collections.abc import Collection

from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Severity
from checker.load.yaml import load_text
from checker.textsafe import json_safe


def yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: JSON's string syntax, which YAML reads as is,
    with unsafe characters escaped (an id ``1`` or ``null`` stays text, a colon stays in)."""
    return json_safe(json.dumps(text, ensure_ascii=False))


def answers_problems(text: str, name: str) -> list[Diagnostic]:
    """What ``validate`` says about the structure of an answers file (unanswered questions
    aside: a template is written to be answered)."""
    from checker.validate.answers import validate_answer_schema

    try:
        doc = load_text(text, name)
    except CheckerError as exc:
        return exc.diagnostics
    sink = DiagnosticSink(name, doc.source_map)
    validate_answer_schema(doc, sink)
    return sink.items


def checklist_problems(
    text: str, name: str, checklist_id: str, pitfalls: Collection[str] | None
) -> list[Diagnostic]:
    """What ``lint`` says about a checklist file named ``<checklist_id>.yaml``."""
    from checker.validate.checklist import build_checklist

    try:
        doc = load_text(text, name)
    except CheckerError as exc:
        return exc.diagnostics
    _checklist, sink = build_checklist(doc, pitfalls=pitfalls, expected_id=checklist_id)
    return sink.items


def topology_problems(text: str, name: str) -> list[Diagnostic]:
    """What ``topology check`` says about a topology file."""
    from checker.topology.load import load_topology_text

    return load_topology_text(text, name)[1]


def refuse_unless_accepted(problems: list[Diagnostic], change: str) -> None:
    """Raise :class:`CheckerError` (PC207) when ``problems`` hold an error: nothing is written.
    ``change`` names the options to change, for the hint."""
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        raise CheckerError(
            [
                Diagnostic(
                    "PC207",
                    f"not written: the file would fail its own check: {d.message} ({d.code})",
                    d.file,
                    d.line,
                    d.column,
                    hint=f"change {change}",
                )
                for d in errors
            ]
        )
