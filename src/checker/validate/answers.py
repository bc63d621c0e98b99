"""Build :class:`~checker.model.Answers` from YAML and check them against their checklist."""

from __future__ import annotations

import datetime as dt
import math
import os
from functools import cache, partial
from pathlib import Path
from typing import Any

from checker.constants import YES_NO
from checker.diagnostics import DiagnosticSink, Severity
from checker.load.files import path_problem, safe_resolve
from checker.load.yaml import Document
from checker.model import Answers, Checklist, Exemption, NotApplicable, Question
from checker.suggest import did_you_mean
from checker.textsafe import brief, is_blank
from checker.validate import schema
from checker.validate.exemptions import read_exemptions

_YES = YES_NO

UPGRADE_HINT = "rewrite the answers for the newest version with `playbook-check upgrade FILE`"
"""What to do about answers for an earlier major version (the browser form says the same)."""
NEWER_HINT = "upgrade playbook-check to a release with the newer checklist"


def parse_reference(text: str) -> tuple[str, tuple[int, int]]:
    """Split ``team-shape@1.2`` into ``("team-shape", (1, 2))`` (schema-valid input)."""
    cid, version = text.split("@", 1)
    major, minor = version.split(".")
    return cid, (int(major), int(minor))


def build_answers(
    doc: Document,
    checklist: Checklist,
    sink: DiagnosticSink,
    *,
    evidence_root: Path | None = None,
    allow_incomplete: bool = False,
) -> Answers | None:
    """Check schema-valid answer data against ``checklist``; None if errors were found."""
    data: dict[str, Any] = doc.data
    smap = doc.source_map
    cid, answered_version = parse_reference(data["checklist"])
    major, minor, _patch = checklist.version
    if answered_version[0] != major:
        sink.add(
            "PC402",
            f"answers are for {cid}@{answered_version[0]}.x but this checklist is "
            f"version {checklist.version_text}",
            ("checklist",),
            hint=UPGRADE_HINT if answered_version[0] < major else NEWER_HINT,
        )
        return None
    elif answered_version[1] > minor:
        sink.add(
            "PC402",
            f"answers are for {data['checklist']} but the newest known version "
            f"is {checklist.version_text}",
            ("checklist",),
            hint=NEWER_HINT,
        )

    if "not_applicable" in data:
        return _not_applicable(doc, checklist, sink, evidence_root)
    questions = checklist.questions
    values: dict[str, Any] = {}
    invalid: set[str] = set()
    positions = {}
    for qid, raw in data["answers"].items():
        path = ("answers", qid)
        positions[qid] = smap.position(path)
        q = questions.get(qid)
        if q is None:
            sink.add(
                "PC401",
                f"unknown question {qid!r} in checklist {checklist.id!r}",
                path,
                hint=partial(
                    did_you_mean, qid, questions, "run `playbook-check init` to list them"
                ),
                at_key=True,
            )
            continue
        errors_before = sink.error_count
        value = _normalise(q, raw, path, sink)
        if value is not None:
            values[qid] = value
        elif sink.error_count > errors_before:
            invalid.add(qid)

    _check_keys(data.get("notes", {}), "notes", questions, sink)
    evidence = _check_evidence(data.get("evidence", {}), questions, sink, doc, evidence_root)
    exemptions = _check_exemptions(data.get("exemptions", []), checklist, sink, smap)

    visible = checklist.visible_questions(values)
    for q in checklist.question_list():
        raw = data["answers"].get(q.id)
        path = ("answers", q.id)
        if q.id not in visible:
            if q.id in values:
                sink.add(
                    "PC406",
                    f"{q.id!r} is answered but not asked: its show_if condition does not hold",
                    path,
                    severity=Severity.WARNING,
                    hint="remove the answer, or check the answers it depends on",
                    at_key=True,
                )
                del values[q.id]
            continue
        if q.id not in values and q.id not in invalid and q.required:
            severity = Severity.WARNING if allow_incomplete else Severity.ERROR
            if isinstance(raw, dict) and _blank_reason(raw.get("not_applicable")):
                msg = f"{q.id!r}: not applicable needs a reason, so it counts as unanswered"
                hint = 'write the reason: {not_applicable: "why it does not apply"}'
            else:
                msg = f"question {q.id!r} is not answered"
                hint = f"{q.prompt} ({_kind_hint(q)})"
            where = path if q.id in data["answers"] else ("answers",)
            sink.add("PC405", msg, where, severity=severity, hint=hint, at_key=True)
        if q.id in values and q.changed is not None and q.changed > answered_version:
            sink.add(
                "PC407",
                f"answer to {q.id!r} may be stale: the question changed in "
                f"{q.changed[0]}.{q.changed[1]}, after {data['checklist']}",
                path,
                severity=Severity.WARNING,
                at_key=True,
                hint=f"re-read the question, then set checklist: {checklist.id}@{major}.{minor}",
            )
    if sink.errors:
        return None
    return Answers(
        path=doc.path,
        checklist_id=cid,
        answered_version=answered_version,
        team=data["team"],
        assessed=data.get("assessed", ""),
        values=values,
        notes=dict(data.get("notes", {})),
        evidence=evidence,
        exemptions=exemptions,
        positions=positions,
        file_position=smap.key_position(("answers",)),
        team_position=smap.position(("team",)),
    )


