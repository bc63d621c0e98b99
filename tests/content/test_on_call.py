"""On-call per production model is scored, not only argued for (issue 20).

The flow-metrics page asks that each production model's owning team be on call for it, with
someone who can judge the model, a runbook, a rollback that has been practised and agreed
service-level objectives. engineering-practices 3.0 asks those four things; each test checks the
contrasting answer too, so a checklist that stopped telling them apart would fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.content.test_verdicts import CHECKLISTS, EXAMPLES, assess, findings, report

CID = "engineering-practices"
# A team whose other practices are all in place, so that only the on-call answers matter.
PRACTISED = {
    "data-validation": "automated",
    "data-versioning": "automated",
    "shared-feature-code": "yes",
    "version-control": ["code", "config", "models"],
    "model-tests": "automated",
    "baseline-comparison": "automated",
    "ci-pipeline": "automated",
    "reproducible-training": "yes",
    "rollback-minutes": "yes",
    "monitoring-kinds": ["service-health", "input-drift", "prediction-quality", "business-metric"],
    "alert-owner": "yes",
    "retraining-trigger": "metrics",
}
ON_CALL = {
    "on-call": "owning-team",
    "runbooks": "every",
    "rollback-drill": "quarter",
    "slos": "service-and-model",
}


def team(tmp_path: Path, **changes: Any) -> dict[str, Any]:
    return assess(tmp_path, CID, {**PRACTISED, **ON_CALL, **changes})


def pitfalls(result: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["pitfall"] for f in result["findings"] if f["status"] == "open"}


def test_the_four_on_call_questions_are_asked_in_their_own_section() -> None:
    checklist = yaml.safe_load((CHECKLISTS / f"{CID}.yaml").read_text(encoding="utf-8"))
    sections = {s["id"]: [q["id"] for q in s["questions"]] for s in checklist["sections"]}
    assert sections["on-call"] == ["on-call", "runbooks", "rollback-drill", "slos"]
    assert checklist["version"].startswith("3.")


def test_the_shape_the_flow_metrics_page_recommends_raises_nothing_and_is_robust(
    tmp_path: Path,
) -> None:
    result = team(tmp_path)
    assert findings(result) == {}
    assert result["score"]["level"] == "robust"


def test_nobody_on_call_is_high_risk_and_holds_the_level_below_production_ready(
    tmp_path: Path,
) -> None:
    result = team(tmp_path, **{"on-call": "nobody"})
    assert findings(result) == {"no-model-on-call": "high"}
    assert pitfalls(result) == {"no-model-on-call": "science-without-mlops"}
    assert result["score"]["level"] not in ("production-ready", "robust")


def test_a_rota_that_cannot_judge_the_model_is_a_finding_of_its_own(tmp_path: Path) -> None:
    result = team(tmp_path, **{"on-call": "service-only"})
    assert findings(result) == {"on-call-cannot-judge-model": "medium"}
    assert pitfalls(result) == {"on-call-cannot-judge-model": "prototype-over-the-wall"}


def test_missing_runbooks_and_objectives_are_findings(tmp_path: Path) -> None:
    assert findings(team(tmp_path, runbooks="none")) == {"no-runbooks": "medium"}
    assert findings(team(tmp_path, runbooks="some")) == {}
    assert findings(team(tmp_path, slos="none")) == {"no-slos": "low"}
    # Objectives for the service only cost points but raise nothing: the score says it.
    service = team(tmp_path, slos="service")
    assert findings(service) == {}
    assert service["score"]["overall"] < team(tmp_path)["score"]["overall"]


def test_a_fast_rollback_that_was_never_practised_is_flagged_once(tmp_path: Path) -> None:
    assert findings(team(tmp_path, **{"rollback-drill": "never"})) == {
        "rollback-never-practised": "low"
    }
    # Without a fast rollback, no-rollback already says so: one fact, one finding.
    slow = team(tmp_path, **{"rollback-drill": "never", "rollback-minutes": "no"})
    assert findings(slow) == {"no-rollback": "medium"}


def test_every_example_team_answers_the_on_call_questions() -> None:
    for path in sorted(EXAMPLES.glob(f"*/{CID}.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["checklist"] == f"{CID}@3.0", path
        assert set(ON_CALL) <= set(doc["answers"]), path
        result = report(path)
        assert [d["code"] for d in result["diagnostics"]] == [], path
