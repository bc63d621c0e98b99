"""A checklist's ``migrations``: how answers for an earlier major version become answers for the
next one (docs/reference/checklist-format.md).

Each entry, ``from: "N"``, upgrades answers naming any N.x version to version N+1: questions
renamed or removed, choices renamed, merged or removed, changed kinds or scales (rules from old
answers to new ones, the first that matches wins) and findings renamed or removed. Entries chain
(1 -> 2 -> 3). :func:`read` parses them, :func:`check_targets` checks the last step against the
checklist itself (when it loads), :func:`check_history` checks every step against the archived
releases (``playbook-check lint``); :mod:`checker.upgrade` applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from checker.constants import DEPRECATION_WINDOW, YES_NO
from checker.diagnostics import DiagnosticSink, Severity
from checker.model import Checklist, Question
from checker.suggest import did_you_mean

CHOICE_KINDS = ("choice", "multi-choice")
_ANY = object()
"""A rule without ``is``."""


def yes_no(value: Any) -> bool | None:
    """A yes-no spelling's value (``True``, ``"Yes"``, ``"no"`` ...), else None."""
    if isinstance(value, bool):
        return value
    return YES_NO.get(value.lower()) if isinstance(value, str) else None


def same_answer(a: Any, b: Any) -> bool:
    """Whether two answers are the same: yes-no spellings by meaning, numbers by value."""
    ya, yb = yes_no(a), yes_no(b)
    if ya is not None and yb is not None:
        return ya == yb
    if isinstance(a, bool) or isinstance(b, bool):
        return False
    return bool(a == b)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Rule(NamedTuple):
    """One rule of a ``scale`` entry: answers that match become ``to`` (None: left blank)."""

    to: Any
    is_: Any = _ANY
    at_least: float | None = None
    below: float | None = None

    def matches(self, value: Any) -> bool:
        if self.is_ is not _ANY and not same_answer(value, self.is_):
            return False
        if self.at_least is not None or self.below is not None:
            if not _number(value):
                return False
            if self.at_least is not None and value < self.at_least:
                return False
            if self.below is not None and value >= self.below:
                return False
        return True


class Migration(NamedTuple):
    """One ``migrations`` entry: from major version ``source`` to ``source + 1``."""

    source: int
    at: int
    """Its position in the ``migrations`` list (for diagnostics)."""
    rename: dict[str, str]
    remove: tuple[str, ...]
    choices: dict[str, dict[str, str | None]]
    scale: dict[str, tuple[Rule, ...]]
    findings: dict[str, str | None]

    def new_id(self, question: str) -> str | None:
        """The id an answer to ``question`` is carried to (None: removed)."""
        if question in self.remove:
            return None
        return self.rename.get(question, question)


def read(checklist: Checklist) -> list[Migration]:
    """The checklist's migrations (schema-valid data), in file order."""
    out = []
    for i, raw in enumerate(checklist.raw.get("migrations", ())):
        scale = {
            qid: tuple(
                Rule(r["to"], r.get("is", _ANY), r.get("at_least"), r.get("below")) for r in rules
            )
            for qid, rules in raw.get("scale", {}).items()
        }
        out.append(
            Migration(
                int(raw["from"]),
                i,
                dict(raw.get("rename", {})),
                tuple(raw.get("remove", ())),
                {q: dict(m) for q, m in raw.get("choices", {}).items()},
                scale,
                dict(raw.get("findings", {})),
            )
        )
    return out


def chain(migrations: list[Migration], source: int, target: int) -> list[Migration] | int:
    """The steps from major ``source`` to ``target``, or the first major with no entry."""
    by_source = {m.source: m for m in migrations}
    steps = []
    for major in range(source, target):
        if major not in by_source:
            return major
        steps.append(by_source[major])
    return steps


def fits(question: Question, value: Any) -> bool:
    """Whether ``value`` is a valid answer to ``question`` (as ``validate`` reads answers)."""
    from checker.validate.answers import normalise

    if value is None:
        return True
    return normalise(question, value) is not None


# --- checks --------------------------------------------------------------------------------

Report = Callable[[str, str, tuple[Any, ...], str], None]


def _reporter(sink: DiagnosticSink, severity: Severity = Severity.ERROR) -> Report:
    def report(code: str, message: str, path: tuple[Any, ...], hint: str) -> None:
        sink.add(code, message, path, hint=hint, severity=severity)

    return report