def _not_applicable(
    doc: Document, checklist: Checklist, sink: DiagnosticSink, evidence_root: Path | None
) -> Answers | None:
    """Answers for a checklist that does not apply: a reason (PC417 without one), no answers
    (PC416 when there are some: they are ignored); notes, evidence and exemptions as usual."""
    data: dict[str, Any] = doc.data
    smap = doc.source_map
    reason = data["not_applicable"]
    if _blank_reason(reason):
        sink.add(
            "PC417",
            "not_applicable needs a reason: why the checklist does not apply to the team",
            ("not_applicable",),
            hint='write the reason: not_applicable: "why it does not apply to us"',
        )
    given = data.get("answers") or {}
    if given:
        ignored = "its answer is" if len(given) == 1 else f"its {len(given)} answers are"
        sink.add(
            "PC416",
            f"the checklist is answered as not applicable, so {ignored} ignored",
            ("answers",),
            severity=Severity.WARNING,
            hint="remove the answers, or remove not_applicable if the checklist applies",
            at_key=True,
        )
    questions = checklist.questions
    _check_keys(data.get("notes", {}), "notes", questions, sink)
    evidence = _check_evidence(data.get("evidence", {}), questions, sink, doc, evidence_root)
    exemptions = _check_exemptions(data.get("exemptions", []), checklist, sink, smap)
    if sink.errors:
        return None
    cid, answered_version = parse_reference(data["checklist"])
    return Answers(
        path=doc.path,
        checklist_id=cid,
        answered_version=answered_version,
        team=data["team"],
        assessed=data.get("assessed", ""),
        values={},
        notes=dict(data.get("notes", {})),
        evidence=evidence,
        exemptions=exemptions,
        positions={},
        file_position=smap.key_position(("not_applicable",)),
        team_position=smap.position(("team",)),
        not_applicable=reason,
    )


def _kind_hint(q: Question) -> str:
    if q.kind in ("choice", "multi-choice"):
        return ("one of: " if q.kind == "choice" else "a list of: ") + ", ".join(q.choice_ids)
    return {
        "yes-no": "yes or no",
        "count": "a whole number",
        "number": "a number",
        "percent": "a number from 0 to 100",
        "text": "text",
    }[q.kind]


def normalise(q: Question, raw: Any) -> Any:
    """``raw`` in normal form when it is a valid answer to ``q``, else None."""
    return _normalise(q, raw, (), DiagnosticSink(""))


def _normalise(q: Question, raw: Any, path: tuple[Any, ...], sink: DiagnosticSink) -> Any:
    """The answer in normal form, NotApplicable, or None (unanswered or invalid)."""
    if raw is None:
        return None
    if isinstance(raw, dict):
        reason = raw.get("not_applicable")
        if isinstance(reason, str) and not _blank_reason(reason):
            return NotApplicable(reason.strip())
        return None  # counted as unanswered later

    def bad() -> str:  # the message, built only for an invalid answer
        return f"{q.id!r} is a {q.kind} question; {brief(raw)} is not {_kind_hint(q)}"

    kind = q.kind
    if kind == "yes-no":
        value = raw if isinstance(raw, bool) else _YES.get(str(raw).lower())
        if value is None:
            sink.add("PC403", bad(), path, hint="answer yes or no (true and false work too)")
        return value
    if kind in ("count", "number", "percent"):
        ok = isinstance(raw, (int, float)) and not isinstance(raw, bool) and math.isfinite(raw)
        if ok and kind == "count":
            ok = isinstance(raw, int) and raw >= 0
        if ok and kind == "percent":
            ok = 0 <= raw <= 100
        if not ok:
            sink.add("PC403", bad(), path, hint="write a bare number, without quotes or units")
            return None
        return raw
    if kind == "choice":
        if not isinstance(raw, str) or raw not in q.choice_ids:
            sink.add("PC403", bad(), path, hint=lambda: did_you_mean(brief(raw), q.choice_ids))
            return None
        return raw
    if kind == "multi-choice":
        if not isinstance(raw, list):
            sink.add("PC403", bad(), path, hint="write a list, e.g. [a, b], or [] for none")
            return None
        seen: list[str] = []
        for i, item in enumerate(raw):
            if item not in q.choice_ids:
                sink.add(
                    "PC403",
                    f"{brief(item)} is not a choice of {q.id!r}",
                    (*path, i),
                    hint=did_you_mean(brief(item), q.choice_ids)
                    or "choices: " + ", ".join(q.choice_ids),
                )
                return None
            if item in seen:
                sink.add("PC403", f"{brief(item)} is listed twice", (*path, i))
                return None
            seen.append(item)
        return seen
    if not isinstance(raw, str):
        sink.add("PC403", bad(), path, hint="quote the text")
        return None
    return raw


