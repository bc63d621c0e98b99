"""The form's engine (playbook-engine.js, run by node) says what `playbook-check` says.

Vectors are generated here by the Python engine (see vectors.py): the repository's bad-input
corpus, fixtures and examples, every normalisation edge, and random answers to every checklist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.conditions import _OPS

from . import vectors
from .engine import NodeEngine


def mismatches(engine: NodeEngine, batch: list[vectors.Vector]) -> list[dict[str, Any]]:
    out = []
    for v in vectors.generate(batch):
        op = "checkText" if v.pasted else "check"
        got = engine.request(op, vectors.export(v.directory, v.checklist), v.raw, v.options())
        want_diags = [vectors.comparable(d) for d in v.expected["diagnostics"]]
        got_diags = [vectors.comparable(d) for d in got["diagnostics"]]
        got_verdict = vectors.verdict(got["result"])
        if want_diags != got_diags or v.expected["verdict"] != got_verdict:
            out.append(
                {
                    "name": v.name,
                    "cli": want_diags,
                    "form": got_diags,
                    "cli verdict": v.expected["verdict"],
                    "form verdict": got_verdict,
                }
            )
    return out


def test_corpus_and_examples_agree(engine: NodeEngine) -> None:
    batch = vectors.corpus()
    assert len(batch) > 80
    assert mismatches(engine, batch) == []


def test_normalisation_edges_agree(engine: NodeEngine) -> None:
    assert mismatches(engine, vectors.edges()) == []


def test_random_answers_to_every_checklist_agree(engine: NodeEngine) -> None:
    assert mismatches(engine, vectors.randoms()) == []


def _operators(cond: dict[str, Any], out: set[str]) -> set[str]:
    for key in ("all", "any"):
        for item in cond.get(key, []):
            _operators(item, out)
    if "not" in cond:
        out.add("not")
        _operators(cond["not"], out)
    out.update(k for k in ("all", "any", "ratio") if k in cond)
    if "op" in cond:
        out.add(cond["op"])
    return out


def test_vectors_cover_every_condition_operator() -> None:
    seen: set[str] = set()
    batch = vectors.corpus() + vectors.edges() + vectors.randoms(1)
    for v in batch:
        cl = vectors.export(v.directory, v.checklist)
        for f in cl["findings"]:
            _operators(f["when"], seen)
        for s in cl["sections"]:
            for q in s["questions"]:
                if q["show_if"]:
                    _operators(q["show_if"], seen)
    assert seen >= set(_OPS) | {"all", "any", "not", "ratio"}, seen


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("count-float", "PC403"),
        ("wrong-major", "PC402"),
        ("exemption-holding-yaml", "PC205"),
        ("stale-answer", "PC407"),
        ("hidden-answer", "PC406"),
        ("exemption-not-needed", "PC409"),
    ],
)
def test_issue_cases_are_reported_by_the_form(engine: NodeEngine, name: str, code: str) -> None:
    """The cases the form used to accept silently (issue 10) give the CLI's diagnostic."""
    (v,) = vectors.generate([vectors.Vector(name, "staffing", vectors.TEST, vectors.EDGES[name])])
    got = engine.request("check", vectors.export(v.directory, "staffing"), v.raw, v.options())
    assert code in [d["code"] for d in got["diagnostics"]]
    assert [vectors.comparable(d) for d in got["diagnostics"]] == [
        vectors.comparable(d) for d in v.expected["diagnostics"]
    ]


def test_edge_vectors_reach_evaluation() -> None:
    """Most edges are valid files, so their verdicts are compared too (not only errors)."""
    batch = vectors.generate(vectors.edges())
    valid = [v.name for v in batch if v.expected["verdict"] is not None]
    assert len(valid) >= 30, valid


def test_vectors_can_be_written_for_use_outside_pytest(tmp_path: Path) -> None:
    """The command in vectors.py's docstring writes every vector with its checklist."""
    out = tmp_path / "vectors.json"
    assert vectors.main(["vectors", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["vectors"]) > 300
    first = data["vectors"][0]
    assert first["checklist"] in data["checklists"]
    assert {"diagnostics", "verdict"} <= set(first["expected"])


def test_engine_bounds_are_the_clis(engine: NodeEngine) -> None:
    """The engine's built-in bounds (used when a page gives none) are checker.constants'."""
    from checker.sphinx.engine_data import engine_limits

    assert engine.limits() == engine_limits()
