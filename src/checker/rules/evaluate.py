"""Apply a checklist's rules to a team's answers: visibility, findings and scores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from checker import conditions
from checker.model import (
    Answers,
    Checklist,
    Cost,
    Evaluation,
    Finding,
    FindingRule,
    NotApplicable,
    Question,
    Risk,
    Score,
    SectionScore,
    Status,
    Trigger,
)
from checker.rules.exemptions import expired_finding, in_force


def question_points(question: Question, value: Any) -> float:
    """Points an answer earns (0 for no answer); N/A answers are excluded by the caller."""
    pts = question.points
    if pts is None or value is None:
        return 0.0
    if isinstance(pts, tuple):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return 0.0
        return next((b.points for b in pts if b.holds(value)), 0.0)
    if question.kind == "multi-choice":
        total = 0.0
        for v in value:
            total += pts.get(v, 0.0)
        return max(0.0, min(total, question.max_points))
    return pts.get(value, 0.0)


def evaluate(checklist: Checklist, answers: Answers, today: dt.date) -> Evaluation:
    """Evaluate findings and scores for valid answers. A checklist answered as not applicable
    asks nothing, so it has no findings and no score."""
    if answers.not_applicable is not None:
        nothing: frozenset[str] = frozenset()
        return Evaluation(checklist, answers, nothing, [], score(checklist, {}, nothing), today)
    values = answers.values
    visible = checklist.visible_questions(values)

    def value_of(qid: str) -> Any:
        if qid not in visible:
            return None
        v = values.get(qid)
        return None if isinstance(v, NotApplicable) else v

    def answered(qid: str) -> bool | None:
        return None if qid not in visible else values.get(qid) is not None

    findings: list[Finding] = []
    exemptions = {e.finding: e for e in answers.exemptions}
    for rule in checklist.findings:
        if conditions.evaluate(rule.when, value_of, answered) is not True:
            continue
        exemption = exemptions.get(rule.id)
        active = in_force(exemption, today)
        findings.append(
            Finding(
                rule.id,
                rule.title,
                rule.pitfall,
                rule.risk,
                rule.advice,
                Status.EXEMPTED if active else Status.OPEN,
                _triggers(rule, answers),
                exemption if active else None,
            )
        )
    for exemption in answers.exemptions:
        expired = checklist.finding(exemption.finding)
        if expired is not None and not in_force(exemption, today):
            findings.append(
                expired_finding(
                    exemption, expired.pitfall, expired.risk, f"exemptions.{expired.id}"
                )
            )
    findings.sort(key=lambda f: (-f.risk.rank, f.id))
    scores = score(checklist, values, visible)
    return Evaluation(
        checklist, answers, visible, findings, apply_level_rule(checklist, scores, findings), today
    )


def apply_level_rule(checklist: Checklist, scores: Score, findings: list[Finding]) -> Score:
    """The level rule: a level that needs no open high-risk finding (the top one, and any marked
    ``no_open_high``) is not given while one is open; the level is then the highest lower level
    that allows it. ``band`` keeps the level of the score alone."""
    levels = checklist.scoring.levels
    names = [lv.name for lv in levels]
    if scores.level is None:
        return scores
    index = names.index(scores.level)
    highs = tuple(f.id for f in findings if f.status is Status.OPEN and f.risk is Risk.HIGH)
    if not highs or not checklist.scoring.strict(index):
        return scores
    while index > 0 and checklist.scoring.strict(index):
        index -= 1
    return scores._replace(level=names[index], capped_by=highs)


def _triggers(rule: FindingRule, answers: Answers) -> list[Trigger]:
    seen: dict[str, Trigger] = {}
    for qid in conditions.references(rule.when):
        if qid not in seen and qid in answers.positions:
            seen[qid] = Trigger(qid, answers.positions[qid])
    if not seen:
        return [Trigger("answers", answers.file_position)]
    return list(seen.values())


def score(checklist: Checklist, values: dict[str, Any], visible: frozenset[str]) -> Score:
    """Section and overall scores, maturity level, and what each answer cost."""
    sections: list[SectionScore] = []
    losses: list[tuple[str, str, float]] = []
    for section in checklist.sections:
        earned = maximum = full = 0.0
        for q in section.questions:
            if q.scores:
                full += q.max_points
            value = values.get(q.id)
            if q.id not in visible or not q.scores or isinstance(value, NotApplicable):
                continue
            got = question_points(q, value)
            maximum += q.max_points
            earned += got
            if got < q.max_points:
                losses.append((q.id, section.id, q.max_points - got))
        sections.append(
            SectionScore(
                section.id,
                section.title,
                section.weight,
                earned,
                maximum,
                checklist.scoring.unit,
                full,
            )
        )

    scored = [s for s in sections if s.maximum > 0]
    aggregate = checklist.scoring.aggregate
    overall: float | None = None
    share: dict[str, float] = {}
    if scored:
        if aggregate == "min":
            weakest = min(scored, key=lambda s: (s.score, s.id))
            overall = weakest.score
            share = {weakest.id: 1.0}
        else:
            # Plain left-to-right sums (not sum(), which compensates on newer Pythons), so
            # that the browser form's arithmetic gives bit-identical results.
            weights = {s.id: (s.weight if aggregate == "weighted" else 1.0) for s in scored}
            total = 0.0
            for w in weights.values():
                total += w
            share = {sid: w / total for sid, w in weights.items()}
            overall = 0.0
            for s in scored:
                overall += (s.score or 0.0) * share[s.id]
    by_id = {s.id: s for s in sections}
    costs = [
        Cost(qid, sid, lost, by_id[sid].on_scale(lost) * share.get(sid, 0.0))
        for qid, sid, lost in losses
    ]
    costs.sort(key=lambda c: (-round(c.cost, 6), c.question))
    band = level_for(checklist, overall)
    return Score(aggregate, checklist.scoring.unit, overall, band, sections, costs, band)


def level_for(checklist: Checklist, overall: float | None) -> str | None:
    """The maturity level whose band holds the overall score."""
    if overall is None:
        return None
    for level in checklist.scoring.levels:
        if level.holds(overall):
            return level.name
    return checklist.scoring.levels[-1].name
