"""The checklists' verdicts agree with what the playbook recommends (issue 15, items 1-5).

Each test assesses a small team through the CLI and checks the verdict; most also check the
contrasting team, so that a checklist which stopped telling them apart would fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import playbook_check

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"
EXAMPLES = ROOT / "examples"


def version(cid: str) -> str:
    major, minor, _ = yaml.safe_load((CHECKLISTS / f"{cid}.yaml").read_text())["version"].split(".")
    return f"{major}.{minor}"


def report(path: Path) -> dict[str, Any]:
    proc = playbook_check(
        "report", "-f", "json", "--today", "2026-11-24", "--checklists", CHECKLISTS, path
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)["files"][0]
    assert result["valid"], result["diagnostics"]
    return result


def assess(tmp_path: Path, cid: str, answers: dict[str, Any], name: str = "team") -> dict[str, Any]:
    doc = {"checklist": f"{cid}@{version(cid)}", "team": name, "answers": answers}
    path = tmp_path / f"{name}-{cid}.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return report(path)


def findings(result: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["risk"] for f in result["findings"] if f["status"] == "open"}


def section(result: dict[str, Any], sid: str) -> float | None:
    """A section's score: None when none of its questions applies."""
    score: float | None = next(s["score"] for s in result["score"]["sections"] if s["id"] == sid)
    return score


def scored(result: dict[str, Any], sid: str) -> float:
    """A section's score, which must be a number."""
    score = section(result, sid)
    assert score is not None, f"section {sid} has no score"
    return score


def warnings(result: dict[str, Any]) -> list[str]:
    return [d["code"] for d in result["diagnostics"] if d["severity"] == "warning"]


SELF_SERVICE_TEAM = {
    "team-type": "stream-aligned",
    "team-size": 6,
    "roles": ["product", "data-science", "data-engineering"],
    "scientists": 4,
    "ml-engineers": 0,
    "path-to-production": "self-service",
    "deploy-wait": 1,
    "scientists-shape-tooling": "yes",
    "handoffs": 0,
    "next-shape-review": "within-quarter",
}


# Item 1: scientists who ship through a good self-service platform.


def test_scientists_on_a_self_service_platform_are_fully_staffed(tmp_path: Path) -> None:
    result = assess(tmp_path, "team-shape", SELF_SERVICE_TEAM)
    assert not {"high"} & set(findings(result).values())
    assert "no-ml-engineering" not in findings(result)
    assert section(result, "staffing") == 100.0
    assert result["score"]["level"] == "self-sufficient"
    # The same scientists with nobody whose job it is to ship: a high-risk finding.
    stranded = assess(
        tmp_path, "team-shape", {**SELF_SERVICE_TEAM, "path-to-production": "whoever-has-time"}
    )
    assert findings(stranded).get("no-ml-engineering") == "high"
    assert scored(stranded, "staffing") < 100.0


def test_self_service_distance_scores_like_engineers_in_the_team(tmp_path: Path) -> None:
    base = {
        "platform-mode": "x-as-a-service",
        "collaboration-partners": 0,
        "team-api": "yes",
        "has-scientists": "yes",
        "review-sessions": "alternating",
        "handover": "same-code",
        "time-to-users": "days",
        "time-to-measure": "days",
        "waiting-days": 0,
        "incident-reviews": "blameless",
    }
    scores = {
        distance: section(
            assess(tmp_path, "interactions", {**base, "engineer-distance": distance}), "distance"
        )
        for distance in ("self-service", "same-team", "none")
    }
    assert scores["self-service"] == scores["same-team"] == 100.0
    assert scores["none"] is not None and scores["none"] < 100.0


def test_engineers_are_judged_by_the_wait_not_only_the_head_count(tmp_path: Path) -> None:
    one_for_four = {
        **SELF_SERVICE_TEAM,
        "ml-engineers": 1,
        "engineers-dedicated": "yes",
        "path-to-production": "team-engineers",
    }
    assert "thin-ml-engineering" not in findings(assess(tmp_path, "team-shape", one_for_four))
    waiting = assess(tmp_path, "team-shape", {**one_for_four, "deploy-wait": 15})
    assert findings(waiting).get("thin-ml-engineering") == "medium"
    # Two engineers no longer earn full points whatever the number of scientists.
    many = {**one_for_four, "ml-engineers": 2, "scientists": 12, "deploy-wait": 30}
    assert scored(assess(tmp_path, "team-shape", many), "staffing") < 100.0