def check_targets(checklist: Checklist, sink: DiagnosticSink) -> None:
    """What can be checked without the archive: each ``from`` is an earlier major version,
    named once (PC322), and the last step's new ids, choices and answers belong to this
    checklist (PC321)."""
    major = checklist.version[0]
    seen: set[int] = set()
    for m in read(checklist):
        where = ("migrations", m.at, "from")
        if m.source >= major:
            sink.add(
                "PC322",
                f"a migration from {m.source}.x is not from an earlier major version than "
                f"{checklist.version_text}",
                where,
                hint=f'migrations upgrade answers from earlier versions: from: "{major - 1}"',
            )
        elif m.source in seen:
            sink.add("PC322", f"a second migration from {m.source}.x", where, hint="merge them")
        seen.add(m.source)
        if m.source == major - 1:
            _check_step(m, None, checklist, _reporter(sink))


def check_history(
    checklist: Checklist,
    archived: Callable[[int], Checklist | None],
    sink: DiagnosticSink,
) -> None:
    """What ``lint`` adds: a major version needs a migration from the previous one (PC320);
    with the archived releases, every step is checked against both versions (PC321) and must
    account for every question, choice, kind and finding that changed (PC323); a version in
    the deprecation window without an archived release is a warning (PC325)."""
    major = checklist.version[0]
    migrations = {m.source: m for m in read(checklist)}
    if major >= 2 and major - 1 not in migrations:
        sink.add(
            "PC320",
            f"version {checklist.version_text} is a major version without a migration from "
            f"{major - 1}.x",
            ("version",),
            hint=f'add a migrations entry from: "{major - 1}" (it may be empty when every '
            "answer carries as it is); see docs/reference/checklist-format.md",
        )
    for old in range(max(1, major - DEPRECATION_WINDOW), major):
        if archived(old) is None:
            sink.add(
                "PC325",
                f"no archived release of {checklist.id}@{old}.x: answers for it are refused "
                "instead of deprecated, and lint cannot check the migration from it",
                ("version",),
                severity=Severity.WARNING,
                hint=f"keep its last release, verbatim, as archive/{checklist.id}@{old}.yaml",
            )
    for m in migrations.values():
        if m.source >= major:
            continue
        source = archived(m.source)
        target = checklist if m.source + 1 == major else archived(m.source + 1)
        if target is None:
            continue
        report = _reporter(sink)
        if source is not None:
            _check_step(m, source, target, report, only_source=target is checklist)
            _check_coverage(m, source, target, report)


