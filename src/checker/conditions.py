"""The declarative condition language (``when``, ``show_if``): parsing and evaluating.

Conditions are data, never code. Logic is three-valued (Kleene): a comparison on a question that
is unanswered, not applicable or hidden is *unknown* (``None``). The browser form
(``static/playbook-engine.js``) implements the same semantics; tests prove they agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple, Union

Truth = bool | None  # None is "unknown"


class Compare(NamedTuple):
    """``{answer: q, <op>: value}`` with op one of is, in, has, at_least, below, answered."""

    question: str
    op: str
    value: Any
    below: float | None = None  # when at_least and below are combined


class Ratio(NamedTuple):
    numerator: str
    denominator: str
    at_least: float | None
    below: float | None


class All(NamedTuple):
    items: tuple[Condition, ...]


class Any_(NamedTuple):
    items: tuple[Condition, ...]


class Not(NamedTuple):
    item: Condition


Condition = Union[Compare, Ratio, All, Any_, Not]  # noqa: UP007 - used at runtime


def _same(self: tuple[Any, ...], other: object) -> bool:
    return type(self) is type(other) and tuple.__eq__(self, other)


def _differ(self: tuple[Any, ...], other: object) -> bool:
    return not _same(self, other)


def _hash(self: tuple[Any, ...]) -> int:
    return hash((type(self).__name__, *self))


# Conditions are values (NamedTuples, cheap to create at start-up), but two of different kinds
# never compare equal: ``All((c,))`` is not ``Any_((c,))``, as tuples of equal fields would be.
for _kind in (Compare, Ratio, All, Any_, Not):
    _kind.__eq__ = _same  # type: ignore[method-assign]
    _kind.__ne__ = _differ  # type: ignore[assignment,method-assign]
    _kind.__hash__ = _hash  # type: ignore[method-assign]

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


def visible(
    show_ifs: Iterable[tuple[str, Condition | None]],
    value_of: Callable[[str], Any],
    answered: Callable[[str], bool],
) -> frozenset[str]:
    """Ids of the questions shown, given ``(id, show_if)`` pairs in checklist order.

    ``show_if`` refers only to earlier questions, so one pass in order suffices; a hidden
    question's answer is unknown to the conditions after it. ``value_of(q)`` is the usable
    answer (``None`` when unanswered or not applicable), ``answered(q)`` whether there is one.
    """
    shown: set[str] = set()

    def shown_value(qid: str) -> Any:
        return value_of(qid) if qid in shown else None

    def shown_answered(qid: str) -> Truth:
        return answered(qid) if qid in shown else None

    for qid, show_if in show_ifs:
        if show_if is None or evaluate(show_if, shown_value, shown_answered) is True:
            shown.add(qid)
    return frozenset(shown)


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
        return bool(value >= cond.value and (cond.below is None or value < cond.below))
    return bool(value < cond.value)  # below


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


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
