"""The hand-written records (checker.records) keep what the dataclasses they replace gave."""

from __future__ import annotations

import pickle

import pytest

from checker.conditions import All, Any_, Compare, Not, Ratio
from checker.constants import MAX_MESSAGE
from checker.diagnostics import CheckerError, Diagnostic, Position, Severity
from checker.model import Checklist, FileResult, Scoring


def test_a_diagnostic_is_an_immutable_hashable_value_that_pickles() -> None:
    d = Diagnostic("PC403", "bad", "a.yaml", 3, 4, Severity.WARNING, hint="fix it")
    same = Diagnostic("PC403", "bad", "a.yaml", 3, 4, Severity.WARNING, hint="fix it")
    assert d == same and hash(d) == hash(same) and len({d, same}) == 1
    assert d != Diagnostic("PC403", "bad", "a.yaml", 3, 5, Severity.WARNING, hint="fix it")
    with pytest.raises(AttributeError):
        d.line = 9
    with pytest.raises(AttributeError):
        del d.hint
    again = pickle.loads(pickle.dumps(d, protocol=5))  # the Sphinx result cache pickles them
    assert again == d and again.severity is Severity.WARNING
    assert repr(d).startswith("Diagnostic(code='PC403', message='bad', file='a.yaml', line=3")


def test_a_diagnostic_clips_long_messages_and_hints() -> None:
    d = Diagnostic("PC403", "x" * (MAX_MESSAGE + 50), "a.yaml", hint="y" * (MAX_MESSAGE + 1))
    assert d.message.startswith("x" * MAX_MESSAGE + "… (50 more characters left out)")
    assert d.hint == "y" * MAX_MESSAGE + "… (1 more character left out)"


def test_records_compare_by_identity_and_show_their_fields() -> None:
    a = FileResult("a.yaml", [])
    assert a != FileResult("a.yaml", []) and a == a
    assert repr(a) == "FileResult(diagnostics=[], evaluation=None, path='a.yaml')"
    cl = Checklist("c", (1, 0, 0), "C", "", [], [], Scoring("mean", ()), raw={"big": 1})
    assert "raw" not in repr(cl) and cl.raw == {"big": 1}
    assert Checklist("c", (1, 0, 0), "C", "", [], [], Scoring("mean", ())).raw == {}


def test_checker_error_carries_its_diagnostics_and_exit_code() -> None:
    exc = CheckerError.one("PC100", "cannot read", "a.yaml")
    assert exc.diagnostics[0].file == "a.yaml" and exc.exit_code == 2
    assert str(exc).startswith("a.yaml:1:1: error: cannot read [PC100]")
    assert CheckerError().diagnostics == [] and Position() == (1, 1)


def test_conditions_of_different_kinds_never_compare_equal() -> None:
    c = Compare("team-size", "at_least", 3)
    # Typed as object: the comparisons across classes are the question, not a mistake.
    every: object = All((c,))
    compare: object = Compare("a", "b", 1.0, None)
    negation: object = Not(c)
    assert every != Any_((c,)) and (every == Any_((c,))) is False
    assert every == All((Compare("team-size", "at_least", 3),))
    assert hash(All((c,))) == hash(All((c,))) and len({All((c,)), Any_((c,))}) == 2
    assert compare != Ratio("a", "b", 1.0, None)
    assert c != ("team-size", "at_least", 3, None) and negation != All((c,))
