"""Upgrade one answers file: read it, plan the upgrade, rewrite the text, check the result."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, NamedTuple

from checker.diagnostics import CheckerError, Diagnostic, DiagnosticSink, Position
from checker.load.files import read_bounded
from checker.load.yaml import decode, load_text
from checker.model import Checklist
from checker.registry import ChecklistRegistry
from checker.suggest import did_you_mean
from checker.upgrade.plan import Plan, plan
from checker.validate.answers import NEWER_HINT, parse_reference, validate_answer_schema
from checker.validate.migrations import chain, read

BOM = b"\xef\xbb\xbf"


class Outcome(NamedTuple):
    """What upgrading one file found: ``status`` is ``current`` (nothing to do), ``due``
    (``after`` is the upgraded text) or ``invalid`` (errors among the diagnostics)."""

    file: str
    status: str
    diagnostics: list[Diagnostic]
    raw: bytes = b""
    """The file's bytes as read (to notice a change before writing)."""
    before: str = ""
    after: str = ""
    plan: Plan | None = None
    reference: Position = Position()
    """Where the file names its checklist version."""


def upgrade_file(path: str | Path, registry: ChecklistRegistry, max_bytes: int) -> Outcome:
    """The upgrade of one answers file (nothing is written); never raises for bad input."""
    name = str(path)
    try:
        raw = read_bounded(path, display=name, max_bytes=max_bytes, what="YAML file")
        text = decode(raw, name, max_bytes)
        doc = load_text(text, name)
    except CheckerError as exc:
        return Outcome(name, "invalid", exc.diagnostics)
    sink = DiagnosticSink(name, doc.source_map)

    def invalid(more: list[Diagnostic] | None = None) -> Outcome:
        return Outcome(name, "invalid", _sorted(sink.items + (more or [])), raw)

    if not validate_answer_schema(doc, sink):
        return invalid()
    cid, version = parse_reference(doc.data["checklist"])
    try:
        newest = registry.get(cid)
    except CheckerError as exc:
        sink.add("PC411", f"checklist {cid!r} is invalid; fix it first", ("checklist",))
        return invalid(exc.diagnostics)
    if newest is None:
        known = registry.ids()
        sink.add(
            "PC410",
            f"unknown checklist {cid!r}",
            ("checklist",),
            hint=did_you_mean(cid, known) or "`playbook-check list` shows the checklists found",
        )
        return invalid()
    major = newest.version[0]
    if version[0] > major:
        sink.add(
            "PC402",
            f"answers are for {cid}@{version[0]}.x but the newest known version is "
            f"{newest.version_text}",
            ("checklist",),
            hint=NEWER_HINT,
        )
        return invalid()
    if version[0] == major:
        return Outcome(name, "current", [], raw, text)
    steps = chain(read(newest), version[0], major)
    if isinstance(steps, int):
        sink.add(
            "PC422",
            f"cannot upgrade {doc.data['checklist']}: {cid} {newest.version_text} declares no "
            f"migration from {steps}.x",
            ("checklist",),
            hint="ask the checklist's maintainers for one, or answer the new version with "
            f"`playbook-check init {cid}`",
        )
        return invalid()

    def archived(m: int) -> Checklist | None:
        try:
            return registry.archived(cid, m)
        except CheckerError:
            return None  # lint reports it; the upgrade works without it

    upgrade = plan(doc.data, sink, newest, steps, archived)
    after = _rewrite(text, upgrade, name)
    if isinstance(after, Diagnostic):
        return invalid([after])
    if raw.startswith(BOM):
        after = "\ufeff" + after
    where = doc.source_map.position(("checklist",))
    return Outcome(name, "due", _sorted(sink.items), raw, text, after, upgrade, where)


def _rewrite(text: str, upgrade: Plan, name: str) -> str | Diagnostic:
    """The text with the plan's edits made, line endings kept, or why it cannot be (PC425)."""
    from checker.upgrade.roundtrip import RoundTripError, apply

    crlf = "\r\n" in text
    try:
        after = apply(text.replace("\r\n", "\n") if crlf else text, upgrade.edits)
        reread = load_text(after, name).data
    except (RoundTripError, CheckerError) as exc:
        reason = exc.diagnostics[0].message if isinstance(exc, CheckerError) else str(exc)
        return _cannot(name, reason)
    if not same(reread, upgrade.data):
        return _cannot(name, "the rewritten file would not read back as planned")
    return after.replace("\n", "\r\n") if crlf else after


def _cannot(name: str, reason: str) -> Diagnostic:
    return Diagnostic(
        "PC425",
        f"cannot rewrite this file and keep its layout: {reason}; nothing was written",
        name,
        hint="upgrade it by hand: `playbook-check init CHECKLIST` prints the new version's "
        "questions and the checklist's migrations say what changed",
    )


def same(a: Any, b: Any) -> bool:
    """Equal data, where ``1``, ``1.0`` and ``True`` differ (answers are judged by kind)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _sorted(items: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(items), key=Diagnostic.sort_key)
