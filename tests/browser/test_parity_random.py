"""Random answers: the browser's rules engine and the CLI's agree on every one (property test)."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from checker.model import Question
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import evaluation_dict
from checker.validate.checklist import load_checklist

from .test_form import verdict

pytestmark = [pytest.mark.browser, pytest.mark.fuzz]

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = sorted((ROOT / "checklists").glob("*.yaml"))
CASES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))


def random_answer(q: Question, rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.1:
        return None
    if roll < 0.18:
        return {"not_applicable": "Does not apply here."}
    if q.kind == "yes-no":
        return rng.choice([True, False])
    if q.kind == "choice":
        return rng.choice(q.choice_ids)
    if q.kind == "multi-choice":
        return rng.sample(q.choice_ids, rng.randint(0, len(q.choice_ids)))
    if q.kind == "count":
        return rng.randint(0, 14)
    if q.kind == "percent":
        return rng.choice([0, 10, 14.5, 15, 29.99, 30, 50, 79, 80, 100])
    if q.kind == "number":
        return rng.uniform(-5, 500)
    return rng.choice(["", "some text", "<b>x</b>"])


@pytest.mark.parametrize("path", CHECKLISTS, ids=lambda p: p.stem)
def test_random_answers_agree(
    served: dict[str, str], page: Any, path: Path, tmp_path: Path
) -> None:
    checklist = load_checklist(path)
    rng = random.Random(f"parity-{checklist.id}")
    registry = ChecklistRegistry([ROOT / "checklists"])
    options = CheckOptions(today=dt.date(2026, 11, 24), allow_incomplete=True)
    cases, expected = [], []
    for i in range(CASES):
        answers = {q.id: random_answer(q, rng) for q in checklist.question_list()}
        answers = {k: v for k, v in answers.items() if v is not None and v != ""}
        exemptions = []
        if checklist.findings and rng.random() < 0.3:
            rule = rng.choice(checklist.findings)
            exemptions.append(
                {
                    "finding": rule.id,
                    "owner": "o",
                    "reason": "r",
                    "expires": rng.choice(["2026-11-23", "2026-11-24", "2027-01-01"]),
                }
            )
        doc = {
            "checklist": f"{checklist.id}@{checklist.version[0]}.{checklist.version[1]}",
            "team": f"T{i}",
            "answers": answers,
            "exemptions": exemptions,
        }
        file = tmp_path / f"{i}.yaml"
        file.write_text(json.dumps(doc), encoding="utf-8")  # JSON is YAML
        result = check_answers(file, registry, options)
        assert result.evaluation is not None, [d.format() for d in result.diagnostics]
        cases.append(doc)
        expected.append(verdict(evaluation_dict(result.evaluation)))
    page.goto(f"{served['real']}/docs/checklists/{checklist.id}.html")
    page.wait_for_selector(f'.playbook-form[data-checklist="{checklist.id}"]:not([hidden])')
    shown = page.evaluate(
        """([id, cases]) => {
            const E = window.PlaybookEngine;
            const rules = document.getElementById('playbook-rules-' + id);
            const cl = JSON.parse(rules.textContent).checklist;
            const byId = {};
            cl.sections.forEach(s => s.questions.forEach(q => { byId[q.id] = q; }));
            return cases.map(doc => {
                const values = {};
                Object.keys(doc.answers).forEach(k => {
                    values[k] = E.normalise(byId[k], doc.answers[k]).value;
                });
                return E.publicResult(E.evaluate(cl, values, doc.exemptions, '2026-11-24'));
            });
        }""",
        [checklist.id, cases],
    )
    mismatches = [
        (i, cases[i]["answers"], expected[i], verdict(s))
        for i, s in enumerate(shown)
        if verdict(s) != expected[i]
    ]
    assert mismatches == [], mismatches[:1]
