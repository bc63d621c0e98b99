"""One registry of error codes (checker.codes): the code uses it, the page is generated from it."""

from __future__ import annotations

import re
from pathlib import Path

from checker.codes import CODES, render_markdown

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "error-codes.md"


def test_every_code_used_is_registered_and_every_registered_code_is_used() -> None:
    used: set[str] = set()
    for path in (ROOT / "src" / "checker").rglob("*.py"):
        if path.name == "codes.py":
            continue
        used.update(re.findall(r"\bPC\d{3}\b", path.read_text(encoding="utf-8")))
    assert used, "no codes found in the source"
    assert used - CODES.keys() == set(), "codes used but not registered in checker/codes.py"
    assert CODES.keys() - used == set(), "codes registered but never used"


def test_the_error_code_page_is_generated_from_the_registry() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_markdown(), (
        "docs/reference/error-codes.md is stale: run "
        "`.venv/bin/python -m checker.codes > docs/reference/error-codes.md`"
    )


def test_every_registered_code_is_on_the_page_with_its_hint() -> None:
    page = PAGE.read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[(PC\d{3})\]\{#(pc\d{3})\} \|", page, flags=re.M)
    assert [code for code, _ in rows] == sorted(CODES)
    # Each code has an anchor of its own to link to (error-codes.html#pc403).
    assert all(anchor == code.lower() for code, anchor in rows)
    for code in CODES.values():
        assert code.hint and code.title and code.explanation
        assert f"[{code.code}]" in code.example
