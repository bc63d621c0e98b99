"""The classes of issue 19, each as a rule over every bundled checklist (not one example).

The organisations in ``tests/data/organisations`` show each class on a real-looking team
(``test_organisations.py``); these tests state the rule itself.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.model import Checklist, Question
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.report.document import file_entry
from checker.report.types import FileEntry
from checker.validate.checklist import load_checklist

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"
REGISTRY = ChecklistRegistry([CHECKLISTS])
TODAY = dt.date(2026, 12, 1)
BUNDLED = sorted(p.stem for p in CHECKLISTS.glob("*.yaml"))


def checklist(cid: str) -> Checklist:
    loaded = REGISTRY.get(cid)
    assert loaded is not None
    return loaded


def reference(cid: str) -> str:
    major, minor, _ = checklist(cid).version
    return f"{cid}@{major}.{minor}"


def assess(
    tmp_path: Path, cid: str, answers: dict[str, Any] | None, **top: Any
) -> tuple[FileEntry, frozenset[str]]:
    """The report entry for these answers, and the questions asked (``--allow-incomplete``)."""
    doc: dict[str, Any] = {"checklist": reference(cid), "team": "T", **top}
    if answers is not None:
        doc["answers"] = answers
    path = tmp_path / f"{cid}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    options = CheckOptions(today=TODAY, allow_incomplete=True)
    result = check_answers(path, REGISTRY, options, display=path.name)
    entry = file_entry(result)
    visible = result.evaluation.visible if result.evaluation is not None else frozenset()
    return entry, visible


def open_findings(entry: FileEntry) -> dict[str, str]:
    return {f["id"]: f["risk"] for f in entry["findings"] if f["status"] == "open"}


def section(entry: FileEntry, sid: str) -> float | None:
    """A section's score: None when none of its questions applies."""
    score: float | None = next(s["score"] for s in entry["score"]["sections"] if s["id"] == sid)
    return score


def codes(entry: FileEntry) -> list[str]:
    return [d["code"] for d in entry["diagnostics"]]


# Item 3: a level's summary never contradicts an open high finding.


def random_answer(q: Question, rng: random.Random) -> Any:
    if rng.random() < 0.1:
        return None
    if q.kind == "yes-no":
        return rng.choice(["yes", "no"])
    if q.kind == "choice":
        return rng.choice(q.choice_ids)
    if q.kind == "multi-choice":
        return rng.sample(q.choice_ids, rng.randint(0, len(q.choice_ids)))
    if q.kind == "count":
        return rng.choice([0, 1, 2, 3, 5, 9, 12, 25])
    if q.kind == "percent":
        return rng.choice([0, 20, 49, 50, 80, 100])
    if q.kind == "number":
        return rng.choice([0, 1.5, 100])
    return "text"


def best_answer(q: Question) -> Any:
    """An answer worth the question's best points (text: some text)."""
    pts = q.points
    if q.kind == "text":
        return "text"
    if q.kind in ("count", "number", "percent") and not isinstance(pts, tuple):
        return 1
    if isinstance(pts, tuple):
        band = max(pts, key=lambda b: b.points)
        return band.at_least if band.at_least is not None else max((band.below or 1) - 1, 0)
    if q.kind == "multi-choice":
        return [c for c in q.choice_ids if (pts or {}).get(c, 0) > 0] or list(q.choice_ids[:1])
    if q.kind == "yes-no":
        return "yes" if (pts or {True: 1}).get(True, 0) >= (pts or {}).get(False, 0) else "no"
    return max(q.choice_ids, key=lambda c: (pts or {}).get(c, 0))


