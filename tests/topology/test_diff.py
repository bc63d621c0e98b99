"""``topology diff``: teams, interactions and findings that changed, and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

from checker.topology.diff import compare, render_text, worse
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
    assert change["interactions"]["mode_changed"] == [
        {"teams": ["plat", "search"], "from": "x-as-a-service", "to": "collaboration"}
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