def _check_keys(
    mapping: dict[str, Any], key: str, questions: dict[str, Question], sink: DiagnosticSink
) -> None:
    for qid in mapping:
        if qid not in questions:
            sink.add(
                "PC401",
                f"{key} for unknown question {qid!r}",
                (key, qid),
                at_key=True,
                hint=partial(did_you_mean, qid, questions),
            )


def evidence_root_for(answers_path: Path) -> Path:
    """The nearest enclosing git repository's root, else the answers file's directory (both
    resolved; a linked answers file belongs where its target is)."""
    if answers_path.is_symlink():
        return _root_of(answers_path.resolve().parent)
    return _root_of(_resolved(os.path.dirname(os.path.abspath(answers_path))))


@cache
def _safe_resolved(root: Path) -> Path | None:
    """``root`` resolved once per run (``None`` when it cannot be)."""
    return safe_resolve(root)


@cache
def _resolved(folder: str) -> Path:
    """A folder resolved once per run (thousands of answers files share a few folders)."""
    return Path(folder).resolve()


@cache
def _root_of(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


def is_evidence_url(ref: str) -> bool:
    """Whether evidence is a usable link: http(s), with no space or control character (every
    space but U+0020 is unprintable). The site links only these."""
    return ref.startswith(("https://", "http://")) and " " not in ref and ref.isprintable()


def _check_evidence(
    mapping: dict[str, Any],
    questions: dict[str, Question],
    sink: DiagnosticSink,
    doc: Document,
    root: Path | None,
) -> dict[str, tuple[str, ...]]:
    _check_keys(mapping, "evidence", questions, sink)
    if not mapping:
        return {}
    # Callers that load a file under a display name pass the root (see pipeline.check_answers).
    base = _safe_resolved(root) if root is not None else evidence_root_for(Path(doc.path))
    result: dict[str, tuple[str, ...]] = {}
    for qid, raw in mapping.items():
        items = [raw] if isinstance(raw, str) else list(raw)
        for i, item in enumerate(items):
            path = ("evidence", qid) if isinstance(raw, str) else ("evidence", qid, i)
            if "://" in item:
                if not item.startswith(("https://", "http://")):
                    sink.add(
                        "PC404",
                        f"evidence {brief(item)} is neither an http(s) URL nor a path",
                        path,
                        hint="link with https://, or give a path in the repository",
                    )
                elif not is_evidence_url(item):
                    sink.add(
                        "PC404",
                        f"evidence URL {item!r} contains a space or control character",
                        path,
                        hint="encode spaces in URLs as %20",
                    )
                continue
            problem = _evidence_problem(base, item)
            if problem is not None:
                message, hint = problem
                sink.add("PC404", f"evidence path {brief(item)} {message}", path, hint=hint)
        result[qid] = tuple(items)
    return result


_RELATIVE = "paths are relative to the evidence root (use --evidence-root to change it)"


def _evidence_problem(base: Path | None, item: str) -> tuple[str, str] | None:
    """What is wrong with an evidence path, as (message, hint); ``None`` if it exists inside
    the evidence root. Hints never name the absolute root, so reports do not depend on the
    checkout's location."""
    if base is None:
        return "cannot be checked: the evidence root cannot be resolved", _RELATIVE
    joined = base / item
    target = safe_resolve(joined)
    if target is None:
        return f"cannot be used: {path_problem(joined) or 'symlink loop'}", _RELATIVE
    if not target.is_relative_to(base):
        return "points outside the repository", "give a path inside the evidence root"
    problem = path_problem(target)
    if problem is not None:
        return problem if problem == "does not exist" else f"cannot be used: {problem}", _RELATIVE
    return None


def _check_exemptions(
    raw: list[dict[str, Any]], checklist: Checklist, sink: DiagnosticSink, smap: Any
) -> list[Exemption]:
    def date_of(text: str, path: tuple[Any, ...]) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            sink.add("PC205", f"expires {text!r} is not a valid date", path)
            return None

    known = [f.id for f in checklist.findings]
    return read_exemptions(raw, known, "PC408", sink, smap.position, date_of)


def validate_answer_schema(doc: Document, sink: DiagnosticSink) -> bool:
    """Structural validation of an answers document."""
    if not isinstance(doc.data, dict):
        sink.add("PC203", "an answers file should be a mapping (checklist, team, answers, ...)", ())
        return False
    if "topology" in doc.data and "checklist" not in doc.data:
        sink.add(
            "PC202",
            "this is a topology file, not an answers file (it has no 'checklist' key)",
            ("topology",),
            hint="check it with `playbook-check topology check FILE`",
            at_key=True,
        )
        return False
    return schema.validate(doc.data, "answers", sink)


def _blank_reason(reason: Any) -> bool:
    """Whether a not-applicable reason says nothing (missing, not text, or nothing visible)."""
    return not isinstance(reason, str) or is_blank(reason)
