"""The checklist form with the keyboard alone, in headless Chromium: one Tab stop per question,
"Not applicable" and notes without Tab stops of their own, a warning before an incomplete file is
downloaded, the next step after a download, and notes that reach the CLI exactly as typed."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import violations
from tests.browser.test_form import load_answers
from tests.helpers import playbook_check

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
URL = "/docs/checklists/team-shape.html"


class Typed(str):
    """Free text typed into a field (counted apart from the keys that navigate and choose)."""


# How a reader answers each team-shape question by keyboard once Tab has reached it (the
# first radio or box has the focus, nothing is chosen yet). "Alt+N" marks it not applicable.
KEYS: dict[str, list[str]] = {
    "team-type": ["Space"],  # the first choice, stream-aligned
    "team-size": ["8"],
    "roles": ["Space", "ArrowDown", "Space"],  # product, data science
    "scientists": ["4"],
    "ml-engineers": ["1"],
    "engineers-dedicated": ["ArrowDown"],  # no
    "path-to-production": ["ArrowDown"],  # team engineers
    "teams-served": ["3"],
    "deploy-wait": ["Alt+N", Typed("No model finished yet")],
    "scientists-shape-tooling": ["Space"],  # yes
    "handoffs": ["1"],
    "next-shape-review": ["Space", "Alt+M", Typed("2027-01-15")],  # a date within the quarter
    "context": [Typed("None")],
}


def _press(page: Any, key: str) -> None:
    if isinstance(key, Typed) or len(key) == 1:
        page.keyboard.type(key)
    else:
        page.keyboard.press(key)


def _focused_question(page: Any) -> str | None:
    result: str | None = page.evaluate(
        "document.activeElement.closest('fieldset.playbook-form-question')"
        "?.dataset.question ?? null"
    )
    return result


def _cli_json(path: Path, *flags: str) -> dict[str, Any]:
    proc = playbook_check(
        "report", "--format", "json", "--today", "2026-11-24", *flags, path, cwd=ROOT
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)["files"][0]
    return result


def test_team_shape_takes_one_tab_per_question(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    """The issue measured 33 Tabs and 64 keystrokes, one Tab per question spent on "Not
    applicable". Now: one Tab to the checklist's own "does not apply", one per shown question, one
    to reach the download button."""
    page.goto(served["real"] + URL)
    page.focus("#pf-team-shape-team")
    page.keyboard.type("Keys")
    page.keyboard.press("Tab")  # "This checklist does not apply to our team"
    assert page.evaluate("document.activeElement.id") == "pf-team-shape-na-all"
    tabs, keystrokes = 1, 0
    visited: list[str] = []
    while True:
        page.keyboard.press("Tab")
        tabs += 1
        qid = _focused_question(page)
        if qid is None:
            break
        assert qid not in visited, (qid, visited)  # never a second stop in one question
        visited.append(qid)
        for key in KEYS[qid]:
            _press(page, key)
            keystrokes += 0 if isinstance(key, Typed) else 1
    assert page.evaluate("document.activeElement.className") == "playbook-download"
    shown = page.locator("fieldset.playbook-form-question:not([hidden])").count()
    assert visited == list(KEYS) and len(visited) == shown
    assert tabs == shown + 2  # the checklist's own "does not apply", each question, download
    with page.expect_download() as info:  # complete: no question asked
        page.keyboard.press("Enter")
    assert page.locator("dialog.playbook-download-check[open]").count() == 0
    target = tmp_path / "team-shape.yaml"
    info.value.save_as(target)
    report = _cli_json(target)
    assert report["team"] == "Keys"
    assert report["notes"] == {"next-shape-review": "2027-01-15"}
    data = page.evaluate("window.PlaybookForms['team-shape'].doc.answers")
    assert data["deploy-wait"] == {"not_applicable": "No model finished yet"}
    assert data["roles"] == ["product", "data-science"]
    assert data["engineers-dedicated"] is False and data["teams-served"] == 3
    print(f"team-shape by keyboard: {tabs} Tab, {tabs + keystrokes + 1} keys besides free text")


@pytest.mark.parametrize("cid", sorted(p.stem for p in (ROOT / "checklists").glob("*.yaml")))
def test_every_form_is_one_tab_stop_per_question(
    served: dict[str, str], page: Any, cid: str
) -> None:
    """From the team name, Tab reaches "This checklist does not apply", then each shown question
    once, in order, then the download button (the ML Test Score took 109 keystrokes, most of them
    Tabs)."""
    page.goto(f"{served['real']}/docs/checklists/{cid}.html")
    page.focus(f"#pf-{cid}-team")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"pf-{cid}-na-all"
    shown = page.eval_on_selector_all(
        f'.playbook-form[data-checklist="{cid}"] fieldset.playbook-form-question:not([hidden])',
        "els => els.map(e => e.dataset.question)",
    )
    visited: list[str | None] = []
    for _ in range(len(shown) + 1):
        page.keyboard.press("Tab")
        visited.append(_focused_question(page))
    assert visited == [*shown, None]
    assert page.evaluate("document.activeElement.className") == "playbook-download"


def test_not_applicable_and_notes_take_no_tab_stop(served: dict[str, str], page: Any) -> None:
    page.goto(served["real"] + URL)
    size = "#pf-team-shape-team-size"
    page.focus(size)
    page.keyboard.press("Alt+N")  # a number question: the field gives way to the reason
    assert page.evaluate("document.activeElement.id") == "pf-team-shape-team-size--reason"
    assert page.is_disabled(size) and page.is_checked(f"{size}--na")
    page.keyboard.type("Not a team yet")
    page.keyboard.press("Alt+M")
    assert page.evaluate("document.activeElement.id") == "pf-team-shape-team-size--note"
    page.keyboard.type("Hiring in Q1")
    page.keyboard.press("Escape")  # back to the question
    assert page.evaluate("document.activeElement.id") == "pf-team-shape-team-size--reason"
    page.keyboard.press("Alt+N")  # and applicable again: the field is back, with the focus
    assert page.evaluate("document.activeElement.id") == "pf-team-shape-team-size"
    assert page.is_hidden(f"{size}--reason") and page.is_enabled(size)
    # A choice: "Not applicable" is the group's last option, reached with the arrow keys.
    page.fill("#pf-team-shape-scientists", "2")  # asks whether they shape the tooling
    page.focus("#pf-team-shape-scientists-shape-tooling-yes")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#pf-team-shape-scientists-shape-tooling--na")
    assert page.is_visible("#pf-team-shape-scientists-shape-tooling--reason")
    page.keyboard.press("Tab")  # the reason is the next stop while it is shown
    assert (
        page.evaluate("document.activeElement.id")
        == "pf-team-shape-scientists-shape-tooling--reason"
    )
    page.keyboard.type("No tooling chosen yet")
    answers = page.evaluate("window.PlaybookForms['team-shape'].doc")
    assert answers["answers"]["scientists-shape-tooling"] == {
        "not_applicable": "No tooling chosen yet"
    }
    assert answers["notes"] == {"team-size": "Hiring in Q1"}
    assert "team-size" not in answers["answers"]
    # None of these controls is a Tab stop of its own.
    stops = page.evaluate(
        """() => [...document.querySelectorAll(
              '.playbook-question-tools input, .playbook-question-tools button')]
            .filter(e => e.tabIndex >= 0).map(e => e.id || e.className)"""
    )
    assert stops == []


def _open_download_check(page: Any) -> Any:
    page.click(".playbook-download")
    dialog = page.locator("dialog.playbook-download-check")
    assert dialog.is_visible()
    return dialog


def test_an_incomplete_file_is_downloaded_only_when_asked(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    page.goto(served["real"] + URL)
    downloads: list[Any] = []
    page.on("download", lambda d: downloads.append(d))
    page.fill("#pf-team-shape-team-size", "8")
    page.fill("#pf-team-shape-ml-engineers", "1")
    page.check("#pf-team-shape-engineers-dedicated-no")
    page.fill("#pf-team-shape-teams-served", "3")  # a shared MLOps group: a high-risk finding
    dialog = _open_download_check(page)
    text = dialog.text_content() or ""
    assert "playbook-check validate --allow-incomplete" in text
    assert page.evaluate("document.activeElement.className") == "playbook-goto-unanswered"
    page.keyboard.press("Escape")  # cancel: nothing is downloaded
    assert dialog.is_hidden() and downloads == []
    assert page.evaluate("document.activeElement.className") == "playbook-download"
    _open_download_check(page)
    page.click(".playbook-goto-unanswered")  # the first question without an answer
    assert _focused_question(page) == "team-type" and downloads == []
    _open_download_check(page)
    with page.expect_download() as info:
        page.click(".playbook-download-anyway")
    target = tmp_path / "team-shape.yaml"
    info.value.save_as(target)
    # The CLI agrees: the file is rejected as it stands and accepted as an incomplete one.
    strict = playbook_check("validate", "--today", "2026-11-24", target, cwd=ROOT)
    unanswered = strict.stdout.count("[PC405]")
    assert strict.returncode == 2 and unanswered > 5, strict.stdout
    assert f"{unanswered} required questions are unanswered." in text, text
    findings = _cli_json(target, "--allow-incomplete")["findings"]
    assert [f["id"] for f in findings] == ["shared-mlops-team"]
    # The next step says how to check the file, and the command it shows works as shown.
    step = page.locator(".playbook-next-step")
    assert "Downloaded team-shape.yaml" in (step.text_content() or "")
    command = page.text_content(".playbook-next-command") or ""
    assert command == "playbook-check validate --allow-incomplete playbook/team-shape.yaml"
    repo = tmp_path / "repo"
    (repo / "playbook").mkdir(parents=True)
    target.replace(repo / "playbook" / "team-shape.yaml")
    proc = playbook_check(*shlex.split(command)[1:], cwd=repo)
    assert proc.returncode == 1, proc.stdout  # accepted; the open high-risk finding fails it
    assert f"{unanswered} warning" in proc.stdout or proc.stdout.count("[PC405]") == unanswered


def test_a_complete_file_downloads_at_once_with_the_strict_command(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    page.goto(served["real"] + URL)
    example = (ROOT / "examples" / "central-ml" / "team-shape.yaml").read_text(encoding="utf-8")
    load_answers(page, "team-shape", example)
    with page.expect_download() as info:
        page.click(".playbook-download")
    command = page.text_content(".playbook-next-command") or ""
    assert command == "playbook-check validate playbook/team-shape.yaml"
    repo = tmp_path / "repo"
    (repo / "playbook").mkdir(parents=True)
    info.value.save_as(repo / "playbook" / "team-shape.yaml")
    proc = playbook_check(*shlex.split(command)[1:], cwd=repo)
    expected = playbook_check("validate", ROOT / "examples" / "central-ml" / "team-shape.yaml")
    assert proc.returncode == expected.returncode != 2, proc.stdout


NOTES = {
    "team-size": "Counted on 2026-11-20:\n  - 6 engineers\n  - 2 scientists # not contractors\n",
    "roles": "  leading spaces, \"quotes\", 'apostrophes' and a tab\there",
    "next-shape-review": "2027-01-15",
    "handoffs": "yes",
    "context": "key: value\n---\n... and <b>not markup</b> \u2014 caf\u00e9 \U0001f600\n\n",
}


def test_notes_round_trip_through_the_cli(
    served: dict[str, str], page: Any, browser: Any, tmp_path: Path
) -> None:
    page.goto(served["real"] + URL)
    for qid, text in NOTES.items():
        page.click(f'[data-question="{qid}"] .playbook-note-toggle')
        assert page.evaluate("document.activeElement.id") == f"pf-team-shape-{qid}--note"
        page.fill(f"#pf-team-shape-{qid}--note", text)
    page.check("#pf-team-shape-team-type--na")
    page.fill("#pf-team-shape-team-type--reason", 'Not yet: "see #12"')
    # A note on a question that is then no longer asked stays in the file, and the form says so.
    page.fill("#pf-team-shape-ml-engineers", "1")
    page.click('[data-question="engineers-dedicated"] .playbook-note-toggle')
    page.keyboard.type("Shared with search")
    page.fill("#pf-team-shape-ml-engineers", "0")
    assert page.is_hidden('[data-question="engineers-dedicated"]')
    assert "1 note on questions not asked" in (page.text_content(".playbook-kept") or "")
    page.click(".playbook-download")
    with page.expect_download() as info:
        page.click(".playbook-download-anyway")
    target = tmp_path / "team-shape.yaml"
    info.value.save_as(target)
    report = _cli_json(target, "--allow-incomplete")
    assert report["notes"] == {**NOTES, "engineers-dedicated": "Shared with search"}
    # The notes come back in the form: after a reload, and from the downloaded file.
    page.reload()
    for qid, text in NOTES.items():
        assert page.input_value(f"#pf-team-shape-{qid}--note") == text
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(served["real"] + URL)
    load_answers(other, "team-shape", target.read_text(encoding="utf-8"))
    for qid, text in NOTES.items():
        assert other.is_visible(f"#pf-team-shape-{qid}--note")
        assert other.input_value(f"#pf-team-shape-{qid}--note") == text
    assert other.input_value("#pf-team-shape-team-type--reason") == 'Not yet: "see #12"'
    assert other.locator(".playbook-form b").count() == 0
    fresh.close()


def _axe(page: Any) -> list[dict[str, Any]]:
    """axe's violations in the form (the page around it is tested in test_every_page.py;
    scrolled down, Furo's back-to-top button lies outside every landmark, axe's "region")."""
    return violations(page, ".playbook-form")


def test_the_new_controls_are_axe_clean(served: dict[str, str], page: Any) -> None:
    """Reasons and notes shown, the download question open, the next step shown."""
    page.goto(served["real"] + URL)
    page.focus("#pf-team-shape-team-size")
    page.keyboard.press("Alt+N")
    page.keyboard.press("Alt+M")
    page.check("#pf-team-shape-team-type--na")
    page.check("#pf-team-shape-roles-product")
    assert _axe(page) == []
    _open_download_check(page)
    assert _axe(page) == []
    with page.expect_download():
        page.click(".playbook-download-anyway")
    assert page.locator(".playbook-next-step").is_visible()
    assert _axe(page) == []