def _check_step(
    m: Migration,
    source: Checklist | None,
    target: Checklist,
    report: Report,
    *,
    only_source: bool = False,
) -> None:
    """Ids and values of one step against the versions it joins (``source`` when known).
    ``only_source``: the target side was already checked when the checklist loaded."""
    base = ("migrations", m.at)
    new_q = target.questions
    old_q = source.questions if source is not None else None
    nxt = f"{target.id}@{target.version[0]}.x"
    prev = f"{target.id}@{m.source}.x"

    def unknown(kind: str, ident: str, path: tuple[Any, ...], known: Any, where: str) -> None:
        report(
            "PC321",
            f"{kind} {ident!r} is not in {where}",
            path,
            did_you_mean(ident, known) or f"name a {kind} of {where}",
        )

    def new_side(
        kind: str, ident: str, path: tuple[Any, ...], known: Any, where: str = nxt
    ) -> None:
        if not only_source and ident not in known:
            unknown(kind, ident, path, known, where)

    def old_side(kind: str, ident: str, path: tuple[Any, ...], known: Any) -> None:
        if known is not None and ident not in known:
            unknown(kind, ident, path, known, prev)

    targets: dict[str, str] = {}
    for old, new in m.rename.items():
        path = (*base, "rename", old)
        old_side("question", old, path, old_q)
        new_side("question", new, path, new_q)
        if new in targets:
            report("PC321", f"{old!r} and {targets[new]!r} are both renamed to {new!r}", path, "")
        targets[new] = old
        if old in m.remove:
            report("PC321", f"{old!r} is both renamed and removed", path, "keep one of them")
    for i, old in enumerate(m.remove):
        old_side("question", old, (*base, "remove", i), old_q)
    for qid, mapping in m.choices.items():
        path = (*base, "choices", qid)
        new_side("question", qid, path, new_q)
        q = new_q.get(qid)
        if q is not None and not only_source and q.kind not in CHOICE_KINDS:
            report("PC321", f"{qid!r} is a {q.kind} question, without choices", path, "use scale")
        if qid in m.scale:
            report("PC321", f"{qid!r} has both choices and scale", path, "use one of them")
        before = _source_question(m, qid, old_q)
        for old_choice, new_choice in mapping.items():
            cpath = (*path, old_choice)
            if before is not None and before.kind in CHOICE_KINDS:
                old_side("choice", old_choice, cpath, before.choice_ids)
            if new_choice is not None and q is not None and q.kind in CHOICE_KINDS:
                new_side("choice", new_choice, cpath, q.choice_ids, f"{qid!r} of {nxt}")
    for qid, rules in m.scale.items():
        path = (*base, "scale", qid)
        new_side("question", qid, path, new_q)
        q = new_q.get(qid)
        if q is None or only_source:
            continue
        for i, rule in enumerate(rules):
            if not fits(q, rule.to):
                report(
                    "PC321",
                    f"{rule.to!r} is not an answer to {qid!r}, a {q.kind} question of {nxt}",
                    (*path, i, "to"),
                    "give an answer the new question accepts, or null to leave it blank",
                )
    old_f = {f.id for f in source.findings} if source is not None else None
    new_f = {f.id for f in target.findings}
    for old_finding, new_finding in m.findings.items():
        path = (*base, "findings", old_finding)
        old_side("finding", old_finding, path, old_f)
        if new_finding is not None:
            new_side("finding", new_finding, path, new_f)


def _source_question(m: Migration, new_id: str, old_q: dict[str, Question] | None) -> Any:
    """The question of the earlier version whose answers become answers to ``new_id``."""
    if old_q is None:
        return None
    for old, new in m.rename.items():
        if new == new_id:
            return old_q.get(old)
    return None if new_id in m.remove else old_q.get(new_id)


def _check_coverage(m: Migration, source: Checklist, target: Checklist, report: Report) -> None:
    """Every question, choice, kind and finding of ``source`` that ``target`` changed is
    accounted for by the step (PC323), so that no answer is carried by accident."""
    base = ("migrations", m.at)
    nxt = f"{target.id}@{target.version[0]}.x"
    new_q = target.questions
    for old in source.question_list():
        new_id = m.new_id(old.id)
        if new_id is None:
            continue
        q = new_q.get(new_id)
        if q is None:
            report(
                "PC323",
                f"question {old.id!r} of {source.id}@{m.source}.x is not in {nxt} and the "
                "migration neither renames nor removes it",
                base,
                f'add it under rename (old id: new id) or remove in the entry from: "{m.source}"',
            )
            continue
        if new_id in m.scale:
            continue
        if old.kind != q.kind and not (old.kind == "count" and q.kind == "number"):
            report(
                "PC323",
                f"{old.id!r} was a {old.kind} question and is a {q.kind} question in {nxt}, "
                "with no scale to carry its answers",
                base,
                f"add scale: {{{new_id}: [...]}}: rules from old answers to new ones",
            )
            continue
        if q.kind in CHOICE_KINDS:
            mapping = m.choices.get(new_id, {})
            lost = [c for c in old.choice_ids if c not in q.choice_ids and c not in mapping]
            if lost:
                report(
                    "PC323",
                    f"choice(s) {', '.join(map(repr, lost))} of {old.id!r} are not in {nxt} and "
                    "the migration does not map them",
                    base,
                    f"add choices: {{{new_id}: {{{lost[0]}: NEW-CHOICE}}}}, or null to drop it",
                )
    new_f = {f.id for f in target.findings}
    for f in source.findings:
        if f.id not in new_f and f.id not in m.findings:
            report(
                "PC323",
                f"finding {f.id!r} of {source.id}@{m.source}.x is not in {nxt} and the "
                "migration does not map it",
                base,
                f"add findings: {{{f.id}: NEW-ID}}, or null if it is gone",
            )


__all__ = [
    "Migration",
    "Rule",
    "chain",
    "check_history",
    "check_targets",
    "fits",
    "read",
    "same_answer",
    "yes_no",
]
