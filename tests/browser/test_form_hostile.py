"""Where the form once disagreed with the CLI (issue 24, items 6 and 7), in Chromium: escaped
surrogates, Python's whitespace, a document end marker with a comment, the year 0000, pasted
text over the size limit, and invalid UTF-8 at the end of a large file (found in one pass; the
quadratic search froze the page for a minute)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_form import cli_report, verdict
from tests.browser.test_form_integrity import OUTCOMES, cli_lines, paste, shown_problems

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CID = "product-outcomes"
TEAM = re.compile(r"^team: .*$", re.M)


def _team(value: str) -> str:
    return TEAM.sub(lambda _m: f"team: {value}", OUTCOMES, count=1)


REFUSED = {
    "surrogate-pair-escape": _team('"\\ud83d\\ude00 Team"'),
    "blank-team-unit-separator": _team('"\\x1f"'),
    "blank-team-next-line": _team('"\\x85"'),
    "assessed-year-zero": re.sub(r"^assessed: .*$", "assessed: 0000-01-01", OUTCOMES, flags=re.M),
    "pasted-over-the-limit": OUTCOMES + "# " + "é" * 524_288 + "\n",
}


def _codes_and_lines(lines: list[str]) -> list[tuple[str, str]]:
    """Code and line of each problem (PC101's wording comes from another YAML parser)."""
    out = []
    for text in lines:
        m = re.match(r"line (\d+), column \d+: .*\[(PC\d{3})\]", text)
        assert m, text
        out.append((m[2], m[1]))
    return out


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_form_refuses_what_the_cli_refuses(
    served: dict[str, str], page: Any, tmp_path: Path, case: str
) -> None:
    text = REFUSED[case]
    page.goto(f"{served['real']}/docs/checklists/{CID}.html")
    page.fill(f"#pf-{CID}-team", "Kept")
    status = paste(page, CID, text)
    assert status.startswith("Not loaded"), status
    want = cli_lines(text, tmp_path, CID)
    assert want, "the CLI accepts it"
    assert _codes_and_lines(shown_problems(page)) == _codes_and_lines(want)
    assert page.input_value(f"#pf-{CID}-team") == "Kept"


ACCEPTED = {
    "document-end-marker-with-a-comment": OUTCOMES + "... # the end\n",
    "document-end-marker-then-a-comment": OUTCOMES + "...\n# the end\n",
    "astral-character-escaped": _team('"Team \\U0001F600"'),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_the_form_loads_what_the_cli_accepts_and_scores_it_alike(
    served: dict[str, str], page: Any, tmp_path: Path, case: str
) -> None:
    text = ACCEPTED[case]
    path = tmp_path / f"{CID}.yaml"
    path.write_text(text, encoding="utf-8")
    page.goto(f"{served['real']}/docs/checklists/{CID}.html")
    status = paste(page, CID, text)
    assert status.startswith("Answers loaded"), (status, shown_problems(page))
    result = page.evaluate(f"window.PlaybookForms[{CID!r}].result")
    assert verdict(result) == verdict(cli_report(path, ROOT / "checklists"))


@pytest.mark.parametrize("reason", ["\\x1d", "\\x1c\\x1e", "\\x85", " \\x1f\\t"])
def test_a_reason_python_calls_blank_counts_as_unanswered(
    served: dict[str, str], page: Any, tmp_path: Path, reason: str
) -> None:
    """The CLI strips Python's whitespace: a reason of U+001D is no reason (PC405), so the
    question counts as unanswered and scores 0, in the form as in the CLI."""
    m = re.search(r"^  ([a-z0-9-]+): (?!\{).*$", OUTCOMES.split("answers:\n", 1)[1], re.M)
    assert m is not None
    line = m[0]
    text = OUTCOMES.replace(line, f'  {m[1]}: {{not_applicable: "{reason}"}}', 1)
    path = tmp_path / f"{CID}.yaml"
    path.write_text(text, encoding="utf-8")
    page.goto(f"{served['real']}/docs/checklists/{CID}.html")
    paste(page, CID, text)
    result = page.evaluate(f"window.PlaybookForms[{CID!r}].result")
    assert verdict(result) == verdict(cli_report(path, ROOT / "checklists"))


def test_invalid_utf8_at_the_end_of_a_large_file_is_found_at_once(
    served: dict[str, str], page: Any, tmp_path: Path
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(OUTCOMES.encode() + b"# padding \xc3\xa9\n" * 60_000 + b"# \xe2\x82")
    page.goto(f"{served['real']}/docs/checklists/{CID}.html")
    page.click(".playbook-load summary")
    page.set_input_files(f"#pf-{CID}-file", str(big))
    page.wait_for_function(
        "document.querySelector('.playbook-load-status').textContent.startsWith('Not loaded')",
        timeout=20_000,  # the quadratic search took minutes on this file
    )
    lines = OUTCOMES.count("\n") + 60_000 + 1
    hint = "Hint: save the file as UTF-8"
    assert shown_problems(page) == [
        f"line {lines}, column 3: error: invalid UTF-8 byte 0xe2 [PC105] {hint}"
    ]