# Item 2: regulated readiness applies only to regulated teams, and only what their regime asks.


def test_an_unregulated_team_is_not_scored_or_labelled(tmp_path: Path) -> None:
    result = assess(tmp_path, "regulated-readiness", {"regulated": "no"})
    assert result["score"]["overall"] is None and result["score"]["level"] is None
    assert result["findings"] == []
    assert warnings(result) == []
    # Answering regulated questions anyway changes nothing: they are not asked.
    extra = assess(tmp_path, "regulated-readiness", {"regulated": "no", "tool-approval": "no"})
    assert extra["score"]["overall"] is None and extra["findings"] == []
    assert warnings(extra) == ["PC406"]


def test_the_startup_example_is_no_longer_labelled_exposed() -> None:
    result = report(EXAMPLES / "startup" / "regulated-readiness.yaml")
    assert result["score"]["level"] is None and result["findings"] == []


def test_a_team_that_has_not_checked_gets_a_finding_and_the_general_questions(
    tmp_path: Path,
) -> None:
    answers = {
        "regulated": "not-checked",
        "compliance-timing": "after-launch",
        "tool-approval": "yes",
        "model-inventory": "none",
        "vendor-models": "no",
        "documentation": "ad-hoc",
        "ongoing-monitoring": "informal",
        "prediction-logging": "yes",
        "data-lineage": "partial",
    }
    result = assess(tmp_path, "regulated-readiness", answers)
    assert findings(result) == {"regulation-unchecked": "medium"}
    assert result["score"]["overall"] is not None


REGULATED = {
    "regulated": "yes",
    "compliance-timing": "before-build",
    "tool-approval": "yes",
    "model-inventory": "complete",
    "high-risk-models": 2,
    "vendor-models": "no",
    "documentation": "template",
    "ongoing-monitoring": "limits",
    "prediction-logging": "yes",
    "data-lineage": "full",
}
MODEL_RISK = {"independent-validation": "yes", "periodic-review": "yes"}
CREDIT = {"fairness-testing": "ongoing", "adverse-action-reasons": "yes"}


def test_each_regime_is_scored_only_on_its_own_questions(tmp_path: Path) -> None:
    bank = assess(
        tmp_path, "regulated-readiness", {**REGULATED, "regimes": ["model-risk"], **MODEL_RISK}
    )
    assert bank["score"]["overall"] == 100.0 and warnings(bank) == []
    # Credit questions are not asked of a team under model-risk guidance alone ...
    asked = assess(
        tmp_path,
        "regulated-readiness",
        {**REGULATED, "regimes": ["model-risk"], **MODEL_RISK, **CREDIT},
    )
    assert warnings(asked) == ["PC406", "PC406"]
    # ... and a credit team must answer them, and is flagged when it cannot explain a refusal.
    lender = {
        **REGULATED,
        "regimes": ["credit-decisions"],
        **CREDIT,
        "adverse-action-reasons": "no",
    }
    result = assess(tmp_path, "regulated-readiness", lender)
    assert findings(result) == {"no-adverse-action-reasons": "high"}


def test_missing_independent_validation_is_high_risk_under_model_risk_guidance(
    tmp_path: Path,
) -> None:
    answers = {**REGULATED, "regimes": ["model-risk"], **MODEL_RISK, "independent-validation": "no"}
    assert findings(assess(tmp_path, "regulated-readiness", answers)) == {
        "no-independent-validation": "high"
    }


# Item 3: a team that never shipped a baseline first can still reach the top level.


def test_a_team_without_a_historic_baseline_can_reach_the_top_level(tmp_path: Path) -> None:
    example = report(EXAMPLES / "self-service" / "engineering-practices.yaml")
    assert example["score"]["level"] == "robust"
    best = yaml.safe_load((EXAMPLES / "self-service" / "engineering-practices.yaml").read_text())
    answers = {**best["answers"], "shared-feature-code": "yes"}
    assert assess(tmp_path, "engineering-practices", answers)["score"]["level"] == "robust"
    never = assess(tmp_path, "engineering-practices", {**answers, "baseline-comparison": "never"})
    assert never["score"]["level"] != "robust"
    assert findings(never) == {"no-baseline": "low"}


