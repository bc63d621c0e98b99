"""The llm-products checklist says what its page and the LLM pages recommend (issue 20).

Each test assesses a small team through the CLI; most also check the contrasting team, so that a
checklist which stopped telling them apart would fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.content.test_verdicts import EXAMPLES, assess, findings, report, scored, warnings

# The shape docs/checklists/llm-products.md recommends: the product team owns and runs its
# evaluations, pins its model, can move within a vendor's notice, tests misuse on every change,
# logs requests, sees its cost, and reaches the models through a gateway with a quick review.
RECOMMENDED: dict[str, Any] = {
    "llm-use": "vendor",
    "output-use": "reaches-users",
    "untrusted-input": "yes",
    "eval-owner": "product-team",
    "eval-runs": "every-change",
    "production-review": "regular",
    "pinned-versions": "yes",
    "switch-days": 20,
    "adversarial-tests": "every-change",
    "misuse-owner": "product-team",
    "request-logging": "yes",
    "cost-visibility": "per-feature",
    "model-access": "gateway",
    "gateway-review-days": 3,
}


def llm(tmp_path: Path, **changes: Any) -> dict[str, Any]:
    answers = {**RECOMMENDED, **changes}
    return assess(tmp_path, "llm-products", {k: v for k, v in answers.items() if v is not None})


def test_the_recommended_shape_reaches_the_top_level_with_no_finding(tmp_path: Path) -> None:
    result = llm(tmp_path)
    assert findings(result) == {} and warnings(result) == []
    assert result["score"]["overall"] == 100.0
    assert result["score"]["level"] == "evaluated and governed"


def test_a_team_that_builds_nothing_on_llms_is_not_scored(tmp_path: Path) -> None:
    result = assess(tmp_path, "llm-products", {"llm-use": "none"})
    assert result["score"]["overall"] is None and result["score"]["level"] is None
    assert result["findings"] == [] and warnings(result) == []
    # Answers to questions it is not asked change nothing and are reported as ignored.
    extra = assess(tmp_path, "llm-products", {"llm-use": "none", "eval-owner": "nobody"})
    assert extra["findings"] == [] and warnings(extra) == ["PC406"]


def test_every_example_team_but_harbour_is_not_applicable() -> None:
    for team in ("startup", "central-ml", "self-service", "regulated-bank"):
        result = report(EXAMPLES / team / "llm-products.yaml")
        assert result["score"]["level"] is None and result["findings"] == [], team


def test_harbours_one_gap_is_the_untested_listing_text() -> None:
    result = report(EXAMPLES / "platform-stream" / "llm-products.yaml")
    assert findings(result) == {"no-injection-testing": "high"}
    assert result["score"]["level"] == "partly evaluated"


def test_evaluations_belong_to_the_product_team(tmp_path: Path) -> None:
    central = llm(tmp_path, **{"eval-owner": "central-team"})
    assert findings(central) == {"central-evals": "medium"}
    nobody = llm(tmp_path, **{"eval-owner": "nobody", "eval-runs": None})
    # One fact, one finding: when nobody owns the cases, "they rarely run" is not asked.
    assert findings(nobody) == {"no-eval-owner": "high"}
    assert scored(nobody, "evaluation") < scored(central, "evaluation") < 100.0


def test_evaluations_that_rarely_run_are_high_risk_and_partial_runs_cost_points(
    tmp_path: Path,
) -> None:
    assert findings(llm(tmp_path, **{"eval-runs": "rarely"})) == {"evals-not-run": "high"}
    partial = llm(tmp_path, **{"eval-runs": "some-changes"})
    assert findings(partial) == {} and scored(partial, "evaluation") < 100.0
    never = llm(tmp_path, **{"production-review": "never"})
    assert findings(never) == {"no-production-review": "medium"}


def test_a_team_that_cannot_move_within_sixty_days_is_flagged(tmp_path: Path) -> None:
    assert findings(llm(tmp_path, **{"switch-days": 59})) == {}
    assert findings(llm(tmp_path, **{"switch-days": 60})) == {"slow-model-switch": "high"}
    assert scored(llm(tmp_path, **{"switch-days": 30}), "models") < 100.0
    assert findings(llm(tmp_path, **{"pinned-versions": "no"})) == {"unpinned-model": "medium"}
    # A self-hosted model has no vendor to retire it: the question is not asked.
    hosted = llm(tmp_path, **{"llm-use": "self-hosted", "switch-days": None})
    assert findings(hosted) == {} and warnings(hosted) == []
    assert hosted["score"]["overall"] == 100.0


def test_injection_tests_matter_where_the_model_reads_untrusted_content(tmp_path: Path) -> None:
    exposed = llm(tmp_path, **{"adversarial-tests": "never"})
    assert findings(exposed) == {"no-injection-testing": "high"}
    closed = llm(tmp_path, **{"adversarial-tests": "never", "untrusted-input": "no"})
    assert findings(closed) == {} and scored(closed, "safety") < 100.0
    once = llm(tmp_path, **{"adversarial-tests": "before-launch"})
    assert findings(once) == {} and scored(once, "safety") < 100.0
    assert findings(llm(tmp_path, **{"misuse-owner": "nobody"})) == {"no-misuse-owner": "medium"}
    assert findings(llm(tmp_path, **{"misuse-owner": "security-team"})) == {}


def test_a_person_reviews_outputs_that_decide_something_about_a_person(tmp_path: Path) -> None:
    people = {"output-use": "decides-about-people"}
    assert findings(llm(tmp_path, **people, **{"human-review": "every"})) == {}
    for review in ("sampled", "none"):
        result = llm(tmp_path, **people, **{"human-review": review})
        assert findings(result) == {"unreviewed-decisions": "high"}, review
    actions = {"output-use": "acts"}
    assert findings(llm(tmp_path, **actions, **{"human-review": "sampled"})) == {}
    assert findings(llm(tmp_path, **actions, **{"human-review": "none"})) == {
        "unreviewed-actions": "medium"
    }
    # Drafts a person reads anyway are not asked about review.
    drafts = llm(tmp_path, **{"output-use": "assists", "human-review": "none"})
    assert findings(drafts) == {} and warnings(drafts) == ["PC406"]


def test_logging_and_cost(tmp_path: Path) -> None:
    assert findings(llm(tmp_path, **{"request-logging": "no"})) == {
        "requests-not-reconstructable": "medium"
    }
    assert findings(llm(tmp_path, **{"cost-visibility": "nothing"})) == {
        "invisible-token-cost": "medium"
    }
    total = llm(tmp_path, **{"cost-visibility": "monthly-total"})
    assert findings(total) == {} and scored(total, "operations") < 100.0


def test_the_gateway_helps_when_several_teams_call_models_and_its_review_is_timed(
    tmp_path: Path,
) -> None:
    own = {"model-access": "own", "gateway-review-days": None}
    assert findings(llm(tmp_path, **own, **{"other-llm-teams": 1})) == {}
    assert findings(llm(tmp_path, **own, **{"other-llm-teams": 2})) == {"no-shared-gateway": "low"}
    assert findings(llm(tmp_path, **{"gateway-review-days": 19})) == {}
    assert findings(llm(tmp_path, **{"gateway-review-days": 20})) == {
        "slow-gateway-review": "medium"
    }
