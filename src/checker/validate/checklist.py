"""Build a :class:`~checker.model.Checklist` from YAML and check what the schema cannot."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from checker import conditions
from checker.constants import MAX_CHECKLIST_NUMBER as MAX_NUMBER
from checker.constants import YES_NO
from checker.diagnostics import CheckerError, DiagnosticSink, Severity
from checker.load.yaml import Document, load_path
from checker.model import (
    NUMERIC_KINDS,
    Band,
    Checklist,
    Choice,
    FindingRule,
    Level,
    Question,
    Risk,
    Scoring,
    Section,
)
from checker.suggest import did_you_mean
from checker.validate import schema
from checker.validate.conditions import check as check_condition

YES_NO_KEYS = YES_NO


def load_checklist(
    path: str | Path,
    *,
    display: str | None = None,
    pitfalls: Collection[str] | None = None,
    expected_id: str | None = None,
) -> Checklist:
    """Load, validate and build a checklist. Raises :class:`CheckerError` on any error.

    ``pitfalls``, when given, is the set of pitfall ids the docs define; findings must use them.
    ``expected_id`` is the id the file must declare (default: its name without ``.yaml``).
    """
    doc = load_path(path, display=display)
    expected = Path(path).stem if expected_id is None else expected_id
    checklist, sink = build_checklist(doc, pitfalls=pitfalls, expected_id=expected)
    sink.raise_if_errors()
    assert checklist is not None
    return checklist


def build_checklist(
    doc: Document, *, pitfalls: Collection[str] | None = None, expected_id: str | None = None
) -> tuple[Checklist | None, DiagnosticSink]:
    """Validate a loaded document as a checklist; return it (None if invalid) and diagnostics."""
    sink = DiagnosticSink(doc.path, doc.source_map)
    if not isinstance(doc.data, dict):
        sink.add(
            "PC203", "a checklist should be a mapping of keys (id, version, sections, ...)", ()
        )
        return None, sink
    if not schema.validate(doc.data, "checklist", sink):
        return None, sink
    if not _numbers_are_finite(doc.data, sink):
        return None, sink
    data: dict[str, Any] = doc.data
    pos = doc.source_map.position

    if expected_id is not None and data["id"] != expected_id:
        sink.add(
            "PC301",
            f"checklist id {data['id']!r} does not match its file name {expected_id!r}.yaml",
            ("id",),
            hint=f"rename the file to {data['id']}.yaml",
        )

    sections: list[Section] = []
    questions: dict[str, Question] = {}
    built: list[tuple[Question, dict[str, Any], tuple[Any, ...]]] = []
    section_ids: set[str] = set()
    index = 0
    for si, sdata in enumerate(data["sections"]):
        if sdata["id"] in section_ids:
            sink.add("PC301", f"duplicate section id {sdata['id']!r}", ("sections", si, "id"))
        section_ids.add(sdata["id"])
        qs: list[Question] = []
        for qi, qdata in enumerate(sdata["questions"]):
            qpath = ("sections", si, "questions", qi)
            q = _build_question(qdata, sdata["id"], index, qpath, sink, doc)
            index += 1
            if q.id in questions:
                sink.add(
                    "PC301",
                    f"duplicate question id {q.id!r}",
                    (*qpath, "id"),
                    hint="question ids are unique across the whole checklist",
                )
                continue
            questions[q.id] = q
            built.append((q, qdata, qpath))
            qs.append(q)
        sections.append(
            Section(
                sdata["id"],
                sdata["title"],
                qs,
                float(sdata.get("weight", 1)),
                sdata.get("summary", ""),
            )
        )

    major, minor, patch = (int(p) for p in data["version"].split("."))
    order = {qid: q.index for qid, q in questions.items()}
    for q, qdata, qpath in built:
        if "show_if" in qdata:
            base = (*qpath, "show_if")
            q.show_if = check_condition(
                conditions.parse(qdata["show_if"]),
                questions,
                _reporter(sink, base),
                allowed=_earlier_than(order, q.index),
            )
        if q.changed is not None and (q.changed[0] != major or q.changed[1] > minor):
            sink.add(
                "PC306",
                f"changed: {qdata['changed']!r} is not within version {data['version']}",
                (*qpath, "changed"),
                hint=f"use {major}.N with N <= {minor}",
            )

    findings: list[FindingRule] = []
    finding_ids: set[str] = set()
    for fi, fdata in enumerate(data["findings"]):
        fpath = ("findings", fi)
        if fdata["id"] in finding_ids:
            sink.add("PC301", f"duplicate finding id {fdata['id']!r}", (*fpath, "id"))
        finding_ids.add(fdata["id"])
        if pitfalls is not None and fdata["pitfall"] not in pitfalls:
            sink.add(
                "PC307",
                f"unknown pitfall {fdata['pitfall']!r}",
                (*fpath, "pitfall"),
                hint=did_you_mean(fdata["pitfall"], pitfalls)
                or "define it with the pitfall directive under docs/pitfalls/",
            )
        when = check_condition(
            conditions.parse(fdata["when"]), questions, _reporter(sink, (*fpath, "when"))
        )
        findings.append(
            FindingRule(
                fdata["id"],
                fdata["title"],
                fdata["pitfall"],
                Risk(fdata["risk"]),
                when,
                fdata["advice"],
                pos(fpath),
                pos((*fpath, "pitfall")),
            )
        )
    if pitfalls is not None:
        for q, _qdata, qpath in built:
            for i, p in enumerate(q.pitfalls):
                if p not in pitfalls:
                    sink.add(
                        "PC307",
                        f"question {q.id!r} names unknown pitfall {p!r}",
                        (*qpath, "pitfalls", i),
                        hint=did_you_mean(p, pitfalls),
                    )

    levels = _build_levels(data["scoring"]["levels"], sink)
    if not data["findings"]:
        sink.add(
            "PC308",
            "checklist has no findings, so it can detect no pitfall",
            ("findings",),
            severity=Severity.WARNING,
        )
    checklist = Checklist(
        id=data["id"],
        version=(major, minor, patch),
        title=data["title"],
        summary=data.get("summary", ""),
        sections=sections,
        findings=findings,
        scoring=Scoring(
            data["scoring"]["aggregate"], levels, data["scoring"].get("unit", "percent")
        ),
        path=doc.path,
        raw=data,
        applicability=data.get("applicability", ""),
    )
    if "migrations" in data and not sink.errors:
        from checker.validate.migrations import check_targets

        check_targets(checklist, sink)
    return (None if sink.errors else checklist), sink


def _numbers_are_finite(data: Any, sink: DiagnosticSink) -> bool:
    """PC311 for every ``.nan``/``.inf`` or huge number: weights, points, bounds and
    condition values must be finite, or scores silently stop adding up."""
    ok = True
    stack: list[tuple[tuple[Any, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isfinite(value) and abs(value) <= MAX_NUMBER:
                continue
            ok = False
            sink.add(
                "PC311",
                f"{value!r} is not a finite number within ±{MAX_NUMBER:,}",
                path,
                hint="write an ordinary number; .nan, .inf and huge numbers cannot score",
            )
    return ok


def _earlier_than(order: dict[str, int], index: int) -> Callable[[str], bool]:
    """Whether a question comes before position ``index`` (``show_if`` looks backwards)."""
    return lambda ref: order.get(ref, 10**9) < index


def _reporter(
    sink: DiagnosticSink, base: tuple[Any, ...]
) -> Callable[[str, str, tuple[Any, ...], str], None]:
    def report(code: str, message: str, path: tuple[Any, ...], hint: str) -> None:
        sink.add(code, message, (*base, *path), hint=hint)

    return report


def _build_question(
    qdata: dict[str, Any],
    section: str,
    index: int,
    qpath: tuple[Any, ...],
    sink: DiagnosticSink,
    doc: Document,
) -> Question:
    kind = qdata["kind"]
    choices = tuple(Choice(c["id"], c["label"]) for c in qdata.get("choices", ()))
    seen: set[str] = set()
    for ci, c in enumerate(choices):
        if c.id in seen:
            sink.add("PC301", f"duplicate choice id {c.id!r}", (*qpath, "choices", ci, "id"))
        seen.add(c.id)
    points = _build_points(qdata, kind, {c.id for c in choices}, qpath, sink)
    changed = None
    if "changed" in qdata:
        a, b = qdata["changed"].split(".")
        changed = (int(a), int(b))
    return Question(
        id=qdata["id"],
        prompt=qdata["prompt"],
        kind=kind,
        section=section,
        index=index,
        help=qdata.get("help", ""),
        required=qdata.get("required", kind != "text"),
        choices=choices,
        points=points,
        changed=changed,
        pitfalls=tuple(qdata.get("pitfalls", ())),
        position=doc.source_map.position(qpath),
    )


def _build_points(
    qdata: dict[str, Any],
    kind: str,
    choice_ids: set[str],
    qpath: tuple[Any, ...],
    sink: DiagnosticSink,
) -> dict[Any, float] | tuple[Band, ...] | None:
    raw = qdata.get("points")
    if raw is None:
        return None
    ppath = (*qpath, "points")
    if kind == "text":
        sink.add("PC309", "text questions cannot score points", ppath, hint="remove points")
        return None
    if kind in NUMERIC_KINDS:
        if not isinstance(raw, list):
            sink.add(
                "PC309",
                f"{kind} questions score by bands: a list of {{at_least, below, points}}",
                ppath,
            )
            return None
        return tuple(Band(float(b["points"]), b.get("at_least"), b.get("below")) for b in raw)
    if not isinstance(raw, dict):
        sink.add("PC309", f"{kind} questions score by a mapping of answers to points", ppath)
        return None
    if kind == "yes-no":
        result: dict[Any, float] = {}
        for key, value in raw.items():
            norm = YES_NO_KEYS.get(str(key).lower())
            if norm is None:
                sink.add(
                    "PC309",
                    f"{key!r} is not a yes-no answer",
                    (*ppath, key),
                    hint="use yes and no",
                    at_key=True,
                )
            else:
                result[norm] = float(value)
        return result
    for key in raw:
        if key not in choice_ids:
            sink.add(
                "PC309",
                f"points for unknown choice {key!r}",
                (*ppath, key),
                hint=did_you_mean(str(key), choice_ids),
                at_key=True,
            )
    return {k: float(v) for k, v in raw.items()}


def _build_levels(raw: list[dict[str, Any]], sink: DiagnosticSink) -> tuple[Level, ...]:
    levels = tuple(
        Level(
            x["name"],
            x.get("below"),
            x.get("summary", ""),
            x.get("at_most"),
            x.get("no_open_high") is True,
        )
        for x in raw
    )
    _check_level_rule(raw, sink)
    previous: Level | None = None
    for i, level in enumerate(levels):
        path = ("scoring", "levels", i)
        key = "below" if level.below is not None else "at_most"
        last = i == len(levels) - 1
        if last and level.bound is not None:
            sink.add(
                "PC310",
                f"the last level must have no {key!r} bound",
                (*path, key),
                hint="the last level catches every score above the others",
            )
        if not last and level.bound is None:
            sink.add(
                "PC310",
                f"level {level.name!r} needs a 'below' or 'at_most' bound",
                path,
                hint="below: N holds scores lower than N; at_most: N holds scores up to N",
            )
        if level.bound is not None and previous is not None and previous.bound is not None:
            # Bounds increase; "below: 1" then "at_most: 1" is the band holding exactly 1.
            same_allowed = previous.below is not None and level.at_most is not None
            if level.bound < previous.bound or (level.bound == previous.bound and not same_allowed):
                sink.add("PC310", "level bounds must increase", (*path, key))
        if level.bound is not None:
            previous = level
    return levels


def _check_level_rule(raw: list[dict[str, Any]], sink: DiagnosticSink) -> None:
    """PC312: ``no_open_high`` where the level rule cannot hold. The top level always needs no
    open high-risk finding; the lowest level must take every team, whatever is open."""
    for i, x in enumerate(raw):
        path = ("scoring", "levels", i, "no_open_high")
        if "no_open_high" not in x:
            continue
        if i == 0 and x["no_open_high"] is True:
            sink.add(
                "PC312",
                f"the lowest level {x['name']!r} cannot need no open high-risk finding: "
                "a team with one would have no level",
                path,
                hint="mark a higher level with no_open_high: true",
            )
        elif i == len(raw) - 1 and i > 0 and x["no_open_high"] is False:
            sink.add(
                "PC312",
                f"the top level {x['name']!r} is never given beside an open high-risk finding",
                path,
                hint="remove no_open_high: false (the level rule; see checklist-format.md)",
            )


__all__ = ["CheckerError", "build_checklist", "load_checklist"]
