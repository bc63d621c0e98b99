"""The form as readers use it, at desktop (1280 px) and phone (390 px) widths."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
ERROR_2_5 = "'team-size' is a count question; 2.5 is not a whole number"


@pytest.fixture(params=sorted(WIDTHS))
def sized(request: pytest.FixtureRequest, browser: Any, served: dict[str, str]) -> Iterator[Any]:
    """The team-shape checklist page at one width, form ready."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=width < 500,
        accept_downloads=True,
    )
    context.add_init_script("window.PLAYBOOK_TODAY = '2026-11-24';")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(f"{served['real']}/docs/checklists/team-shape.html")
    pg.wait_for_selector('.playbook-form[data-checklist="team-shape"]:not([hidden])')
    yield pg
    context.close()
    assert errors == []


def box(page: Any, selector: str) -> dict[str, float]:
    rect: dict[str, float] = page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect(); "
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }",
    )
    return rect


def test_the_first_screen_leads_to_the_form_before_the_reference(sized: Any) -> None:
    height = sized.viewport_size["height"]
    note = box(sized, ".playbook-form-note")
    assert note["top"] >= 0 and note["bottom"] <= height, note
    sized.click(".playbook-form-note a")
    sized.wait_for_function(  # the theme scrolls smoothly
        "() => { const r = document.querySelector('.playbook-form-title').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= innerHeight; }",
        timeout=5000,
    )
    title = box(sized, ".playbook-form-title")
    assert title["top"] >= 0 and title["bottom"] <= height, title
    first_is_form = sized.evaluate(
        """() => {
            const form = document.querySelector('.playbook-form');
            const section = document.querySelector('.playbook-section');
            return !!(form.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert first_is_form


def test_result_stays_in_view_while_answering(sized: Any) -> None:
    width, height = sized.viewport_size["width"], sized.viewport_size["height"]
    summary = sized.locator(".playbook-summary-text")
    assert "Score" in (summary.text_content() or "")
    sized.locator("#pf-team-shape-team-type-unclear").scroll_into_view_if_needed()
    sized.check("#pf-team-shape-team-type-unclear")
    sized.locator("#pf-team-shape-handoffs").scroll_into_view_if_needed()
    where = box(sized, ".playbook-summary")
    assert where["top"] >= 0 and where["bottom"] <= height + 1, where
    assert where["left"] >= -1 and where["right"] <= width + 1, where
    assert "1 low" in (summary.text_content() or "")
    # The control being answered is not hidden behind the summary.
    control = box(sized, "#pf-team-shape-handoffs")
    assert control["bottom"] <= where["top"], (control, where)
    # Without the form in view, the summary goes with it.
    sized.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert (
        box(sized, ".playbook-summary")["top"] < 0
        or not sized.locator(".playbook-summary").is_visible()
    )


def test_not_applicable_and_notes_are_named_inside_their_question(sized: Any) -> None:
    """Every question has one "Not applicable" control and one note: a radio in the group of a
    single-choice question (the group's legend names it), else a box named after the question."""
    controls = sized.eval_on_selector_all(
        "fieldset.playbook-form-question",
        """boxes => boxes.map(f => {
            const na = f.querySelectorAll('[id$="--na"]');
            const note = f.querySelectorAll('.playbook-note-toggle');
            return {question: f.dataset.question, kind: f.dataset.kind, count: na.length,
                    notes: note.length, type: na[0]?.type,
                    name: [...na[0].labels].map(l => l.textContent).join(' ')};
        })""",
    )
    assert len(controls) > 5
    assert all(c["count"] == 1 and c["notes"] == 1 for c in controls), controls
    for c in controls:
        single = c["kind"] in ("yes-no", "choice")
        assert c["type"] == ("radio" if single else "checkbox"), c
        assert c["name"] == "Not applicable" if single else c["name"].startswith("Not applicable: ")
    # The accessible names computed for the roles name the question.
    size = "How many people are on the team in total?"
    named = re.compile(rf"^Not applicable\s*: {re.escape(size)}$")
    assert sized.get_by_role("checkbox", name=named).count() == 1
    note = re.compile(rf"^Add a note\s*to: {re.escape(size)}$")
    assert sized.get_by_role("button", name=note).count() == 1
    group = sized.get_by_role(
        "group", name="Which Team Topologies type best describes this team today?"
    )
    assert group.get_by_role("radio", name="Not applicable").count() == 1


@pytest.mark.parametrize(("typed", "message"), [("2.5", ERROR_2_5), ("-3", "-3 is not a whole")])
def test_invalid_counts_are_explained(sized: Any, typed: str, message: str) -> None:
    field = "#pf-team-shape-team-size"
    sized.fill(field, typed)
    error = sized.locator("#pf-team-shape-team-size-error")
    assert error.is_visible()
    assert message in (error.text_content() or "")
    assert sized.get_attribute(field, "aria-invalid") == "true"
    assert "pf-team-shape-team-size-error" in (sized.get_attribute(field, "aria-describedby") or "")
    assert "unanswered" in (sized.text_content(".playbook-summary-text") or "")
    sized.fill(field, "7")
    assert error.is_hidden()
    assert sized.get_attribute(field, "aria-invalid") is None


def test_live_region_announces_once_not_per_keystroke(sized: Any) -> None:
    sized.evaluate(
        """() => {
            window.liveChanges = 0;
            window.resultsRebuilt = 0;
            const live = document.querySelector('.playbook-form .playbook-live');
            window.liveNode = live;
            new MutationObserver(m => { window.liveChanges += m.length; })
                .observe(live, {childList: true, characterData: true, subtree: true});
            const results = document.querySelector('.playbook-result-body');
            new MutationObserver(() => { window.resultsRebuilt += 1; })
                .observe(results, {childList: true});
        }"""
    )
    assert sized.locator("[aria-live]").count() == 1  # only the short status line is live
    sized.click("#pf-team-shape-handoffs")
    sized.keyboard.type("12345", delay=40)
    sized.wait_for_timeout(1200)
    changes = sized.evaluate("window.liveChanges")
    assert changes == 1, changes
    assert sized.evaluate("document.querySelector('.playbook-live') === window.liveNode")
    # Typing into a question that scores the same leaves the result as it is.
    before = sized.evaluate("window.resultsRebuilt")
    sized.click("#pf-team-shape-context")
    sized.keyboard.type("abc", delay=40)
    assert sized.evaluate("window.resultsRebuilt") == before


def test_clear_answers_can_be_undone(sized: Any) -> None:
    sized.fill("#pf-team-shape-scientists", "5")
    sized.check("#pf-team-shape-team-type-unclear")
    sized.click(".playbook-clear")
    assert sized.input_value("#pf-team-shape-scientists") == ""
    undo = sized.locator(".playbook-undo")
    assert undo.is_visible()
    assert sized.evaluate("document.activeElement.className") == "playbook-undo"
    undo.click()
    assert sized.input_value("#pf-team-shape-scientists") == "5"
    assert sized.is_checked("#pf-team-shape-team-type-unclear")
    sized.reload()
    assert sized.input_value("#pf-team-shape-scientists") == "5"
