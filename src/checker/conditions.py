"""The declarative condition language (``when``, ``show_if``): parsing, checking, evaluating.

Conditions are data, never code. Logic is three-valued (Kleene): a comparison on a question that
is unanswered, not applicable or hidden is *unknown* (``None``). The browser form
(``static/playbook-form.js``) implements the same semantics; tests prove they agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Union

from checker.model import NUMERIC_KINDS, Question

Truth = bool | None  # None is "unknown"


@dataclass(frozen=True, slots=True)
class Compare:
    """``{answer: q, <op>: value}`` with op one of is, in, has, at_least, below, answered."""

    question: str
    op: str
    value: Any
    below: float | None = None  # when at_least and below are combined


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: str
    denominator: str
    at_least: float | None
    below: float | None


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Any_:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


Condition = Union[Compare, Ratio, All, Any_, Not]  # noqa: UP007 - used at runtime

_OPS = ("is", "in", "has", "at_least", "below", "answered")


def parse(data: Mapping[str, Any]) -> Condition:
    """Build a condition from schema-valid data."""
    if "all" in data:
        return All(tuple(parse(c) for c in data["all"]))
    if "any" in data:
        return Any_(tuple(parse(c) for c in data["any"]))
    if "not" in data:
        return Not(parse(data["not"]))
    if "ratio" in data:
        num, den = data["ratio"]
        return Ratio(num, den, data.get("at_least"), data.get("below"))
    question = data["answer"]
    ops = [op for op in _OPS if op in data]
    if ops == ["at_least", "below"]:
        return Compare(question, "at_least", data["at_least"], data["below"])
    op = ops[0]
    return Compare(question, op, data[op])


def references(cond: Condition) -> Iterator[str]:
    """Question ids a condition reads, in order of appearance (may repeat)."""
    if isinstance(cond, Compare):
        yield cond.question
    elif isinstance(cond, Ratio):
        yield cond.numerator
        yield cond.denominator
    elif isinstance(cond, Not):
        yield from references(cond.item)
    else:
        for item in cond.items:
            yield from references(item)


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
    from checker.suggest import did_you_mean

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
    from checker.suggest import did_you_mean

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


def evaluate(
    cond: Condition, value_of: Callable[[str], Any], answered: Callable[[str], Truth]
) -> Truth:
    """Evaluate three-valued: True, False or None (unknown).

    ``value_of(q)`` returns the usable answer or ``None`` when there is none (unanswered,
    not applicable or hidden); ``answered(q)`` returns True/False, or None for a hidden question.
    """
    if isinstance(cond, Compare):
        if cond.op == "answered":
            state = answered(cond.question)
            return None if state is None else state == cond.value
        value = value_of(cond.question)
        if value is None:
            return None
        return _compare(cond, value)
    if isinstance(cond, Ratio):
        num, den = value_of(cond.numerator), value_of(cond.denominator)
        if num is None or den is None:
            return None
        if den == 0:
            if num == 0:
                return None
            ratio = math.inf
        else:
            ratio = num / den
        return (cond.at_least is None or ratio >= cond.at_least) and (
            cond.below is None or ratio < cond.below
        )
    if isinstance(cond, Not):
        inner = evaluate(cond.item, value_of, answered)
        return None if inner is None else not inner
    if isinstance(cond, All):
        result: Truth = True
        for item in cond.items:
            r = evaluate(item, value_of, answered)
            if r is False:
                return False
            if r is None:
                result = None
        return result
    result = False
    for item in cond.items:
        r = evaluate(item, value_of, answered)
        if r is True:
            return True
        if r is None:
            result = None
    return result


def _compare(cond: Compare, value: Any) -> bool:
    op = cond.op
    if op == "is":
        return _equal(value, cond.value)
    if op == "in":
        if isinstance(value, list):
            return any(v in cond.value for v in value)
        return any(_equal(value, v) for v in cond.value)
    if op == "has":
        return isinstance(value, list) and cond.value in value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if op == "at_least":
        return value >= cond.value and (cond.below is None or value < cond.below)
    return value < cond.value  # below


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def describe(cond: Condition) -> str:
    """A condition in words, for readers of the site and of reports."""
    if isinstance(cond, Compare):
        q = cond.question
        if cond.op == "answered":
            return f"{q} is {'answered' if cond.value else 'not answered'}"
        if cond.op == "at_least" and cond.below is not None:
            return f"{_lit(cond.value)} ≤ {q} < {_lit(cond.below)}"
        symbol = {"is": "is", "has": "includes", "at_least": "≥", "below": "<"}.get(cond.op)
        if cond.op == "in":
            return f"{q} is one of {', '.join(_lit(v) for v in cond.value)}"
        return f"{q} {symbol} {_lit(cond.value)}"
    if isinstance(cond, Ratio):
        parts = []
        if cond.at_least is not None:
            parts.append(f"≥ {_lit(cond.at_least)}")
        if cond.below is not None:
            parts.append(f"< {_lit(cond.below)}")
        return f"{cond.numerator} / {cond.denominator} {' and '.join(parts)}"
    if isinstance(cond, Not):
        return f"not ({describe(cond.item)})"
    joiner = " and " if isinstance(cond, All) else " or "
    return joiner.join(
        f"({describe(x)})" if isinstance(x, (All, Any_)) else describe(x) for x in cond.items
    )


def _lit(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
