"""Checklist validation: schema errors at positions, then meaning."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.diagnostics import CheckerError, Diagnostic
from checker.load.yaml import load_text
from checker.validate.checklist import build_checklist, load_checklist

from .conftest import CHECKLISTS

BASE = (CHECKLISTS / "staffing.yaml").read_text(encoding="utf-8")


def diagnostics(text: str, pitfalls: set[str] | None = None) -> list[Diagnostic]:
    doc = load_text(textwrap.dedent(text), "c.yaml")
    _checklist, sink = build_checklist(doc, pitfalls=pitfalls)
    return sink.items


def codes(text: str, pitfalls: set[str] | None = None) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diagnostics(text, pitfalls)]


MINI = """\
id: mini
version: 1.0.0
title: Mini
sections:
  - id: s
    title: S
    questions:
      - id: a
        prompt: A?
        kind: yes-no
        points: {yes: 1, no: 0}
      - id: b
        prompt: B?
        kind: count
findings:
  - id: f
    title: F
    pitfall: blame-culture
    risk: high
    when: {answer: a, is: no}
    advice: Do it.
scoring:
  aggregate: mean
  levels:
    - {name: low, below: 50}
    - {name: high}
"""


def test_the_test_checklist_loads() -> None:
    cl = load_checklist(CHECKLISTS / "staffing.yaml")
    assert cl.id == "staffing"
    assert cl.version == (1, 2, 0)
    assert [s.id for s in cl.sections] == ["people", "delivery"]
    assert cl.questions["mlops-shared"].changed == (1, 2)
    assert cl.questions["mlops-shared"].points == {True: 0.0, False: 1.0}
    assert cl.questions["practices"].max_points == 3.0
    assert cl.questions["context"].required is False


def test_mini_is_clean() -> None:
    assert diagnostics(MINI, pitfalls={"blame-culture"}) == []


def test_unknown_key_points_at_the_key_with_suggestion() -> None:
    out = diagnostics(MINI.replace("        prompt: A?", "        promt: A?"))
    assert [(d.code, d.line, d.column) for d in out] == [("PC201", 9, 9), ("PC202", 8, 9)]
    assert "prompt" in out[0].hint
    text = MINI.replace("title: Mini", "title: Mini\nsumary: typo")
    [d] = diagnostics(text)
    assert (d.code, d.line, d.column) == ("PC201", 4, 1)
    assert "summary" in d.hint


def test_wrong_type_and_enum() -> None:
    out = diagnostics(MINI.replace("kind: count", "kind: counter"))
    assert [(d.code, d.line) for d in out] == [("PC204", 14)]
    assert "count" in out[0].hint
    out = diagnostics(MINI.replace("version: 1.0.0", "version: 1.0"))
    assert out[0].code in {"PC203", "PC205"} and out[0].line == 2


def test_duplicate_question_ids_across_sections() -> None:
    text = MINI.replace("      - id: b\n", "      - id: a\n")
    assert ("PC301", 12, 13) in codes(text)


def test_rule_naming_unknown_question_suggests() -> None:
    out = diagnostics(MINI.replace("{answer: a, is: no}", "{answer: aa, is: no}"))
    assert [(d.code, d.line) for d in out] == [("PC302", 20)]
    assert "'a'" in out[0].hint


def test_show_if_must_look_backwards() -> None:
    text = MINI.replace(
        "        points: {yes: 1, no: 0}\n",
        "        points: {yes: 1, no: 0}\n        show_if: {answer: b, at_least: 1}\n",
    )
    assert [c for c, *_ in codes(text)] == ["PC303"]


def test_operator_must_fit_the_kind() -> None:
    assert [
        c for c, *_ in codes(MINI.replace("{answer: a, is: no}", "{answer: a, at_least: 2}"))
    ] == ["PC304"]
    assert [
        c for c, *_ in codes(MINI.replace("{answer: a, is: no}", "{answer: a, is: maybe}"))
    ] == ["PC305"]
    assert [
        c for c, *_ in codes(MINI.replace("{answer: a, is: no}", "{ratio: [a, b], below: 1}"))
    ] == ["PC304"]


def test_points_must_fit_the_kind() -> None:
    assert [c for c, *_ in codes(MINI.replace("{yes: 1, no: 0}", "{yes: 1, nope: 0}"))] == ["PC309"]
    text = MINI.replace("        kind: count\n", "        kind: count\n        points: {yes: 1}\n")
    assert [c for c, *_ in codes(text)] == ["PC309"]


def test_levels_must_increase_and_end_open() -> None:
    text = MINI.replace("    - {name: high}", "    - {name: high, below: 40}")
    assert {c for c, *_ in codes(text)} == {"PC310"}


def test_unknown_pitfall_is_reported_only_when_pitfalls_are_known() -> None:
    assert codes(MINI) == []
    out = diagnostics(MINI, pitfalls={"blame-cultures"})
    assert [(d.code, d.line, d.column) for d in out] == [("PC307", 18, 14)]
    assert "blame-cultures" in out[0].hint


def test_changed_must_be_within_the_version() -> None:
    text = MINI.replace("        kind: count\n", '        kind: count\n        changed: "1.3"\n')
    assert [c for c, *_ in codes(text)] == ["PC306"]


def test_condition_shape_errors_are_positioned() -> None:
    out = diagnostics(MINI.replace("{answer: a, is: no}", "{answer: a, equals: no}"))
    assert out and out[0].line == 20


def test_load_checklist_raises_with_all_errors(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text(MINI, encoding="utf-8")
    with pytest.raises(CheckerError) as info:
        load_checklist(path)
    assert [d.code for d in info.value.diagnostics] == ["PC301"]  # id does not match file name


def test_comma_in_flow_mapping_gets_a_quoting_hint() -> None:
    text = MINI.replace("title: S\n", "title: S\n    summary: x\n").replace(
        "      - id: b\n        prompt: B?\n        kind: count\n",
        "      - id: b\n        prompt: B?\n        kind: choice\n"
        "        choices:\n          - {id: x, label: Yes, always}\n",
    )
    [d] = diagnostics(text)
    assert (d.code, d.line) == ("PC201", 17)
    assert "quote" in d.hint
