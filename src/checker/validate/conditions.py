"""Checking a checklist's conditions against its questions (PC302-PC305).

The condition language itself (parsing, evaluation) lives in :mod:`checker.conditions`; this
module knows the questions' kinds and reports misuse with positions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from checker.conditions import All, Any_, Compare, Condition, Not, Ratio
from checker.model import NUMERIC_KINDS, Question
from checker.suggest import did_you_mean


def normalise_value(question: Question, value: Any) -> Any:
    """Bring a condition literal to the answer's normal form (yes-no -> bool)."""
    if question.kind == "yes-no" and isinstance(value, str):
        lowered = value.lower()
        if lowered in ("yes", "true"):
            return True
        if lowered in ("no", "false"):
            return False
    return value


def check(
    cond: Condition,
    questions: Mapping[str, Question],
    report: Callable[[str, str, tuple[Any, ...], str], None],
    allowed: Callable[[str], bool] = lambda _q: True,
) -> Condition:
    """Check a condition against the questions; report problems; return it normalised.

    ``report(code, message, path, hint)`` is called for each problem; ``allowed(q)`` says
    whether the condition may refer to question ``q`` (``show_if`` only looks backwards).
    """

    def known(qid: str, path: tuple[Any, ...]) -> Question | None:
        q = questions.get(qid)
        if q is None:
            report(
                "PC302",
                f"condition refers to unknown question {qid!r}",
                path,
                did_you_mean(qid, questions),
            )
            return None
        if not allowed(qid):
            report(
                "PC303",
                f"show_if may only refer to earlier questions, not {qid!r}",
                path,
                "move the question after the one it depends on",
            )
        return q

    def fix(c: Condition, path: tuple[Any, ...]) -> Condition:
        if isinstance(c, All):
            return All(tuple(fix(x, (*path, "all", i)) for i, x in enumerate(c.items)))
        if isinstance(c, Any_):
            return Any_(tuple(fix(x, (*path, "any", i)) for i, x in enumerate(c.items)))
        if isinstance(c, Not):
            return Not(fix(c.item, (*path, "not")))
        if isinstance(c, Ratio):
            for qid in (c.numerator, c.denominator):
                q = known(qid, (*path, "ratio"))
                if q is not None and q.kind not in NUMERIC_KINDS:
                    report(
                        "PC304",
                        f"ratio needs numeric questions; {qid!r} is {q.kind}",
                        (*path, "ratio"),
                        "",
                    )
            return c
        q = known(c.question, (*path, "answer"))
        if q is None:
            return c
        return _check_compare(c, q, path, report)

    return fix(cond, ())


def _check_compare(
    c: Compare,
    q: Question,
    path: tuple[Any, ...],
    report: Callable[[str, str, tuple[Any, ...], str], None],
) -> Compare:
    kind = q.kind
    op_path = (*path, c.op)
    if c.op == "answered":
        return c
    if c.op in ("at_least", "below"):
        if kind not in NUMERIC_KINDS:
            report("PC304", f"{c.op} needs a numeric question; {q.id!r} is {kind}", op_path, "")
        return c
    if c.op == "has" and kind != "multi-choice":
        report(
            "PC304",
            f"has needs a multi-choice question; {q.id!r} is {kind}",
            op_path,
            "use is or in",
        )
        return c
    if kind == "text":
        report("PC304", f"text question {q.id!r} can only be tested with answered", op_path, "")
        return c
    values = c.value if c.op == "in" else [c.value]
    fixed = []
    for v in values:
        nv = normalise_value(q, v)
        if kind == "yes-no" and not isinstance(nv, bool):
            report("PC305", f"{v!r} is not a yes-no answer", op_path, "use yes or no")
        elif kind in ("choice", "multi-choice") and nv not in q.choice_ids:
            report(
                "PC305",
                f"{v!r} is not a choice of {q.id!r}",
                op_path,
                did_you_mean(str(v), q.choice_ids) or "choices: " + ", ".join(q.choice_ids),
            )
        elif kind in NUMERIC_KINDS and (isinstance(nv, bool) or not isinstance(nv, (int, float))):
            report("PC305", f"{v!r} is not a number", op_path, "")
        fixed.append(nv)
    if c.op == "is" and kind == "multi-choice":
        report("PC304", f"use has or in for multi-choice question {q.id!r}", op_path, "")
    return Compare(c.question, c.op, tuple(fixed) if c.op == "in" else fixed[0], c.below)