def random_team(cl: Checklist, rng: random.Random) -> dict[str, Any]:
    """Random answers; otherwise a near-best team with a few random answers, often those a
    high-risk finding looks at, so that high scores meet high-risk findings."""
    from checker.conditions import references

    questions = cl.question_list()
    roll = rng.random()
    if roll < 0.3:
        answers = {q.id: random_answer(q, rng) for q in questions}
    else:
        answers = {q.id: best_answer(q) for q in questions}
        highs = [r for r in cl.findings if r.risk.value == "high"]
        if highs and roll < 0.7:
            when = rng.choice(highs).when
            for qid in references(when):
                answers[qid] = random_answer(cl.questions[qid], rng)
            # Often aim at the finding: answer its comparisons so that they hold.
            for cond in _comparisons(when):
                if rng.random() < 0.7:
                    answers[cond.question] = _satisfying(cl.questions[cond.question], cond, rng)
        else:
            for q in rng.sample(questions, rng.randint(1, 3)):
                answers[q.id] = random_answer(q, rng)
    return {k: v for k, v in answers.items() if v is not None}


def _comparisons(cond: Any) -> list[Any]:
    """The comparisons a condition holds by (those under ``not`` are left alone)."""
    from checker.conditions import Compare, Not, Ratio

    if isinstance(cond, Compare):
        return [cond]
    if isinstance(cond, (Not, Ratio)):
        return []
    return [c for item in cond.items for c in _comparisons(item)]


def _satisfying(q: Question, cond: Any, rng: random.Random) -> Any:
    """An answer to ``q`` for which the comparison holds (or a random one when none is simple)."""
    value = cond.value
    if cond.op == "is":
        return ("yes" if value else "no") if isinstance(value, bool) else value
    if cond.op in ("in", "has"):
        pick = rng.choice(value) if cond.op == "in" else value
        return [pick] if q.kind == "multi-choice" else pick
    if cond.op == "at_least":
        return value
    if cond.op == "below":
        return max(value - 1, 0)
    return random_answer(q, rng)


def strict_levels(cl: Checklist) -> set[str]:
    """The levels no open high finding may stand beside: the top one, and any so marked."""
    levels = cl.scoring.levels
    return {lv.name for i, lv in enumerate(levels) if lv.no_open_high or i == len(levels) - 1}


@pytest.mark.parametrize("cid", BUNDLED)
def test_no_open_high_finding_beside_a_level_that_denies_it(tmp_path: Path, cid: str) -> None:
    cl = checklist(cid)
    rng = random.Random(f"level-rule-{cid}")
    strict = strict_levels(cl)
    capped = 0
    for _ in range(200):
        entry, _ = assess(tmp_path, cid, random_team(cl, rng))
        if not entry["valid"] or entry["score"]["level"] is None:
            continue
        highs = sorted(f for f, r in open_findings(entry).items() if r == "high")
        if highs:
            assert entry["score"]["level"] not in strict, (entry["score"], highs)
        cap = entry["score"].get("capped")
        if cap is not None:
            capped += 1
            assert cap["findings"] == highs
            assert cap["band"] in strict and cap["band"] != entry["score"]["level"]
    if any(f.risk.value == "high" for f in cl.findings):
        assert capped, "no random team reached a capped level; the test would prove nothing"


def test_the_top_level_is_given_only_without_an_open_high_finding(tmp_path: Path) -> None:
    answers = yaml.safe_load(
        (ROOT / "tests/data/organisations/bank-credit/regulated-readiness.yaml").read_text()
    )["answers"]
    entry, _ = assess(tmp_path, "regulated-readiness", answers)
    assert open_findings(entry) == {"compliance-late": "high"}
    overall = entry["score"]["overall"]
    assert overall is not None and overall >= 75  # the top band by score alone
    assert entry["score"]["level"] == "managed"
    assert entry["score"]["capped"] == {"band": "audit-ready", "findings": ["compliance-late"]}
    # An exempted finding is an accepted risk, not an open one: the score's level stands.
    exempt = [{"finding": "compliance-late", "owner": "o", "reason": "r", "expires": "2027-06-30"}]
    entry, _ = assess(tmp_path, "regulated-readiness", answers, exemptions=exempt)
    assert entry["score"]["level"] == "audit-ready" and "capped" not in entry["score"]


# Item 4: N/A in a points checklist does not count as a test not done.


