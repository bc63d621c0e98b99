"""``topology diff``: teams, interactions and findings that changed, and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

from checker.topology.diff import change_lines, compare, render_text, worse
from tests.helpers import playbook_check
from tests.topology.conftest import BASE, ROOT, check_data, link, team, text_of

STEPS = ROOT / "docs" / "evolution" / "topology"


def test_compare_names_every_kind_of_change() -> None:
    old = json.loads(json.dumps(BASE))
    new = json.loads(json.dumps(BASE))
    new["teams"].append(team("coach", "enabling", members={"ml-engineers": 1}))
    new["teams"][0]["members"] = {"scientists": 2}
    new["interactions"] = [
        link("plat", "search", "collaboration"),
        link("coach", "search", "facilitating", until="2027-01-01"),
    ]
    change = compare(check_data(old), check_data(new))
    assert change["teams"]["added"] == ["coach"]
    assert change["teams"]["members_changed"][0]["team"] == "search"
    assert change["interactions"]["changed"] == [
        {
            "teams": ["plat", "search"],
            "from": {"mode": "x-as-a-service", "from": "plat", "to": "search"},
            "to": {"mode": "collaboration", "from": "plat", "to": "search"},
        }
    ]
    assert change["interactions"]["added"] == [
        {"teams": ["coach", "search"], "mode": "facilitating"}
    ]
    assert [f["id"] for f in change["findings"]["introduced"]] == [
        "collaboration-without-end/plat--search",
        "ml-team-without-product-owner/search",
    ]
    assert worse(change)
    back = compare(check_data(new), check_data(old))
    assert back["teams"]["removed"] == ["coach"] and not worse(back)
    assert "fixed: medium" in render_text(back) and "fixed: high" in render_text(back)


def test_cli_diff_of_the_worked_reorganisation() -> None:
    proc = playbook_check("topology", "diff", STEPS / "step-2.yaml", STEPS / "step-3.yaml")
    assert proc.returncode == 0, proc.stderr
    assert "+ team ml-enablement" in proc.stdout
    assert "fixed: high" in proc.stdout and "ml-subsystem-bottleneck/central-ml" in proc.stdout
    proc = playbook_check(
        "topology", "diff", STEPS / "step-3.yaml", STEPS / "step-2.yaml", "-f", "json"
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["findings"]["introduced"][0]["risk"] == "high"


def test_cli_diff_with_an_invalid_side_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("topology: 1\norganisation: x\nteams: [{id: a}]\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(text_of(BASE), encoding="utf-8")
    proc = playbook_check("topology", "diff", good, bad)
    assert proc.returncode == 2
    assert f"{bad}:3:9: error:" in proc.stderr and "[PC202]" in proc.stderr


def test_the_worked_reorganisation_ends_clean_and_each_step_is_valid() -> None:
    from checker.topology.check import check_topology

    steps = sorted(STEPS.glob("step-*.yaml"))
    assert len(steps) == 6
    results = [check_topology(p) for p in steps]
    assert all(r.valid for r in results)
    high = [sum(f.risk.value == "high" for f in r.findings) for r in results]
    assert high[0] == 1 and high[-1] == 0
    assert results[-1].findings == []


def test_diff_tells_the_reorganisation() -> None:
    """Issue 22: renames, models and capabilities changing owner, and member counts before and
    after are the reorganisation; the diff shows each."""
    old = json.loads(json.dumps(BASE))
    old["teams"].append(
        team("central-ml", "complicated-subsystem", members={"scientists": 4}, owns=["churn"])
    )
    old["interactions"].append(link("central-ml", "search", "by-request"))
    new = json.loads(json.dumps(BASE))
    new["teams"][0]["name"] = "Search relevance"  # renamed
    new["teams"][0]["members"] = {"scientists": 4, "ml-engineers": 1, "product": 1}
    new["teams"][0]["owns"] = ["ranking", "churn"]  # churn moved in with the scientists
    new["teams"][1]["provides"] = ["registry"]
    new["teams"].append(
        {
            "id": "serving",
            "name": "Central ML",  # the old team, re-identified and retyped
            "type": "platform",
            "grouping": "ml",
            "members": {"ml-engineers": 2},
            "provides": ["serving"],
        }
    )
    old["teams"][2]["name"] = "Central ML"
    new["interactions"] = [link("plat", "search"), link("serving", "search")]
    change = compare(check_data(old), check_data(new))
    teams = change["teams"]
    assert teams["added"] == [] and teams["removed"] == []
    assert teams["renamed"] == [
        {"team": "search", "id_from": "search", "from": "Search", "to": "Search relevance"},
        {"team": "serving", "id_from": "central-ml", "from": "Central ML", "to": "Central ML"},
    ]
    assert teams["retyped"] == [
        {"team": "serving", "from": "complicated-subsystem", "to": "platform"}
    ]
    assert teams["members_changed"][0]["size"] == {"from": 4, "to": 6}
    assert change["owners"]["models"] == [{"id": "churn", "from": ["serving"], "to": ["search"]}]
    assert change["owners"]["capabilities"] == [
        {"id": "serving", "from": ["plat"], "to": ["serving"]}
    ]
    assert change["interactions"]["changed"] == [
        {
            "teams": ["serving", "search"],
            "from": {"mode": "by-request", "from": "central-ml", "to": "search"},
            "to": {"mode": "x-as-a-service", "from": "serving", "to": "search"},
        }
    ]
    lines = change_lines(change)
    assert "~ team search: renamed 'Search' -> 'Search relevance'" in lines
    assert "~ team serving: id central-ml -> serving" in lines
    assert (
        "~ team search: members 4 -> 6 (2 scientists, 1 ml-engineers, 1 product -> "
        "4 scientists, 1 ml-engineers, 1 product)" in lines
    )
    assert "~ model churn: owned by serving -> search" in lines
    assert "~ capability serving: provided by plat -> serving" in lines
    way = "~ serving and search: by-request from central-ml -> x-as-a-service from serving"
    assert way in lines


def test_models_that_appear_or_disappear_are_listed() -> None:
    old = json.loads(json.dumps(BASE))
    new = json.loads(json.dumps(BASE))
    new["teams"][0]["owns"] = ["eta"]
    lines = change_lines(compare(check_data(old), check_data(new)))
    assert "- model ranking: was owned by search" in lines
    assert "+ model eta: owned by search" in lines
