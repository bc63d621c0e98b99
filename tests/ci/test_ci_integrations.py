"""The side-by-side table in docs/reference/ci-integrations.md stays true: what it says
check-jsonschema, yamllint and ruff offer is checked against the --help of the installed
versions, and what it says playbook-check offers against playbook-check itself."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.constants import FORMATS

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PAGE = (ROOT / "docs" / "reference" / "ci-integrations.md").read_text(encoding="utf-8")

# (command, strings its --help must contain, the page's words for them)
CLAIMS = [
    (
        ["check-jsonschema", "--help"],
        ["-o, --output-format [text|json]"],
        ["`-o text\\|json`"],
    ),
    (
        ["yamllint", "--help"],
        ["{parsable,standard,colored,github,auto}", "--strict"],
        ["`-f parsable\\|standard\\|colored\\|github\\|auto`", "`-s/--strict`"],
    ),
    (
        ["ruff", "check", "--help"],
        ["-e, --exit-zero", "--add-noqa", "--output-file"],
        ["`-e/--exit-zero`", "`--add-noqa`", "`-o FILE`"],
    ),
]


@pytest.mark.parametrize(("command", "flags", "words"), CLAIMS, ids=lambda c: str(c)[:20])
def test_peer_tools_offer_what_the_table_says(
    command: list[str], flags: list[str], words: list[str]
) -> None:
    proc = subprocess.run(
        [str(BIN / command[0]), *command[1:]], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    text = re.sub(r"\s+", " ", proc.stdout)
    for flag in flags:
        assert flag in text, flag
    for word in words:
        assert word in PAGE, word


def test_ruff_output_formats_are_listed_exactly() -> None:
    proc = subprocess.run(
        [str(BIN / "ruff"), "check", "--help"], capture_output=True, text=True, timeout=120
    )
    values = re.search(r"possible values: ([a-z, -]+)\]", re.sub(r"\s+", " ", proc.stdout))
    assert values is not None
    listed = "\\|".join(v.strip() for v in values.group(1).split(","))
    assert f"`--output-format {listed}`" in PAGE


def test_our_formats_are_listed_exactly() -> None:
    listed = "\\|".join(FORMATS)
    assert f"`--format {listed}`" in PAGE


def test_our_column_matches_playbook_check() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "report", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for option in ("--format", "-o", "--force", "--fail-on", "--baseline"):
        assert re.search(rf"(^|[\s,\[]){re.escape(option)}\b", proc.stdout), option
    assert (ROOT / ".pre-commit-hooks.yaml").is_file()
    assert (ROOT / "ci" / "gitlab" / "playbook-check.gitlab-ci.yml").is_file()