def test_points_sections_rescale_by_the_applicable_tests(tmp_path: Path) -> None:
    cl = checklist("ml-test-score")
    everything = {q.id: "automated" for q in cl.question_list()}
    entry, _ = assess(tmp_path, "ml-test-score", everything)
    assert entry["score"]["overall"] == 7 and entry["score"]["level"] == "Exceptional"
    data = [q.id for q in cl.sections[0].questions]
    na = {"not_applicable": "No such features."}
    # Six applicable tests, all automated: the section is as good as seven of seven.
    entry, _ = assess(tmp_path, "ml-test-score", {**everything, data[0]: na})
    assert section(entry, "data") == 7
    assert entry["score"]["level"] == "Exceptional"
    # Half of the applicable tests done: half the section's scale, as with no N/A at all.
    half = {**everything, **{q: "not-done" for q in data[1:4]}, data[0]: na}
    entry, _ = assess(tmp_path, "ml-test-score", half)
    assert section(entry, "data") == 3.5
    sec = next(s for s in entry["score"]["sections"] if s["id"] == "data")
    assert (sec["earned"], sec["max"]) == (3, 6)


# Item 5: slow feedback is about delivery; measurement time is judged separately.


def test_slow_feedback_is_raised_only_by_slow_delivery() -> None:
    cl = checklist("interactions")
    rule = cl.finding("slow-feedback")
    assert rule is not None and rule.risk.value == "high"
    from checker.conditions import references

    assert set(references(rule.when)) == {"time-to-users"}


# Item 6: time a regulation requires (independent validation) is never counted as waiting.

WAITS = {
    "team-shape": ["deploy-wait", "handoffs"],
    "interactions": ["waiting-days", "time-to-users"],
}


@pytest.mark.parametrize(("cid", "qid"), [(c, q) for c, qs in WAITS.items() for q in qs])
def test_waiting_questions_leave_out_reviews_a_regulation_requires(cid: str, qid: str) -> None:
    q = checklist(cid).questions[qid]
    assert "a regulation requires" in q.help, q.help


# Item 8: every checklist can be answered "does not apply", with a reason.


@pytest.mark.parametrize("cid", BUNDLED)
def test_every_checklist_says_when_it_does_not_apply(tmp_path: Path, cid: str) -> None:
    cl = load_checklist(CHECKLISTS / f"{cid}.yaml")
    assert len(cl.applicability) > 40, cl.applicability
    entry, _ = assess(tmp_path, cid, None, not_applicable="Our team does not do this work.")
    assert entry["valid"] and codes(entry) == []
    assert entry["not_applicable"] == "Our team does not do this work."
    assert entry["score"]["overall"] is None and entry["score"]["level"] is None
    assert entry["findings"] == [] and entry["counts"] == {"high": 0, "medium": 0, "low": 0}


def test_a_checklist_that_does_not_apply_needs_a_reason_and_ignores_answers(
    tmp_path: Path,
) -> None:
    entry, _ = assess(tmp_path, "product-outcomes", None, not_applicable="  ")
    assert not entry["valid"] and codes(entry) == ["PC417"]
    entry, _ = assess(tmp_path, "product-outcomes", {"product-owner": "no"}, not_applicable="Lab.")
    assert entry["valid"] and codes(entry) == ["PC416"]
    assert entry["findings"] == []


# Scientists: questions about them are asked only of teams that have some.

SCIENTISTS: dict[str, dict[str, Any]] = {
    "team-shape": {"scientists": 0},
    "interactions": {"has-scientists": "no"},
}
ABOUT_THE_PLATFORMS_USERS = {("platform", "user-research")}


