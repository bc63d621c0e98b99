"""The form in Chromium refuses what the CLI rejects, with the CLI's words, and loses nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from checker.load.yaml import load_text
from checker.pipeline import ChecklistRegistry, CheckOptions, check_answers
from checker.validate.checklist import load_checklist

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "central-ml"
OUTCOMES = (EXAMPLES / "product-outcomes.yaml").read_text(encoding="utf-8")
SHAPE = (EXAMPLES / "team-shape.yaml").read_text(encoding="utf-8")
REFERENCE = re.compile(r"^checklist: ([a-z-]+)@(\d+)\.(\d+)$", re.M)


def reference(text: str) -> re.Match[str]:
    """The answers' checklist reference: id, major and minor version."""
    m = REFERENCE.search(text)
    assert m is not None, text[:200]
    return m


def answered_against(text: str, major: int | None = None, minor: int | None = None) -> str:
    """``text`` with its checklist reference moved to another version."""
    m = reference(text)
    new = f"checklist: {m[1]}@{m[2] if major is None else major}.{m[3] if minor is None else minor}"
    return text[: m.start()] + new + text[m.end() :]


def _stale_example() -> tuple[str, str]:
    """An example answering a checklist with questions changed after x.0, moved back to x.0."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        checklist = load_checklist(ROOT / "checklists" / path.name)
        text = path.read_text(encoding="utf-8")
        changed = [q.id for q in checklist.question_list() if q.changed and q.changed[1] > 0]
        if any(re.search(rf"^  {qid}:", text, re.M) for qid in changed):
            return checklist.id, answered_against(text, minor=0)
    raise AssertionError("no example answers a question changed after x.0")


STALE_ID, STALE = _stale_example()
MAJOR = int(reference(OUTCOMES)[2])

REJECTED = {
    "wrong-major": ("product-outcomes", answered_against(OUTCOMES, major=MAJOR + 1)),
    "count-as-float": ("team-shape", re.sub(r"team-size: (\d+)", r"team-size: \1.0", SHAPE)),
    "exemption-holding-yaml": (
        "product-outcomes",
        OUTCOMES.replace(
            "finding: no-product-owner",
            'finding: "no-product-owner\\n    owner: a\\n    reason: b\\n    expires: 2099-01-01"',
        ),
    ),
    "unknown-question": ("product-outcomes", OUTCOMES.replace("simple-first:", "simple-frist:")),
}


def cli_lines(
    text: str, tmp_path: Path, cid: str = "product-outcomes", *, unanswered: bool = True
) -> list[str]:
    """What `playbook-check validate --allow-incomplete` says, as the form words it.

    A loaded file's unanswered questions (PC405) are counted in the summary, not listed.
    """
    path = tmp_path / f"{cid}.yaml"
    path.write_text(text, encoding="utf-8")
    options = CheckOptions(today=dt.date(2026, 11, 24), evidence_root=ROOT, allow_incomplete=True)
    result = check_answers(path, ChecklistRegistry([ROOT / "checklists"]), options)
    return [
        f"line {d.line}, column {d.column}: {d.severity.value}: {d.message} [{d.code}]"
        + (f" Hint: {d.hint}" if d.hint else "")
        for d in result.diagnostics
        if unanswered or d.code != "PC405"
    ]


def paste(page: Any, cid: str, text: str) -> str:
    page.click(f'.playbook-form[data-checklist="{cid}"] .playbook-load summary')
    page.fill(f'.playbook-form[data-checklist="{cid}"] .playbook-paste', text)
    page.click(f'.playbook-form[data-checklist="{cid}"] .playbook-load-button')
    return page.text_content(f'.playbook-form[data-checklist="{cid}"] .playbook-load-status') or ""


def shown_problems(page: Any) -> list[str]:
    problems: list[str] = page.eval_on_selector_all(
        ".playbook-load-problems li", "els => els.map(e => e.textContent)"
    )
    return problems


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_form_refuses_what_the_cli_rejects(
    served: dict[str, str], page: Any, tmp_path: Path, case: str
) -> None:
    cid, text = REJECTED[case]
    page.goto(f"{served['real']}/docs/checklists/{cid}.html")
    page.fill(f"#pf-{cid}-team", "Kept")
    status = paste(page, cid, text)
    assert status.startswith("Not loaded"), status
    assert shown_problems(page) == cli_lines(text, tmp_path, cid)
    assert page.input_value(f"#pf-{cid}-team") == "Kept"  # the form is unchanged


def test_stale_answers_are_reported_and_downloaded_unchanged(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    checklist = load_checklist(ROOT / "checklists" / f"{STALE_ID}.yaml")
    first, second = (q.id for q in checklist.question_list()[:2])
    text = STALE
    if "\nnotes:" not in text:
        text += f"notes:\n  {first}: 'Measured: \"10 %\" # of sprint time'\n"
    if "\nevidence:" not in text:
        text += f"evidence:\n  {second}: [https://example.org/roadmap, README.md]\n"
    if "\nassessor:" not in text:
        text += 'assessor: "Ana <ana@example.org>"\n'
    page.goto(f"{served['real']}/docs/checklists/{STALE_ID}.html")
    status = paste(page, STALE_ID, text)
    assert status.startswith("Answers loaded, with"), status
    warnings = shown_problems(page)
    assert warnings == cli_lines(text, tmp_path, STALE_ID, unanswered=False)
    assert any("[PC407]" in w for w in warnings)
    notes = load_text(text).data["notes"]
    shown_notes = {qid: page.input_value(f"#pf-{STALE_ID}-{qid}--note") for qid in notes}
    assert shown_notes == notes  # a loaded file's notes are in their questions
    kept = page.text_content(".playbook-kept") or ""
    assert "evidence for" in kept
    assert reference(STALE)[0].split(": ")[1] in kept
    with page.expect_download() as info:
        page.click(".playbook-download")
    target = tmp_path / "downloaded.yaml"
    info.value.save_as(target)
    assert load_text(target.read_text(encoding="utf-8")).data == load_text(text).data


def test_answers_to_questions_no_longer_asked_are_reported_then_removed(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    page.goto(f"{served['real']}/docs/checklists/team-shape.html")
    page.fill("#pf-team-shape-ml-engineers", "2")
    page.check("#pf-team-shape-engineers-dedicated-no")
    page.fill("#pf-team-shape-teams-served", "3")
    page.fill("#pf-team-shape-ml-engineers", "0")
    checks = page.locator(".playbook-checks")
    assert checks.locator('li[data-code="PC406"]').count() == 2
    assert "'teams-served' is answered but not asked" in (checks.text_content() or "")
    page.click(".playbook-prune")
    assert checks.locator('li[data-code="PC406"]').count() == 0
    page.click(".playbook-download")
    with page.expect_download() as info:  # incomplete: the form asks first
        page.click(".playbook-download-anyway")
    target = tmp_path / "team-shape.yaml"
    info.value.save_as(target)
    answers = load_text(target.read_text(encoding="utf-8")).data["answers"]
    assert answers["ml-engineers"] == 0
    assert "teams-served" not in answers and "engineers-dedicated" not in answers


def test_files_are_checked_as_bytes(served: dict[str, str], page: Any, tmp_path: Path) -> None:
    """A chosen file is decoded as the CLI decodes it: Latin-1 is refused, a BOM is fine."""
    page.goto(f"{served['real']}/docs/checklists/product-outcomes.html")
    page.click(".playbook-load summary")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(OUTCOMES.replace("Northwind", "Nørthwind").encode("latin-1"))
    page.set_input_files("#pf-product-outcomes-file", str(latin))
    page.wait_for_function(
        "document.querySelector('.playbook-load-status').textContent.startsWith('Not loaded')"
    )
    assert shown_problems(page) == [
        "line 3, column 9: error: invalid UTF-8 byte 0xf8 [PC105] Hint: save the file as UTF-8"
    ]
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + OUTCOMES.encode("utf-8"))
    page.set_input_files("#pf-product-outcomes-file", str(bom))
    page.wait_for_function(
        "document.querySelector('.playbook-load-status').textContent.startsWith('Answers loaded')"
    )
    assert page.input_value("#pf-product-outcomes-team") == "Northwind Retail central ML team"
