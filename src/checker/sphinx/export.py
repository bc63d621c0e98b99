"""Checklists as JSON for the browser form (``static/playbook-engine.js``).

The JSON is the checklist after validation and normalisation (yes-no points keyed ``yes``/``no``,
condition literals in answer form, each question's maximum precomputed), so the script evaluates
exactly what the CLI evaluates.
"""

from __future__ import annotations

from typing import Any

from checker.conditions import All, Any_, Compare, Condition, Not, Ratio
from checker.model import Band, Checklist, Question


def condition_json(cond: Condition) -> dict[str, Any]:
    """A condition as plain data."""
    if isinstance(cond, Compare):
        value = list(cond.value) if cond.op == "in" else cond.value
        out: dict[str, Any] = {"answer": cond.question, "op": cond.op, "value": value}
        if cond.below is not None:
            out["below"] = cond.below
        return out
    if isinstance(cond, Ratio):
        return {
            "ratio": [cond.numerator, cond.denominator],
            "at_least": cond.at_least,
            "below": cond.below,
        }
    if isinstance(cond, Not):
        return {"not": condition_json(cond.item)}
    key = "all" if isinstance(cond, All) else "any"
    assert isinstance(cond, (All, Any_))
    return {key: [condition_json(c) for c in cond.items]}


def _points(q: Question) -> Any:
    pts = q.points
    if pts is None:
        return None
    if isinstance(pts, tuple):
        return [_band(b) for b in pts]
    if q.kind == "yes-no":
        return {("yes" if k else "no"): v for k, v in pts.items()}
    return dict(pts)


def _band(b: Band) -> dict[str, Any]:
    return {"at_least": b.at_least, "below": b.below, "points": b.points}


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    """The checklist as JSON-serialisable data."""
    major, minor, _ = checklist.version
    return {
        "id": checklist.id,
        "version": checklist.version_text,
        "version_parts": list(checklist.version),
        "answers_version": f"{major}.{minor}",
        "title": checklist.title,
        "applicability": checklist.applicability,
        "aggregate": checklist.scoring.aggregate,
        "unit": checklist.scoring.unit,
        "levels": [
            {
                "name": lv.name,
                "below": lv.below,
                "at_most": lv.at_most,
                "no_open_high": lv.no_open_high,
            }
            for lv in checklist.scoring.levels
        ],
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "weight": s.weight,
                "questions": [
                    {
                        "id": q.id,
                        "prompt": q.prompt,
                        "help": q.help,
                        "kind": q.kind,
                        "required": q.required,
                        "choices": [{"id": c.id, "label": c.label} for c in q.choices],
                        "points": _points(q),
                        "max": q.max_points,
                        "show_if": None if q.show_if is None else condition_json(q.show_if),
                        "changed": None if q.changed is None else list(q.changed),
                    }
                    for q in s.questions
                ],
            }
            for s in checklist.sections
        ],
        "findings": [
            {
                "id": f.id,
                "title": f.title,
                "pitfall": f.pitfall,
                "risk": f.risk.value,
                "advice": f.advice,
                "when": condition_json(f.when),
            }
            for f in checklist.findings
        ],
    }
