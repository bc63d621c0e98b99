"""A research lab is a legitimate shape with a transfer interface (issues 19 item 8 and 20).

docs/framework/research-labs.md says which checklists a lab answers and which do not apply to it,
and recommends a lab whose models reach users through a product team that takes them over. A lab
that answers honestly must not be told to hire engineers to deploy models it does not run, nor be
scored on product outcomes; a lab whose transfers stall, or that throws prototypes over the wall,
still is flagged.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.content.test_verdicts import CHECKLISTS, assess, findings

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "framework" / "research-labs.md"
LAB = ROOT / "tests" / "data" / "organisations" / "research-lab"
# A research lab of seven scientists and a research engineer whose models product teams take over.
LAB_TEAM_SHAPE = {
    "team-type": "complicated-subsystem",
    "team-size": 8,
    "roles": ["data-science", "software-engineering"],
    "scientists": 7,
    "ml-engineers": 0,
    "path-to-production": "transfer",
    "deploy-wait": 10,
    "scientists-shape-tooling": "yes",
    "handoffs": 1,
    "next-shape-review": "within-quarter",
}


def lab(tmp_path: Path, **changes: Any) -> dict[str, Any]:
    return assess(tmp_path, "team-shape", {**LAB_TEAM_SHAPE, **changes}, name="lab")


def test_a_lab_whose_models_product_teams_take_over_raises_nothing(tmp_path: Path) -> None:
    result = lab(tmp_path)
    assert findings(result) == {}
    checklist = yaml.safe_load((CHECKLISTS / "team-shape.yaml").read_text(encoding="utf-8"))
    assert result["score"]["level"] == checklist["scoring"]["levels"][-1]["name"]


def test_a_team_with_nothing_in_production_and_no_one_to_take_it_over_is_still_flagged(
    tmp_path: Path,
) -> None:
    assert findings(lab(tmp_path, **{"path-to-production": "not-yet"})) == {
        "no-ml-engineering": "high"
    }


def test_a_stalled_transfer_is_a_slow_path_to_production(tmp_path: Path) -> None:
    assert findings(lab(tmp_path, **{"deploy-wait": 40})) == {"slow-path-to-production": "medium"}


def test_the_transfer_choice_is_marked_changed_in_a_minor_version() -> None:
    checklist = yaml.safe_load((CHECKLISTS / "team-shape.yaml").read_text(encoding="utf-8"))
    major, minor, _ = checklist["version"].split(".")
    assert (major, int(minor) >= 1) == ("3", True)
    question = next(
        q for s in checklist["sections"] for q in s["questions"] if q["id"] == "path-to-production"
    )
    assert "transfer" in [c["id"] for c in question["choices"]]
    assert question["changed"] == "3.1"


def test_the_page_says_for_every_bundled_checklist_whether_a_lab_answers_it() -> None:
    text = PAGE.read_text(encoding="utf-8")
    table = text[text.index("| Checklist |") :].split("\n\n")[0]
    named = set(re.findall(r"^\| \*([a-z-]+)\*", table, re.M))
    assert named == {p.stem for p in CHECKLISTS.glob("*.yaml")}


def test_the_organisations_research_lab_answers_what_the_page_says() -> None:
    """The fixture (tests/content/test_organisations.py checks its verdicts) follows the page:
    the checklists the page says do not apply are answered not applicable, with a reason."""
    text = PAGE.read_text(encoding="utf-8")
    table = text[text.index("| Checklist |") :].split("\n\n")[0]
    for row in table.splitlines()[2:]:
        cid = re.findall(r"^\| \*([a-z-]+)\*", row)[0]
        path = LAB / f"{cid}.yaml"
        assert path.is_file(), cid
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        says_no = "does not apply" in row.split("|")[2]
        assert ("not_applicable" in doc) == says_no, cid
