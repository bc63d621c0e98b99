"""What upgrading one answers file does, worked out on its plain data.

:func:`plan` applies a checklist's migrations, step by step, to an :class:`Edits` object that
changes the plain data and records each change, so that :mod:`checker.upgrade.roundtrip` can make
exactly the same changes to the file's text. Nothing a team wrote is dropped: an answer that
cannot be carried is kept as a note on its question (when the question is still asked) or under
``retired`` with its note and evidence; an exemption of a finding that is gone is kept under
``retired`` too. Every such case, and every carried answer whose question was reworded, is a
warning located in the original file.
"""

from __future__ import annotations

import copy
import json
import textwrap
from collections.abc import Callable
from typing import Any, NamedTuple

from checker import conditions
from checker.diagnostics import DiagnosticSink, Severity
from checker.model import Checklist, NotApplicable, Question
from checker.textsafe import neutralise
from checker.validate.answers import normalise
from checker.validate.migrations import Migration, fits

SECTIONS = ("answers", "notes", "evidence")
"""The mappings keyed by question id."""

RETIRED_COMMENT = (
    "Kept by `playbook-check upgrade`: what {ref} no longer asks. Not checked; delete what "
    "you no longer need."
)


class Edit(NamedTuple):
    """One change: the name of an :class:`Edits` method and its arguments."""

    op: str
    args: tuple[Any, ...]


class Edits:
    """The answers data being upgraded; every change is applied here and recorded."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = copy.deepcopy(data)
        self.log: list[Edit] = []

    def _record(self, op: str, *args: Any) -> None:
        self.log.append(Edit(op, args))

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    def set_reference(self, text: str) -> None:
        self._record("set_reference", text)
        self.data["checklist"] = text

    def rename(self, section: str, old: str, new: str) -> None:
        self._record("rename", section, old, new)
        mapping = self.data[section]
        self.data[section] = {(new if k == old else k): v for k, v in mapping.items()}

    def delete(self, section: str, key: str) -> None:
        self._record("delete", section, key)
        del self.data[section][key]

    def put(
        self, section: str, key: str, value: Any, after: str | None = None, comment: str = ""
    ) -> None:
        """Set ``key``; a new key goes after ``after`` (None: first), with ``comment`` above
        it. A missing section is created after ``answers``."""
        self._record("put", section, key, value, after, comment)
        if section not in self.data:
            items = list(self.data.items())
            at = next((i + 1 for i, (k, _) in enumerate(items) if k == "answers"), len(items))
            self.data = dict([*items[:at], (section, {}), *items[at:]])
        mapping = self.data[section]
        if key in mapping:
            mapping[key] = value
            return
        items = list(mapping.items())
        at = 0 if after is None else next(i + 1 for i, (k, _) in enumerate(items) if k == after)
        self.data[section] = dict([*items[:at], (key, value), *items[at:]])

    def map_items(self, section: str, key: str, items: list[str | None]) -> None:
        """Item ``i`` of a list answer becomes ``items[i]``, or is dropped when that is None."""
        self._record("map_items", section, key, items)
        self.data[section][key] = [v for v in items if v is not None]

    def set_finding(self, index: int, finding: str) -> None:
        self._record("set_finding", index, finding)
        self.data["exemptions"][index]["finding"] = finding

    def delete_exemption(self, index: int) -> None:
        self._record("delete_exemption", index)
        del self.data["exemptions"][index]

    def retire(self, entry: dict[str, Any], comment: str) -> None:
        """Append ``entry`` to ``retired`` (created at the end, with ``comment`` above it)."""
        self._record("retire", entry, comment)
        self.data.setdefault("retired", []).append(entry)


class Plan(NamedTuple):
    """An answers file's upgrade: the new data, the edits that make it, and what was done."""

    source: str
    target: str
    data: dict[str, Any]
    edits: list[Edit]
    carried: int
    """Answers carried to the newest version."""
    new_questions: list[str]
    """Questions of the newest version added, blank, for the team to answer."""
    blanked: list[str]
    """Questions whose old answer could not be carried: blank, the old answer in the note."""


