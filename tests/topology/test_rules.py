"""Every organisation-level finding fires on the shape it names, and not on a near miss."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.topology.rules import RULES, months_between
from tests.topology.conftest import ROOT, check_data, link, team

Fired = Callable[[dict[str, Any]], set[str]]
Data = dict[str, Any]


def test_base_organisation_is_clean(base: Data, fired: Fired) -> None:
    assert fired(base) == set()


def _science(data: Data, *ids: str, **members: int) -> None:
    for tid in ids:
        data["teams"].append(
            team(tid, members={"scientists": 1, "ml-engineers": 1, "product": 1, **members})
        )


def test_mlops_close_with_many(base: Data, fired: Fired) -> None:
    _science(base, "a", "b")
    for tid in ("search", "a", "b"):
        base["interactions"] = [x for x in base["interactions"] if x["to"] != tid] + [
            link("plat", tid, "facilitating", until="2027-01-01")
        ]
    assert "mlops-close-with-many/plat" in fired(base)
    base["thresholds"] = {"mlops-close-teams": 4}
    assert "mlops-close-with-many/plat" not in fired(base)


def test_mlops_close_counts_only_close_modes(base: Data, fired: Fired) -> None:
    _science(base, "a", "b")
    base["interactions"] += [link("plat", "a"), link("plat", "b")]
    assert not any(f.startswith("mlops-close-with-many") for f in fired(base))


def test_science_without_mlops_path(base: Data, fired: Fired) -> None:
    base["teams"][0]["members"] = {"scientists": 2}
    base["interactions"] = []
    assert "science-without-mlops-path/search" in fired(base)
    base["interactions"] = [link("plat", "search")]
    base["teams"][1]["provides"] = ["registry"]  # no serving: still no path
    assert "science-without-mlops-path/search" in fired(base)


def test_science_with_serving_platform_does_not_fire(base: Data, fired: Fired) -> None:
    base["teams"][0]["members"] = {"scientists": 2}
    base["interactions"] = [link("plat", "search")]
    assert "science-without-mlops-path/search" not in fired(base)


def test_platform_without_scientists(base: Data, fired: Fired) -> None:
    base["teams"][0]["members"] = {"software-engineers": 4, "ml-engineers": 1}
    assert "platform-without-scientists/plat" not in fired(base)  # it owns a model
    del base["teams"][0]["owns"]
    assert "platform-without-scientists/plat" in fired(base)


def test_collaboration_without_end(base: Data, fired: Fired) -> None:
    base["interactions"] = [link("plat", "search", "collaboration")]
    assert "collaboration-without-end/plat--search" in fired(base)
    base["interactions"][0]["until"] = "2027-01-31"
    assert "collaboration-without-end/plat--search" not in fired(base)


def test_long_collaboration(base: Data, fired: Fired) -> None:
    base["interactions"] = [
        link("plat", "search", "collaboration", since="2025-01-01", until="2026-12-31")
    ]
    assert "long-collaboration/plat--search" in fired(base)
    base["thresholds"] = {"collaboration-months": 24}
    assert "long-collaboration/plat--search" not in fired(base)


def test_ended_interactions_are_history(base: Data, fired: Fired) -> None:
    base["interactions"] = [
        link("plat", "search", "collaboration", since="2024-01-01", until="2025-01-01"),
    ]
    found = fired(base)
    assert not any(f.startswith(("long-collaboration", "collaboration-without")) for f in found)


def test_enabling_without_end(base: Data, fired: Fired) -> None:
    base["teams"].append(team("coach", "enabling", members={"ml-engineers": 2}))
    base["interactions"].append(link("coach", "search", "facilitating"))
    assert "enabling-without-end/coach--search" in fired(base)
    base["interactions"][-1]["until"] = "2027-03-31"
    assert "enabling-without-end/coach--search" not in fired(base)


def test_too_many_collaborations(base: Data, fired: Fired) -> None:
    _science(base, "a")
    base["interactions"] = [
        link("plat", "search"),
        link("search", "a", "collaboration", until="2027-01-01"),
        link("plat", "a"),
    ]
    assert fired(base) == set()
    base["interactions"][0] = link("plat", "search", "collaboration", until="2027-01-01")
    found = fired(base)
    assert "too-many-collaborations/search" in found
    assert "too-many-collaborations/plat" not in found
    base["thresholds"] = {"max-collaborations": 2}
    assert not any(f.startswith("too-many-collaborations") for f in fired(base))


def test_ml_subsystem_bottleneck(base: Data, fired: Fired) -> None:
    _science(base, "a", "b")
    base["interactions"] += [link("plat", "a"), link("plat", "b")]
    base["teams"].append(
        team("core-ml", "complicated-subsystem", members={"scientists": 5}, owns=["eta"])
    )
    base["interactions"] += [
        link("core-ml", "search", "by-request"),
        link("core-ml", "a", "by-request"),
    ]
    assert "ml-subsystem-bottleneck/core-ml" not in fired(base)
    base["interactions"].append(link("core-ml", "b", "collaboration", until="2027-01-01"))
    assert "ml-subsystem-bottleneck/core-ml" in fired(base)


def test_a_subsystem_serving_product_teams_through_a_model_api_is_not_a_bottleneck(
    base: Data, fired: Fired
) -> None:
    """team-types, spinning-out and capability-ownership recommend exactly this shape."""
    _science(base, "a", "b")
    base["interactions"] += [link("plat", "a"), link("plat", "b")]
    base["teams"].append(
        team(
            "forecasting",
            "complicated-subsystem",
            members={"scientists": 3, "ml-engineers": 1},
            owns=["demand-forecast"],
        )
    )
    base["interactions"] += [link("forecasting", t) for t in ("search", "a", "b")]
    assert fired(base) == set()


def test_capability_unowned(base: Data, fired: Fired) -> None:
    base["capabilities"] = ["serving", "feature-store"]
    assert fired(base) == {"capability-unowned/feature-store"}


def test_capability_and_model_owned_twice(base: Data, fired: Fired) -> None:
    base["teams"].append(
        team("plat2", "platform", members={"ml-engineers": 1}, provides=["serving"])
    )
    base["interactions"].append(link("plat2", "search"))
    assert "capability-owned-twice/serving" in fired(base)
    base["teams"][2]["provides"] = ["training"]
    base["teams"][2]["owns"] = ["ranking"]
    found = fired(base)
    assert "model-owned-twice/ranking" in found
    assert "capability-owned-twice/serving" not in found


def test_too_many_dependencies(base: Data, fired: Fired) -> None:
    for i in range(4):
        base["teams"].append(
            team(f"cs{i}", "complicated-subsystem", members={"software-engineers": 2})
        )
    base["interactions"] += [link("cs0", "search"), link("cs1", "search", "by-request")]
    base["interactions"].append(link("cs2", "search", "collaboration", until="2027-01-01"))
    assert "too-many-dependencies/search" not in fired(base)  # 3 teams: at the threshold
    base["interactions"].append(link("cs3", "search", "facilitating", until="2027-01-01"))
    assert "too-many-dependencies/search" in fired(base)  # 4 teams
    base["thresholds"] = {"max-dependencies": 4}
    assert "too-many-dependencies/search" not in fired(base)


def test_self_service_platforms_are_not_dependencies(base: Data, fired: Fired) -> None:
    """Adding the recommended ML platform (and the infrastructure and data platforms beside
    it) must not create a finding: self-service is the low-load shape."""
    for i in range(4):
        base["teams"].append(
            team(f"cs{i}", "complicated-subsystem", members={"software-engineers": 2})
        )
        if i < 3:
            base["interactions"].append(link(f"cs{i}", "search"))
    for pid in ("infra", "data"):
        base["teams"].append(
            team(pid, "platform", grouping="ml", members={"software-engineers": 4})
        )
        base["interactions"].append(link(pid, "search"))
    assert "too-many-dependencies/search" not in fired(base)  # 3 subsystems, 3 platforms
    base["interactions"][0]["mode"] = "by-request"  # the ML platform, reached by ticket
    assert "too-many-dependencies/search" in fired(base)


def test_stream_provides_service(base: Data, fired: Fired) -> None:
    _science(base, "a", "b")
    base["interactions"] += [link("plat", "a"), link("plat", "b"), link("search", "a")]
    # One stream-aligned team serving another its model, with one owner: the prose's shape.
    assert not any(f.startswith("stream-provides-service") for f in fired(base))
    base["interactions"].append(link("search", "b"))
    assert "stream-provides-service/search" in fired(base)  # two teams: a platform's job
    base["thresholds"] = {"stream-served-teams": 3}
    assert "stream-provides-service/search" not in fired(base)
    base["interactions"][-1]["mode"] = "by-request"  # taking requests: a service desk
    assert "stream-provides-service/search" in fired(base)
    base["interactions"][-1]["mode"] = "collaboration"
    base["interactions"][-1]["until"] = "2027-01-01"
    assert not any(f.startswith("stream-provides-service") for f in fired(base))


def test_oversized_team(base: Data, fired: Fired) -> None:
    base["teams"][0]["members"] = {"scientists": 3, "ml-engineers": 2, "software-engineers": 4}
    base["teams"][0]["members"]["product"] = 1
    assert "oversized-team/search" in fired(base)  # 10 people, as team-shape's 10
    base["teams"][0]["members"]["software-engineers"] = 3
    assert "oversized-team/search" not in fired(base)


def test_ml_team_without_product_owner(base: Data, fired: Fired) -> None:
    del base["teams"][0]["members"]["product"]
    assert "ml-team-without-product-owner/search" in fired(base)
    base["teams"][0]["type"] = "complicated-subsystem"  # a subsystem's outcomes are others'
    del base["teams"][0]["grouping"]
    assert "ml-team-without-product-owner/search" not in fired(base)


def test_every_rule_is_tested_and_documented() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    page = (ROOT / "docs" / "reference" / "topology-format.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f'"{rule_id}/' in source, f"no test fires {rule_id}"
        assert f"`{rule_id}`" in page, f"{rule_id} is not documented"


def test_every_rule_links_to_an_existing_pitfall_page() -> None:
    pages = {p.stem for p in (ROOT / "docs" / "pitfalls").glob("*.md")}
    assert {r.pitfall for r in RULES.values()} <= pages


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2026-01-15", "2026-07-14", 5),
        ("2026-01-15", "2026-07-15", 6),
        ("2025-12-31", "2026-01-01", 0),
    ],
)
def test_months_between(start: str, end: str, months: int) -> None:
    import datetime as dt

    assert months_between(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == months


def test_exemptions_active_expired_and_unneeded(base: Data) -> None:
    base["interactions"] = [link("plat", "search", "collaboration")]
    base["exemptions"] = [
        {
            "finding": "collaboration-without-end/plat--search",
            "owner": "Head of ML",
            "reason": "Discovery of streaming features",
            "expires": "2027-01-01",
        },
        {
            "finding": "stream-provides-service",
            "owner": "x",
            "reason": "y",
            "expires": "2027-01-01",
        },
    ]
    result = check_data(base)
    status = {f.id: f.status.value for f in result.findings}
    assert status["collaboration-without-end/plat--search"] == "exempted"
    assert [d.code for d in result.diagnostics] == ["PC710"]
    base["exemptions"][0]["expires"] = "2026-01-01"
    result = check_data(base)
    status = {f.id: f.status.value for f in result.findings}
    assert status["collaboration-without-end/plat--search"] == "open"
    assert status["expired-exemption:collaboration-without-end/plat--search"] == "open"


def test_rule_wide_exemption_covers_every_instance(base: Data) -> None:
    _science(base, "a")
    base["interactions"] += [
        link("plat", "a", "collaboration"),
        link("search", "a", "collaboration", until="2027-01-01"),
    ]
    base["interactions"][0] = link("plat", "search", "collaboration")
    base["exemptions"] = [
        {
            "finding": "collaboration-without-end",
            "owner": "o",
            "reason": "r",
            "expires": "2027-01-01",
        }
    ]
    result = check_data(base)
    ends = [f for f in result.findings if f.id.startswith("collaboration-without-end/")]
    assert len(ends) == 2
    assert {f.status.value for f in ends} == {"exempted"}


def test_findings_point_at_the_triggering_lines(base: Data) -> None:
    base["interactions"] = [link("plat", "search", "collaboration")]
    result = check_data(base)
    finding = next(f for f in result.findings if f.id.startswith("collaboration-without-end"))
    assert finding.triggers[0].question == "interactions[0]"
    text = check_data.__globals__["text_of"](base).splitlines()
    line = text[finding.triggers[0].position.line - 1]
    assert "from: plat" in line