@pytest.mark.parametrize("cid", BUNDLED)
def test_questions_about_scientists_need_scientists(tmp_path: Path, cid: str) -> None:
    cl = checklist(cid)
    asking = [
        q.id
        for q in cl.question_list()
        if "scientist" in q.prompt.lower()
        and q.id not in SCIENTISTS.get(cid, {})
        and (cid, q.id) not in ABOUT_THE_PLATFORMS_USERS
    ]
    if not asking:
        return
    assert cid in SCIENTISTS, f"{cid} asks about scientists ({asking}) without asking for them"
    entry, visible = assess(tmp_path, cid, SCIENTISTS[cid])
    assert entry["valid"], entry["diagnostics"]
    assert not set(asking) & visible, set(asking) & visible


# Item 1: whoever deploys, the checklist asks how many teams share them.


@pytest.mark.parametrize("engineers", [0, 1, 3])
def test_teams_sharing_the_deployers_are_asked_whatever_the_head_count(
    tmp_path: Path, engineers: int
) -> None:
    answers: dict[str, Any] = {
        "scientists": 4,
        "ml-engineers": engineers,
        "path-to-production": "other-team",
    }
    if engineers:
        answers["engineers-dedicated"] = "yes"
    entry, visible = assess(tmp_path, "team-shape", answers)
    assert entry["valid"], entry["diagnostics"]
    assert "teams-served" in visible
    entry, _ = assess(tmp_path, "team-shape", {**answers, "teams-served": 9})
    assert open_findings(entry).get("shared-mlops-team") == "high"


# Item 9: a partner team earns full points only when it passes the page's three tests, and a
# time-boxed collaboration with the platform scores as well as a service.

PARTNER_TESTS = ("partner-stream", "partner-ships-alone", "partner-leader")


def test_a_partner_team_must_pass_the_three_tests(tmp_path: Path) -> None:
    rest = {"has-scientists": "yes", "review-sessions": "alternating", "handover": "same-code"}
    base = {**rest, "engineer-distance": "paired-team"}
    _, visible = assess(tmp_path, "interactions", base)
    assert set(PARTNER_TESTS) <= visible
    passing = {**base, **dict.fromkeys(PARTNER_TESTS, "yes")}
    same_team = {**rest, "engineer-distance": "same-team"}
    assert section(assess(tmp_path, "interactions", passing)[0], "distance") == section(
        assess(tmp_path, "interactions", same_team)[0], "distance"
    )
    for test in PARTNER_TESTS:
        entry, _ = assess(tmp_path, "interactions", {**passing, test: "no"})
        assert (section(entry, "distance") or 0) < 100
    coupled, _ = assess(tmp_path, "interactions", {**passing, "partner-ships-alone": "no"})
    assert "partner-teams-coupled" in open_findings(coupled)


def test_a_time_boxed_collaboration_with_the_platform_scores_as_a_service(
    tmp_path: Path,
) -> None:
    def modes(answers: dict[str, Any]) -> float | None:
        rest = {"collaboration-partners": 1, "team-api": "yes"}
        return section(assess(tmp_path, "interactions", {**rest, **answers})[0], "modes")

    service = modes({"platform-mode": "x-as-a-service"})
    boxed = modes({"platform-mode": "collaboration", "collaboration-end": "yes"})
    open_ended = modes({"platform-mode": "collaboration", "collaboration-end": "no"})
    facilitating = modes({"platform-mode": "facilitating"})
    assert service == boxed == 100
    assert open_ended is not None and facilitating is not None
    assert open_ended < facilitating < boxed


# Item 10: one fact, one finding.


def test_no_finding_id_is_defined_by_two_checklists() -> None:
    seen: dict[str, str] = {}
    for cid in BUNDLED:
        for rule in checklist(cid).findings:
            assert rule.id not in seen, f"{rule.id} is in {seen.get(rule.id)} and {cid}"
            seen[rule.id] = cid


def test_a_missing_product_owner_is_one_finding_across_the_checklists(tmp_path: Path) -> None:
    asked = [
        (cid, q.id)
        for cid in BUNDLED
        for q in checklist(cid).question_list()
        if ("product owner" in q.prompt.lower() and "platform" not in q.prompt.lower())
        or "own the product outcome" in q.prompt.lower()
    ]
    assert asked == [("product-outcomes", "product-owner")]