def show(value: Any) -> str:
    """An answer as the team would write it, for a note."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class _Planner:
    def __init__(
        self,
        edits: Edits,
        sink: DiagnosticSink,
        reference: str,
        archived: Callable[[int], Checklist | None],
    ) -> None:
        self.edits = edits
        self.sink = sink
        self.reference = reference
        self.archived = archived
        self.origin = {k: k for s in SECTIONS for k in edits.section(s)}
        """Current question id -> the id in the original file."""
        self.exemption_origin = list(range(len(edits.data.get("exemptions") or [])))
        self.blanked: set[str] = set()
        self.retire_comment = ""

    def warn(self, code: str, message: str, path: tuple[Any, ...], hint: str) -> None:
        self.sink.add(code, message, path, severity=Severity.WARNING, hint=hint, at_key=True)

    def where(self, qid: str) -> tuple[Any, ...]:
        """The original position of the first section that mentions ``qid``."""
        original = self.origin.get(qid, qid)
        for s in SECTIONS:
            if original in self.edits.section(s) or qid in self.edits.section(s):
                return (s, original)
        return ("answers",)

    # --- one step: answers for major N.x become answers for N+1 -------------------------

    def step(self, m: Migration, old: Checklist | None, new: Checklist | None, to: str) -> None:
        keys: list[str] = []
        for s in SECTIONS:
            keys += [k for k in self.edits.section(s) if k not in keys]
        moves: dict[str, str] = {}
        for key in keys:
            new_id = m.new_id(key)
            if new_id is not None and new is not None and new_id not in new.questions:
                new_id = None
            if new_id is None or (new_id != key and new_id in keys and m.new_id(new_id) == new_id):
                self.retire_question(key, old, to, removed=key in m.remove or key in m.rename)
            elif new_id in moves.values():
                self.retire_question(key, old, to, removed=True)
            elif new_id != key:
                moves[key] = new_id
        self.rename_all(moves)
        for key in list(self.edits.section("answers")):
            self.map_value(key, m, new.questions.get(key) if new is not None else None, to)
        self.map_exemptions(m, new, to)

    def rename_all(self, moves: dict[str, str]) -> None:
        """Rename question ids in every section; through temporary names, so that swaps and
        chains (a -> b, b -> c) cannot collide."""
        temporary = {old: f"\x00{i}" for i, old in enumerate(moves)}
        for phase in (temporary, {temporary[o]: n for o, n in moves.items()}):
            for old, new in phase.items():
                for s in SECTIONS:
                    if old in self.edits.section(s):
                        self.edits.rename(s, old, new)
                if old in self.origin:
                    self.origin[new] = self.origin.pop(old)

    def retire_question(self, key: str, old: Checklist | None, to: str, *, removed: bool) -> None:
        original = self.origin.get(key, key)
        entry: dict[str, Any] = {"from": self.reference, "question": original}
        asked = old.questions.get(key) if old is not None else None
        if asked is not None:
            entry["prompt"] = asked.prompt
        for s, field in (("answers", "answer"), ("notes", "note"), ("evidence", "evidence")):
            if key in self.edits.section(s):
                entry[field] = copy.deepcopy(self.edits.section(s)[key])
        where = self.where(key)
        for s in SECTIONS:
            if key in self.edits.section(s):
                self.edits.delete(s, key)
        self.edits.retire(entry, self.retire_comment)
        why = "is not asked in" if removed or asked is not None else "is not a question of"
        self.warn(
            "PC423",
            f"{original!r} {why} {to}: its answer, note and evidence are kept under retired",
            where,
            "answer the questions that replace it, then delete the retired entry",
        )

    def map_value(self, key: str, m: Migration, q: Question | None, to: str) -> None:
        """Carry the answer to ``key`` through the step's choices or scale; an answer that
        does not fit the new question leaves it blank, with the old answer in its note."""
        value = self.edits.section("answers")[key]
        if value is None or isinstance(value, dict):  # unanswered or not applicable
            return
        new_value, reason = value, ""
        if key in m.scale:
            rule = next((r for r in m.scale[key] if r.matches(value)), None)
            new_value = None if rule is None else rule.to
            reason = (
                f"{to} asks it differently; the migration left it blank"
                if new_value is None
                else f"{to} asks it differently; the migration made it {show(new_value)}"
            )
        elif key in m.choices and isinstance(value, list):
            items, reason = _map_items(value, m.choices[key], to)
            if items != value:
                self.edits.map_items("answers", key, items)
            new_value = self.edits.section("answers")[key]
        elif key in m.choices and isinstance(value, str):
            new_value, reason = _map_choice(value, m.choices[key], to)
        if new_value is not None and q is not None and not fits(q, new_value):
            new_value, reason = None, f"not an answer {to} accepts; left blank"
        current = self.edits.section("answers")[key]
        if new_value != current or type(new_value) is not type(current):
            self.edits.put("answers", key, new_value)
        if new_value is None:
            self.blanked.add(key)
        if reason and (new_value is None or show(new_value) != show(value)):
            self.keep_in_note(key, value, reason)

    def keep_in_note(self, key: str, value: Any, reason: str) -> None:
        note = f"{self.reference} answer: {show(value)} ({reason})."
        current = self.edits.section("notes").get(key)
        text = note if not current else f"{current}\n{note}"
        notes = list(self.edits.section("notes"))
        self.edits.put("notes", key, text, after=notes[-1] if notes else None)
        self.warn(
            "PC423",
            f"the answer to {self.origin.get(key, key)!r} was not carried as it was: "
            f"the old answer is kept in its note",
            self.where(key),
            "read the note, check the answer, then edit the note",
        )

    def map_exemptions(self, m: Migration, new: Checklist | None, to: str) -> None:
        exemptions = self.edits.data.get("exemptions") or []
        findings = {f.id for f in new.findings} if new is not None else None
        taken = [m.findings.get(e["finding"], e["finding"]) for e in exemptions]
        for i in reversed(range(len(exemptions))):
            finding = exemptions[i]["finding"]
            mapped = m.findings.get(finding, finding)
            known = mapped is not None and (findings is None or mapped in findings)
            if known and mapped not in taken[:i]:  # two findings merged: the first one stays
                if mapped != finding:
                    self.edits.set_finding(i, mapped)
                continue
            original = self.exemption_origin.pop(i)
            kept = copy.deepcopy(exemptions[i])
            self.edits.delete_exemption(i)
            self.edits.retire({"from": self.reference, "exemption": kept}, self.retire_comment)
            why = "is not in" if not known else "is merged with another exempted finding in"
            self.warn(
                "PC423",
                f"finding {finding!r} {why} {to}: its exemption is kept under retired",
                ("exemptions", original),
                "delete the retired exemption once it is no longer needed",
            )


def _merged(mapping: dict[str, str | None]) -> set[str]:
    """New choices that several old choices map to."""
    targets = [n for n in mapping.values() if n is not None]
    return {n for n in targets if targets.count(n) > 1}


def _map_choice(value: str, mapping: dict[str, str | None], to: str) -> tuple[Any, str]:
    """A choice through a choices mapping, and why the old answer is kept (or "")."""
    if value not in mapping:
        return value, ""
    new = mapping[value]
    if new is None:
        return None, f"{value!r} is not a choice of {to}; left blank"
    return new, (f"{to} merged it into {new!r}" if new in _merged(mapping) else "")


def _map_items(value: list[Any], mapping: dict[str, str | None], to: str) -> tuple[list[Any], str]:
    """Each item of a list answer through a choices mapping (None: dropped, as is a second
    item mapped to the same choice), and why the old answer is kept (or "")."""
    items: list[Any] = []
    dropped = []
    for item in value:
        new = mapping.get(item, item) if isinstance(item, str) else item
        if new is None:
            dropped.append(item)
        items.append(None if new in items else new)
    reasons = []
    if dropped:
        reasons.append(", ".join(map(repr, dropped)) + f" no longer a choice of {to}")
    if items.count(None) > len(dropped):
        reasons.append(f"{to} merged some of these choices")
    return items, "; ".join(reasons)


def plan(
    data: dict[str, Any],
    sink: DiagnosticSink,
    newest: Checklist,
    steps: list[Migration],
    archived: Callable[[int], Checklist | None],
) -> Plan:
    """Upgrade schema-valid answers ``data`` through ``steps`` to ``newest``; located warnings
    go to ``sink`` (positioned in the original file)."""
    reference = data["checklist"]
    edits = Edits(data)
    planner = _Planner(edits, sink, reference, archived)
    major = newest.version[0]
    planner.retire_comment = _wrap(RETIRED_COMMENT.format(ref=f"{newest.id}@{major}.0"), 80)
    first = archived(steps[0].source) if steps else None
    for m in steps:
        old = archived(m.source)
        new = newest if m.source + 1 == major else archived(m.source + 1)
        planner.step(m, old, new, f"{newest.id}@{m.source + 1}.0")
    target = f"{newest.id}@{major}.0"
    edits.set_reference(target)
    carried = [k for k, v in edits.section("answers").items() if v is not None]
    added = _add_new_questions(edits, newest, first)
    _reworded(planner, first, newest, carried)
    blanked = [k for k in edits.section("answers") if k in planner.blanked]
    return Plan(reference, target, edits.data, edits.log, len(carried), added, blanked)


def _add_new_questions(edits: Edits, newest: Checklist, first: Checklist | None) -> list[str]:
    """Questions of ``newest`` that the answered version did not ask (every unanswered one when
    that version is not archived) and that the team may be asked, added blank in checklist order
    with their prompt above."""
    answers = edits.section("answers")
    asked = _may_be_asked(newest, answers)
    added = []
    previous: str | None = None
    for q in newest.question_list():
        if q.id in answers:
            previous = q.id
            continue
        if (first is not None and q.id in first.questions) or q.id not in asked:
            continue
        comment = _wrap(f"New in {newest.id}@{newest.version[0]}.0: {q.prompt}")
        edits.put("answers", q.id, None, after=previous, comment=comment)
        answers = edits.section("answers")
        added.append(q.id)
        previous = q.id
    return added


def _may_be_asked(newest: Checklist, answers: dict[str, Any]) -> set[str]:
    """Ids of the questions of ``newest`` that these answers show, or may show once a blank
    question is answered. A question whose ``show_if`` is false, or unknown only because of
    answered or never-asked questions, is never asked: adding it blank would ask the team a
    question the checker does not (a bank is not asked the EU AI Act's questions)."""
    maybe: set[str] = set()
    values: dict[str, Any] = {}
    blank: set[str] = set()

    def value_of(qid: str) -> Any:
        return values.get(qid) if qid in maybe else None

    def answered(qid: str) -> bool | None:
        return None if qid not in maybe or qid in blank else True

    for q in newest.question_list():
        raw = answers.get(q.id)
        value = None if raw is None else normalise(q, raw)
        values[q.id] = None if isinstance(value, NotApplicable) else value
        if raw is None:
            blank.add(q.id)
        shown = q.show_if is None
        if q.show_if is not None:
            truth = conditions.evaluate(q.show_if, value_of, answered)
            open_refs = maybe & blank & set(conditions.references(q.show_if))
            shown = truth is True or (truth is None and bool(open_refs))
        if shown:
            maybe.add(q.id)
    return maybe


def _wrap(text: str, width: int = 80 - 6) -> str:
    """A comment's text in lines that keep an indented comment within 80 columns (yamllint's
    default, as ``init``'s template does)."""
    return "\n".join(textwrap.wrap(neutralise(text), width - 2, break_on_hyphens=False))


def _reworded(
    planner: _Planner, first: Checklist | None, newest: Checklist, keys: list[str]
) -> None:
    """PC424 for each carried answer whose question's prompt or choices changed."""
    if first is None:
        return
    for key in keys:
        before = first.questions.get(planner.origin.get(key, key))
        after = newest.questions.get(key)
        if before is None or after is None or key in planner.blanked:
            continue
        if before.prompt != after.prompt or before.choices != after.choices:
            planner.warn(
                "PC424",
                f"{key!r} is asked differently in {newest.id}@{newest.version[0]}.0: "
                "re-read the question",
                planner.where(key),
                f"`playbook-check init {newest.id}` prints the question; correct the answer "
                "if needed",
            )
