"""regulated-readiness asks each regime what that regime asks (issue 20, regulation).

The yearly review is banks' model-risk practice, not the EU AI Act's; the Act's provider and
deployer are told apart; GDPR Article 22 asks for human intervention; and a high-risk model that
is monitored only informally is a high-risk finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.content.test_verdicts import REGULATED, assess, findings, report, warnings


def regulated(tmp_path: Path, regimes: list[str], **answers: Any) -> dict[str, Any]:
    return assess(tmp_path, "regulated-readiness", {**REGULATED, "regimes": regimes, **answers})


PROVIDER = {"fairness-testing": "ongoing", "human-oversight": "yes"}
# The EU AI Act's duties asked since 3.0 (tests/content/test_eu_ai_act.py), all carried.
EU_DUTIES = {"incident-reporting": "yes", "ai-literacy": "role-based", "ai-interaction": "no"}
PROVIDER_DUTIES = {**EU_DUTIES, "quality-management": "yes", "conformity-assessment": "yes"}
DEPLOYER = {"human-oversight": "yes", **EU_DUTIES, "rights-impact-assessment": "yes"}


def test_the_periodic_review_is_asked_under_model_risk_guidance_only(tmp_path: Path) -> None:
    bank = regulated(
        tmp_path, ["model-risk"], **{"independent-validation": "yes", "periodic-review": "no"}
    )
    assert findings(bank) == {"no-periodic-review": "medium"}
    # An EU AI Act provider is not asked it: the Act asks for continuous risk management and
    # post-market monitoring instead.
    provider = regulated(tmp_path, ["eu-ai-act-high-risk"], **PROVIDER, **PROVIDER_DUTIES)
    assert findings(provider) == {} and warnings(provider) == []
    assert provider["score"]["overall"] == 100.0
    asked = regulated(
        tmp_path,
        ["eu-ai-act-high-risk"],
        **PROVIDER,
        **PROVIDER_DUTIES,
        **{"periodic-review": "no"},
    )
    assert findings(asked) == {} and warnings(asked) == ["PC406"]


def test_informal_monitoring_of_a_high_risk_model_is_a_high_risk_finding(
    tmp_path: Path,
) -> None:
    informal = {"ongoing-monitoring": "informal"}
    cases = {
        "model-risk": {"independent-validation": "yes", "periodic-review": "yes"},
        "eu-ai-act-high-risk": {**PROVIDER, **PROVIDER_DUTIES},
        "eu-ai-act-deployer": DEPLOYER,
    }
    for regime, answers in cases.items():
        result = regulated(tmp_path, [regime], **answers, **informal)
        assert findings(result) == {"informal-monitoring": "high"}, regime
        assert findings(regulated(tmp_path, [regime], **answers)) == {}, regime
    # A rule that is not about high-risk models keeps informal monitoring a matter of points.
    other = regulated(tmp_path, ["other"], **{"human-oversight": "yes"}, **informal)
    assert findings(other) == {}


def test_a_deployer_and_automated_decisions_are_asked_about_human_oversight(
    tmp_path: Path,
) -> None:
    for regime in ("eu-ai-act-deployer", "automated-decisions"):
        duties = DEPLOYER if regime == "eu-ai-act-deployer" else {"human-oversight": "yes"}
        assert findings(regulated(tmp_path, [regime], **duties)) == {}
        assert findings(regulated(tmp_path, [regime], **{**duties, "human-oversight": "no"})) == {
            "no-oversight": "high"
        }
        # A deployer does not examine the provider's training data for bias: not asked.
        unasked = regulated(tmp_path, [regime], **{**duties, **PROVIDER})
        assert warnings(unasked) == ["PC406"], regime


def test_answers_given_against_2_0_load_with_the_changed_questions_stale(tmp_path: Path) -> None:
    doc = {
        **REGULATED,
        "regimes": ["model-risk"],
        "independent-validation": "yes",
        "periodic-review": "yes",
    }
    path = tmp_path / "old.yaml"
    path.write_text(
        yaml.safe_dump(
            {"checklist": "regulated-readiness@2.0", "team": "t", "answers": doc}, sort_keys=False
        ),
        encoding="utf-8",
    )
    result = report(path)
    assert findings(result) == {}
    stale = [d for d in result["diagnostics"] if d["code"] == "PC407"]
    assert sorted(d["message"].split("'")[1] for d in stale) == ["periodic-review", "regimes"]


def test_informal_monitoring_of_a_high_risk_model_never_reaches_the_top_level(
    tmp_path: Path,
) -> None:
    answers = {"independent-validation": "yes", "periodic-review": "yes"}
    informal = regulated(tmp_path, ["model-risk"], **answers, **{"ongoing-monitoring": "informal"})
    assert informal["score"]["level"] != "audit-ready"
