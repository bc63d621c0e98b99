"""The checklist form in headless Chromium agrees with `playbook-check` and is usable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import playbook_check

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "data" / "answers").glob("*.yaml"))


def cli_report(path: Path, checklists: Path) -> dict[str, Any]:
    proc = playbook_check(
        "report",
        "--format",
        "json",
        "--today",
        "2026-11-24",
        "--checklists",
        checklists,
        "--allow-incomplete",
        path,
        cwd=ROOT,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)["files"][0]
    return result


def verdict(result: dict[str, Any]) -> dict[str, Any]:
    """The parts of a result that must agree exactly."""
    score = result["score"]
    return {
        "overall": score["overall"],
        "level": score["level"],
        "sections": [(s["id"], s["score"], s["earned"], s["max"]) for s in score["sections"]],
        "costs": [(c["question"], c["cost"]) for c in score["costs"]],
        "findings": [(f["id"], f["risk"], f["status"]) for f in result["findings"]],
        "counts": result["counts"],
    }


def load_answers(page: Any, cid: str, text: str) -> dict[str, Any]:
    page.click(f'.playbook-form[data-checklist="{cid}"] .playbook-load summary')
    page.fill(f'.playbook-form[data-checklist="{cid}"] .playbook-paste', text)
    page.click(f'.playbook-form[data-checklist="{cid}"] .playbook-load-button')
    status = page.text_content(f'.playbook-form[data-checklist="{cid}"] .playbook-load-status')
    assert status is not None and status.startswith("Answers loaded"), status
    result: dict[str, Any] = page.evaluate(f"window.PlaybookForms[{json.dumps(cid)}].result")
    return result


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_examples_give_the_cli_verdict(served: dict[str, str], page: Any, path: Path) -> None:
    cid = path.stem
    page.goto(f"{served['real']}/docs/checklists/{cid}.html")
    page.wait_for_selector(f'.playbook-form[data-checklist="{cid}"]:not([hidden])')
    shown = load_answers(page, cid, path.read_text(encoding="utf-8"))
    expected = cli_report(path, ROOT / "checklists")
    assert verdict(shown) == verdict(expected)
    overall = page.text_content(".playbook-overall")
    score = expected["score"]["overall"]
    assert overall == ("n/a" if score is None else str(score).removesuffix(".0"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixtures_give_the_cli_verdict(served: dict[str, str], page: Any, path: Path) -> None:
    page.goto(f"{served['root']}/docs/checklist.html")
    shown = load_answers(page, "staffing", path.read_text(encoding="utf-8"))
    expected = cli_report(path, ROOT / "tests" / "data" / "checklists")
    assert verdict(shown) == verdict(expected)


def test_conditional_question_appears_and_disappears(served: dict[str, str], page: Any) -> None:
    page.goto(f"{served['real']}/docs/checklists/team-shape.html")
    dedicated = page.locator('[data-question="engineers-dedicated"]')
    served_q = page.locator('[data-question="teams-served"]')
    assert dedicated.is_hidden() and served_q.is_hidden()
    page.fill("#pf-team-shape-ml-engineers", "2")
    assert dedicated.is_visible() and served_q.is_hidden()
    page.check("#pf-team-shape-engineers-dedicated-no")
    assert served_q.is_visible()
    page.fill("#pf-team-shape-ml-engineers", "0")
    assert dedicated.is_hidden() and served_q.is_hidden()


ANSWERS = {
    "team-type": "stream-aligned",
    "team-size": "8",
    "roles": ["product", "data-science"],
    "scientists": "4",
    "ml-engineers": "1",
    "engineers-dedicated": "no",
    "path-to-production": "other-team",
    "teams-served": "3",
    "deploy-wait": "10",
    "scientists-shape-tooling": "yes",
    "handoffs": "2",
    "next-shape-review": "none",
}


def test_clicked_answers_download_a_file_the_cli_accepts(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    page.goto(f"{served['real']}/docs/checklists/team-shape.html")
    page.fill("#pf-team-shape-team", "Clicked <b>team</b>")
    for qid, value in ANSWERS.items():
        base = f"#pf-team-shape-{qid}"
        if isinstance(value, list):
            for choice in value:
                page.check(f"{base}-{choice}")
        elif page.locator(f"{base}-{value}").count():
            page.check(f"{base}-{value}")
        else:
            page.fill(base, value)
    page.check("#pf-team-shape-context--na")
    page.fill("#pf-team-shape-context--reason", "Nothing to add this quarter.")
    shown = page.evaluate("window.PlaybookForms['team-shape'].result")
    assert ("shared-mlops-team", "high", "open") in verdict(shown)["findings"]
    with page.expect_download() as info:
        page.click('.playbook-form[data-checklist="team-shape"] .playbook-download')
    target = tmp_path / "team-shape.yaml"
    info.value.save_as(target)
    proc = playbook_check(
        "validate", "--today", "2026-11-24", "--checklists", ROOT / "checklists", target
    )
    assert proc.returncode == 1, proc.stdout  # valid, with a high-risk finding
    report = cli_report(target, ROOT / "checklists")
    assert report["team"] == "Clicked <b>team</b>"
    assert verdict(report) == verdict(shown)


def test_answers_survive_a_reload_and_can_be_cleared(served: dict[str, str], page: Any) -> None:
    page.goto(f"{served['real']}/docs/checklists/team-shape.html")
    page.fill("#pf-team-shape-scientists", "5")
    page.check("#pf-team-shape-team-type-unclear")
    page.reload()
    assert page.input_value("#pf-team-shape-scientists") == "5"
    assert page.is_checked("#pf-team-shape-team-type-unclear")
    assert page.locator('[data-finding="unclear-team-type"]').count() == 1
    page.click('.playbook-form[data-checklist="team-shape"] .playbook-clear')
    page.reload()
    assert page.input_value("#pf-team-shape-scientists") == ""
    assert page.locator('[data-finding="unclear-team-type"]').count() == 0


def test_load_errors_are_shown_with_a_position(served: dict[str, str], page: Any) -> None:
    page.goto(f"{served['real']}/docs/checklists/team-shape.html")
    page.click(".playbook-load summary")
    page.fill(".playbook-paste", "checklist: team-shape@1.0\nanswers:\n  a: 1\n  a: 2\n")
    page.click(".playbook-load-button")
    status = page.text_content(".playbook-load-status") or ""
    assert status.startswith("Not loaded"), status
    problems = page.text_content(".playbook-load-problems") or ""
    assert "line 4, column 3" in problems and "duplicate key 'a'" in problems, problems


def test_every_input_has_a_label_and_works_by_keyboard(served: dict[str, str], page: Any) -> None:
    page.goto(f"{served['real']}/docs/checklists/team-shape.html")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('.playbook-form input, .playbook-form textarea')]
        .filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')
                && !i.getAttribute('aria-labelledby'))
        .map(i => i.id)"""
    )
    assert unlabelled == []
    page.focus("#pf-team-shape-team-type-complicated-subsystem")
    page.keyboard.press("ArrowRight")  # radio groups move with arrow keys
    assert page.is_checked("#pf-team-shape-team-type-unclear")
    assert page.locator('[data-finding="unclear-team-type"]').count() == 1
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_page_is_readable_without_javascript(served: dict[str, str], browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(f"{served['real']}/docs/checklists/team-shape.html")
    assert pg.locator(".playbook-form").is_hidden()
    assert pg.locator(".playbook-form-note").is_hidden()  # it would point at a hidden form
    assert "playbook-check init team-shape" in (pg.text_content(".playbook-form-noscript") or "")
    assert "How many people are on the team in total?" in pg.text_content(".playbook-checklist")
    context.close()


def test_hostile_team_text_is_never_html(served: dict[str, str], page: Any) -> None:
    page.goto(f"{served['root']}/docs/checklist.html")
    xss = (ROOT / "tests" / "roots" / "test-playbook" / "answers" / "xss.yaml").read_text()
    load_answers(page, "staffing", xss)
    assert page.input_value("#pf-staffing-team") == "<img src=x onerror=alert(2)> Team"
    assert page.locator(".playbook-form img").count() == 0


def test_form_fits_a_phone_screen(served: dict[str, str], browser: Any) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pg = context.new_page()
    pg.goto(f"{served['real']}/docs/checklists/engineering-practices.html")
    pg.wait_for_selector(".playbook-form:not([hidden])")
    selector = ".playbook-form input, .playbook-form textarea, .playbook-form button"
    overflow = pg.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null)
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.id || e.className)""",
        selector,
    )
    assert overflow == []
    context.close()


def test_a_checklist_that_does_not_apply_downloads_a_file_the_cli_accepts(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    """Issue 19, item 8: the form says a whole checklist does not apply, with a reason, and
    keeps the answers given so far aside until the box is unticked."""
    page.goto(f"{served['real']}/docs/checklists/product-outcomes.html")
    form = '.playbook-form[data-checklist="product-outcomes"]'
    page.wait_for_selector(f"{form}:not([hidden])")
    assert "Who answers it:" in (page.text_content(f"{form} .playbook-checklist-na") or "")
    page.check("#pf-product-outcomes-product-owner-no")
    assert page.locator('[data-finding="no-product-owner"]').count() == 1
    page.check("#pf-product-outcomes-na-all")
    assert page.locator('[data-question="product-owner"]').is_hidden()
    summary = page.text_content(f"{form} .playbook-summary-text") or ""
    assert summary.startswith("No result"), summary  # a reason is required (PC417)
    page.fill("#pf-product-outcomes-na-all-reason", "A research lab: no product uses our models.")
    assert page.text_content(f"{form} .playbook-summary-text") == (
        "Does not apply to the team: not scored."
    )
    assert page.locator('[data-finding="no-product-owner"]').count() == 0
    with page.expect_download() as info:
        page.click(f"{form} .playbook-download")
    target = tmp_path / "product-outcomes.yaml"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8")
    assert "not_applicable:" in text and "answers:" not in text
    report = cli_report(target, ROOT / "checklists")
    assert report["not_applicable"] == "A research lab: no product uses our models."
    assert report["diagnostics"] == [] and report["findings"] == []
    page.uncheck("#pf-product-outcomes-na-all")
    assert page.is_checked("#pf-product-outcomes-product-owner-no")
    assert page.locator('[data-finding="no-product-owner"]').count() == 1
