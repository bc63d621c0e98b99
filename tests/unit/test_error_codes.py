"""Every error code the checker can emit is documented, and every documented code exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_error_codes_are_documented_both_ways() -> None:
    used: set[str] = set()
    for path in (ROOT / "src" / "checker").rglob("*.py"):
        used.update(re.findall(r"\bPC\d{3}\b", path.read_text(encoding="utf-8")))
    page = (ROOT / "docs" / "reference" / "error-codes.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (PC\d{3}) \|", page, flags=re.M))
    assert used, "no codes found in the source"
    assert used - documented == set(), "codes used but not documented"
    assert documented - used == set(), "codes documented but never used"