def test_data_versioning_is_asked_once() -> None:
    checklist = yaml.safe_load((CHECKLISTS / "engineering-practices.yaml").read_text())
    questions = {q["id"]: q for s in checklist["sections"] for q in s["questions"]}
    assert "data-versioning" in questions
    assert [c["id"] for c in questions["version-control"]["choices"]] == [
        "code",
        "config",
        "models",
    ]


# Item 4: team shape rewards what the playbook recommends for every team type.


def test_platform_and_enabling_teams_are_not_penalised_for_their_roles(tmp_path: Path) -> None:
    for team_type, roles in [
        ("platform", ["ml-engineering", "software-engineering"]),
        ("enabling", ["ml-engineering"]),
        ("stream-aligned", ["product", "data-science", "ml-engineering"]),
    ]:
        answers = {**SELF_SERVICE_TEAM, "team-type": team_type, "roles": roles}
        assert section(assess(tmp_path, "team-shape", answers), "identity") == 100.0


def test_small_teams_score_full_points_for_size(tmp_path: Path) -> None:
    sizes = {
        n: section(
            assess(tmp_path, "team-shape", {**SELF_SERVICE_TEAM, "team-size": n}), "identity"
        )
        for n in (1, 2, 9, 12, 20)
    }
    assert sizes[1] == sizes[2] == sizes[9] == 100.0
    assert sizes[20] is not None and sizes[12] is not None and sizes[20] < sizes[12] < 100.0


def test_a_team_whose_projects_all_met_their_criteria_loses_nothing(tmp_path: Path) -> None:
    base = {
        "product-owner": "yes",
        "business-metric": "all",
        "milestones": "outcomes",
        "stop-criteria": "yes",
        "rewarded-for": "business-outcomes",
        "simple-first": "yes",
        "data-effort": 40,
        "experiment-cadence": "weekly",
        "users-involved": "prototype",
    }
    direction = {
        outcome: section(
            assess(tmp_path, "product-outcomes", {**base, "stopped-a-project": outcome}),
            "direction",
        )
        for outcome in ("all-met", "stopped", "continued")
    }
    assert direction["all-met"] == direction["stopped"] == 100.0
    assert direction["continued"] is not None and direction["continued"] < 100.0


def test_baseline_questions_are_not_duplicated_across_checklists() -> None:
    ids = {
        path.stem: {
            q["id"] for s in yaml.safe_load(path.read_text())["sections"] for q in s["questions"]
        }
        for path in CHECKLISTS.glob("*.yaml")
    }
    assert "baseline-first" not in ids["engineering-practices"]
    assert "simple-first" in ids["product-outcomes"]
    assert "baseline-comparison" in ids["engineering-practices"]


def best_answers(checklist: dict[str, Any]) -> dict[str, Any]:
    """For each question, an answer worth its maximum points (unscored ones: the first option)."""
    answers: dict[str, Any] = {}
    for q in (q for s in checklist["sections"] for q in s["questions"]):
        points, kind = q.get("points"), q["kind"]
        if kind == "text":
            continue
        if kind == "multi-choice":
            ids = [str(c["id"]) for c in q["choices"]]
            answers[q["id"]] = [i for i in ids if (points or {}).get(i, 0) > 0] or ids[:1]
        elif kind == "choice":
            ids = [str(c["id"]) for c in q["choices"]]
            answers[q["id"]] = max(ids, key=lambda i: (points or {}).get(i, 0))
        elif kind == "yes-no":
            best = max((points or {"yes": 1}).items(), key=lambda kv: kv[1])[0]
            answers[q["id"]] = "yes" if best in (True, "yes") else "no"
        else:
            band = max(points or [{"points": 0}], key=lambda b: b["points"])
            answers[q["id"]] = band.get("at_least", max(band.get("below", 1) - 1, 0))
    return answers


def test_every_checklist_can_reach_its_top_level(tmp_path: Path) -> None:
    """No checklist holds a question a team cannot answer at full points (issue 15, item 3)."""
    for path in sorted(CHECKLISTS.glob("*.yaml")):
        checklist = yaml.safe_load(path.read_text(encoding="utf-8"))
        result = assess(tmp_path, path.stem, best_answers(checklist))
        assert result["score"]["level"] == checklist["scoring"]["levels"][-1]["name"], path.stem
