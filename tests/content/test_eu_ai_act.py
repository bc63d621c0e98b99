"""regulated-readiness 3.0 asks the EU AI Act duties the regulation page describes (issue 20).

Quality management, conformity assessment and registration, serious-incident reporting, the
deployer's fundamental-rights impact assessment, AI literacy and transparency: each asked of the
regimes the Act gives it to, each with a finding when it is missing. A new required question is
a major bump, so 2.x answers are upgraded with ``playbook-check upgrade``: the example bank's
(asked none of them) and an EU team's (asked those that apply to it).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.content.test_regulation import PROVIDER, regulated
from tests.content.test_verdicts import CHECKLISTS, EXAMPLES, findings, report, warnings
from tests.helpers import playbook_check

ROOT = Path(__file__).resolve().parents[2]
# The answers as they were given against 2.1, before the bump (from git history).
OLD = ROOT / "tests" / "data" / "upgrade" / "examples" / "v2"
EU_TEAM = OLD / "eu-hiring" / "regulated-readiness.yaml"  # the organisation, answered for 3.0 since
BANK = OLD / "regulated-bank" / "regulated-readiness.yaml"  # the example, upgraded for 3.0 since
EU_QUESTIONS = {
    "quality-management",
    "conformity-assessment",
    "incident-reporting",
    "rights-impact-assessment",
    "ai-literacy",
    "ai-interaction",
    "ai-transparency",
}
# A provider of a high-risk system that carries every duty the Act gives it.
PROVIDER_DUTIES = {
    **PROVIDER,
    "quality-management": "yes",
    "conformity-assessment": "yes",
    "incident-reporting": "yes",
    "ai-literacy": "role-based",
    "ai-interaction": "no",
}


def test_the_checklist_is_a_new_major_version_with_its_predecessor_archived() -> None:
    checklist = yaml.safe_load((CHECKLISTS / "regulated-readiness.yaml").read_text())
    assert checklist["version"].startswith("3.")
    assert [m["from"] for m in checklist["migrations"]] == ["1", "2"]
    archived = yaml.safe_load((CHECKLISTS / "archive" / "regulated-readiness@2.yaml").read_text())
    assert archived["version"] == "2.1.0"
    questions = {q["id"] for s in checklist["sections"] for q in s["questions"]}
    assert questions >= EU_QUESTIONS


def test_a_provider_that_carries_every_duty_raises_nothing(tmp_path: Path) -> None:
    result = regulated(tmp_path, ["eu-ai-act-high-risk"], **PROVIDER_DUTIES)
    assert findings(result) == {} and warnings(result) == []
    assert result["score"]["level"] == "audit-ready"


def test_each_missing_duty_of_a_provider_is_a_finding(tmp_path: Path) -> None:
    cases = {
        "quality-management": ("no", {"no-quality-management": "high"}),
        "conformity-assessment": ("no", {"no-conformity-plan": "high"}),
        "incident-reporting": ("no", {"no-incident-reporting": "high"}),
        "ai-literacy": ("none", {"no-ai-literacy": "medium"}),
    }
    for qid, (answer, expected) in cases.items():
        result = regulated(tmp_path, ["eu-ai-act-high-risk"], **{**PROVIDER_DUTIES, qid: answer})
        assert findings(result) == expected, qid
        if "high" in expected.values():
            assert result["score"]["level"] != "audit-ready", qid


def test_a_deployer_is_asked_for_its_rights_impact_assessment_not_the_providers_duties(
    tmp_path: Path,
) -> None:
    deployer = {
        "human-oversight": "yes",
        "incident-reporting": "yes",
        "ai-literacy": "role-based",
        "ai-interaction": "no",
    }
    ok = regulated(
        tmp_path, ["eu-ai-act-deployer"], **deployer, **{"rights-impact-assessment": "yes"}
    )
    assert findings(ok) == {} and warnings(ok) == []
    missing = regulated(
        tmp_path, ["eu-ai-act-deployer"], **deployer, **{"rights-impact-assessment": "no"}
    )
    assert findings(missing) == {"no-rights-impact-assessment": "high"}
    # A deployer whose use is none of those the Act names says so, with its reason.
    na = {"not_applicable": "A retailer screening its own staff: not a deployer Article 27 names."}
    exempt = regulated(
        tmp_path, ["eu-ai-act-deployer"], **deployer, **{"rights-impact-assessment": na}
    )
    assert findings(exempt) == {} and warnings(exempt) == []
    # The provider's duties are not the deployer's to answer.
    asked = regulated(
        tmp_path,
        ["eu-ai-act-deployer"],
        **deployer,
        **{"rights-impact-assessment": "yes", "quality-management": "yes"},
    )
    assert warnings(asked) == ["PC406"]


def test_a_chatbot_under_the_transparency_duties_only_is_not_asked_for_an_inventory(
    tmp_path: Path,
) -> None:
    base = {
        "regulated": "yes",
        "regimes": ["eu-ai-act-other"],
        "compliance-timing": "before-build",
        "tool-approval": "yes",
        "ai-literacy": "role-based",
        "ai-interaction": "yes",
    }
    path = tmp_path / "chat.yaml"
    for transparency, expected in (
        ("yes", {}),
        ("partly", {}),
        ("no", {"no-ai-transparency": "high"}),
    ):
        answers = {**base, "ai-transparency": transparency}
        doc = {"checklist": "regulated-readiness@3.0", "team": "Chat", "answers": answers}
        path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
        result = report(path)
        assert findings(result) == expected, transparency
        assert warnings(result) == [], transparency
    # The governance a high-risk regime needs (an inventory, documentation, monitoring against
    # outcomes, logging, lineage) is not asked of it: report() refuses a file with a question
    # asked and unanswered, and these answers give none of them.


def upgrade(src: Path, tmp_path: Path) -> tuple[str, dict[str, Any], str]:
    target = tmp_path / src.name
    shutil.copy(src, target)
    proc = playbook_check("upgrade", target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout, yaml.safe_load(target.read_text(encoding="utf-8")), target.read_text()


def test_the_banks_answers_upgrade_with_nothing_new_to_answer(tmp_path: Path) -> None:
    before = yaml.safe_load(BANK.read_text(encoding="utf-8"))
    assert before["checklist"] == "regulated-readiness@2.1"
    assert before["answers"]["regimes"] == ["model-risk", "credit-decisions"]
    out, after, text = upgrade(BANK, tmp_path)
    assert after["checklist"] == "regulated-readiness@3.0"
    assert after["answers"] == before["answers"]  # every answer carried, nothing added
    assert "new questions to answer" not in out
    assert "New in" not in text
    # The regimes question gained a choice: the upgrade asks the bank to re-read it.
    assert "'regimes' is asked differently in regulated-readiness@3.0" in out
    # The upgraded file is the example bank's answers file today, byte for byte.
    assert text == (EXAMPLES / "regulated-bank" / "regulated-readiness.yaml").read_text()
    result = report(EXAMPLES / "regulated-bank" / "regulated-readiness.yaml")
    assert [d["code"] for d in result["diagnostics"]] == []
    assert findings(result) == {"compliance-late": "high"}


def test_an_eu_teams_answers_upgrade_with_the_duties_that_apply_to_it(tmp_path: Path) -> None:
    before = yaml.safe_load(EU_TEAM.read_text(encoding="utf-8"))
    assert before["checklist"] == "regulated-readiness@2.1"
    assert before["answers"]["regimes"] == ["eu-ai-act-high-risk", "eu-ai-act-deployer"]
    out, after, _ = upgrade(EU_TEAM, tmp_path)
    assert after["checklist"] == "regulated-readiness@3.0"
    for qid, value in before["answers"].items():
        assert after["answers"][qid] == value, qid
    listed = out.split("new questions to answer: ")[1].splitlines()[0]
    assert set(listed.split(", ")) == EU_QUESTIONS
    assert all(after["answers"][q] is None for q in EU_QUESTIONS)
    # Until the team answers them, the file is incomplete, not invalid.
    proc = playbook_check("validate", "--allow-incomplete", tmp_path / EU_TEAM.name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    unanswered = proc.stdout + proc.stderr
    for qid in EU_QUESTIONS - {"ai-transparency"}:  # asked once ai-interaction says yes
        assert f"'{qid}'" in unanswered, qid


def test_the_example_teams_and_organisations_answer_3_0() -> None:
    paths = [*EXAMPLES.glob("*/regulated-readiness.yaml")]
    paths += (ROOT / "tests" / "data" / "organisations").glob("*/regulated-readiness.yaml")
    assert EXAMPLES / "regulated-bank" / "regulated-readiness.yaml" in paths
    for path in sorted(paths):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["checklist"] == "regulated-readiness@3.0", path
