"""The topology's verdicts agree with the prose (issue 19, items 1, 2 and 7).

Each file in ``organisations/`` is an organisation the playbook's pages describe, written as a
team would write it; the test pins the exact findings the pages call for. The shapes the prose
recommends give none; the pitfall page's canonical central-MLOps queue is detected however a
user would naturally write it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from checker.load.yaml import load_text
from checker.topology.check import TopologyResult
from tests.topology.conftest import TODAY, check_data

HERE = Path(__file__).parent / "organisations"
Data = dict[str, Any]


def _data(name: str) -> Data:
    data: Data = load_text((HERE / f"{name}.yaml").read_text(encoding="utf-8"), name).data
    return data


def _check(data: Data) -> TopologyResult:
    result = check_data(data, TODAY)
    assert result.valid, [d.format() for d in result.diagnostics]
    return result


def _ids(data: Data) -> set[str]:
    return {f.id for f in _check(data).findings}


EXPECTED: dict[str, set[str]] = {
    # The recommended shapes: nothing to flag.
    "booking-embedded": set(),
    "uber-michelangelo": set(),
    "startup-managed": set(),
    "bank-sr-11-7": set(),
    "eu-hiring": set(),
    "research-lab": set(),
    "ml-engineers-only": set(),
    "vendor-llm": set(),
    # The pitfall page's illustration: one finding, the pitfall's own.
    "central-mlops-by-request": {"mlops-close-with-many/mlops"},
}


def test_every_organisation_has_an_expectation() -> None:
    assert {p.stem for p in HERE.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_the_verdicts_are_the_prose(name: str, expected: set[str]) -> None:
    result = _check(_data(name))
    assert {f.id for f in result.findings} == expected
    assert not [d for d in result.diagnostics if d.severity.value == "warning"]


def test_the_canonical_queue_is_the_central_mlops_pitfall() -> None:
    result = _check(_data("central-mlops-by-request"))
    (finding,) = result.findings
    assert finding.pitfall == "central-mlops-bottleneck" and finding.risk.value == "high"
    assert "9 science teams must ask Central MLOps" in finding.title
    assert len(finding.triggers) == 10  # the team and its nine queues


def _rewritten(mode: str, **team: Any) -> Data:
    data = _data("central-mlops-by-request")
    data["teams"][0].update(team)
    for ix in data["interactions"]:
        ix["mode"] = mode
        if mode in ("collaboration", "facilitating"):
            ix["since"], ix["until"] = "2026-06-01", "2026-12-31"
    return data


@pytest.mark.parametrize(
    ("mode", "team"),
    [
        ("by-request", {}),
        ("by-request", {"type": "complicated-subsystem", "provides": []}),
        ("by-request", {"type": "enabling", "provides": []}),
        ("by-request", {"provides": []}),
        ("collaboration", {}),
        ("collaboration", {"type": "complicated-subsystem", "provides": []}),
    ],
    ids=[
        "by-request",
        "mlops-as-a-subsystem-without-provides",
        "mlops-as-enabling",
        "platform-without-provides",
        "collaboration",
        "collaboration-with-a-subsystem",
    ],
)
def test_the_canonical_queue_is_detected_however_it_is_written(mode: str, team: Data) -> None:
    data = _rewritten(mode, **team)
    if not data["teams"][0]["provides"]:
        data["capabilities"] = []
    found = _ids(data)
    assert "mlops-close-with-many/mlops" in found
    # Their engineers deploy for them, slowly: that is this pitfall, not science-without-MLOps.
    assert not any(f.startswith("science-without-mlops-path/") for f in found)
    assert not any(f.startswith(("too-many-dependencies", "ml-subsystem")) for f in found)


def test_an_mlops_team_facilitating_many_science_teams_at_once_is_flagged() -> None:
    assert "mlops-close-with-many/mlops" in _ids(_rewritten("facilitating"))


def test_the_old_guides_way_of_writing_a_queue_gets_a_warning_that_says_how() -> None:
    """The guide used to say: write a ticket queue as X-as-a-service, with the wait in
    `purpose`. Such files now get PC713 at each interaction, pointing at `by-request`."""
    data = _rewritten("x-as-a-service")
    result = _check(data)
    warnings = [d for d in result.diagnostics if d.code == "PC713"]
    assert len(warnings) == 9 and all(d.severity.value == "warning" for d in warnings)
    assert "by-request" in warnings[0].hint
    data["interactions"][0]["purpose"] = "Self-service deployment API"
    assert sum(d.code == "PC713" for d in _check(data).diagnostics) == 8


def test_an_exemption_is_not_needed_for_a_standing_oversight_duty() -> None:
    """The bank example used to write validation as a collaboration and exempt it; as
    oversight nothing fires, and nothing needs to expire."""
    data = _data("bank-sr-11-7")
    as_collaboration = copy.deepcopy(data)
    as_collaboration["interactions"][2]["mode"] = "collaboration"
    found = _ids(as_collaboration)
    assert "collaboration-without-end/validation--credit-risk" in found
    assert _ids(data) == set()


def test_a_managed_service_is_a_path_to_production() -> None:
    data = _data("startup-managed")
    data["interactions"] = [ix for ix in data["interactions"] if ix["from"] != "cloud-ml"]
    assert "science-without-mlops-path/matching" in _ids(data)


def test_a_team_that_runs_its_own_model_service_has_a_path_to_production() -> None:
    """The language team has no ML engineers listed, but it runs the model API three product
    teams consume: it has a path (issue 19, item 2)."""
    data = _data("uber-michelangelo")
    nlp = next(t for t in data["teams"] if t["id"] == "nlp")
    assert "ml-engineers" not in nlp["members"]
    data["interactions"] = [ix for ix in data["interactions"] if ix["from"] != "nlp"]
    assert "science-without-mlops-path/nlp" not in _ids(data)  # the platform still serves it
    data["interactions"] = [ix for ix in data["interactions"] if ix["to"] != "nlp"]
    assert "science-without-mlops-path/nlp" in _ids(data)


def test_specialist_teams_behind_queues_are_the_ml_team_bottleneck() -> None:
    data = _data("uber-michelangelo")
    for ix in data["interactions"]:
        if ix["from"] == "forecasting":
            ix["mode"] = "by-request"
    assert "ml-subsystem-bottleneck/forecasting" in _ids(data)


def test_oversized_team_and_missing_product_owner() -> None:
    data = _data("booking-embedded")
    data["teams"][0]["members"] = {"scientists": 3, "software-engineers": 6, "product": 1}
    assert _ids(data) == {"oversized-team/search"}
    data["thresholds"] = {"max-team-size": 10}
    assert _ids(data) == set()
    data["teams"][1]["members"].pop("product")
    assert _ids(data) == {"ml-team-without-product-owner/pricing"}
    data["teams"][1]["members"] = {}  # members not given: nothing to judge
    assert _ids(data) == set()


def test_a_platform_for_ml_engineers_is_not_without_users() -> None:
    data = _data("ml-engineers-only")
    assert _ids(data) == set()
    data["teams"][0].pop("owns")  # nobody builds models: the platform has no users
    assert _ids(data) == {"platform-without-scientists/ml-platform"}


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            lambda d: d["interactions"].append(
                {"from": "assistant", "to": "llm-vendor", "mode": "collaboration"}
            ),
            "PC702",
        ),
        (
            lambda d: d["interactions"].append(
                {"from": "llm-vendor", "to": "observability", "mode": "x-as-a-service"}
            ),
            "PC714",
        ),
        (
            lambda d: d["interactions"].__setitem__(
                0, {"from": "assistant", "to": "llm-vendor", "mode": "x-as-a-service"}
            ),
            "PC714",
        ),
        (lambda d: d["providers"].append({"id": "assistant", "name": "Other"}), "PC702"),
        (lambda d: d["providers"].append({"id": "other", "name": "Shopping Assistant"}), "PC711"),
        (lambda d: d["providers"][0].update(page="javascript:alert(1)"), "PC707"),
        (lambda d: d["providers"][0].update(kind="friend"), "PC204"),
    ],
    ids=[
        "reversed-pair",
        "two-providers",
        "provider-consumes",
        "id-clash",
        "name-clash",
        "unsafe-page",
        "unknown-kind",
    ],
)
def test_providers_are_checked(change: Any, code: str) -> None:
    data = _data("vendor-llm")
    change(data)
    result = check_data(data, TODAY)
    assert not result.valid
    assert next(d.code for d in result.diagnostics if d.severity.value == "error") == code


def test_a_provider_may_collaborate_and_be_helped_by_no_one() -> None:
    data = _data("vendor-llm")
    data["interactions"][0] = {
        "from": "assistant",
        "to": "llm-vendor",
        "mode": "collaboration",
        "since": "2026-10-01",
        "until": "2026-12-31",
        "purpose": "Fine-tune a model with the vendor",
    }
    assert _ids(data) == {"science-without-mlops-path/assistant"} - {
        "science-without-mlops-path/assistant"
    }
