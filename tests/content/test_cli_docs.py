"""docs/reference/cli.md and cli-conventions.md cannot drift from the tools they describe."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli.reference import render, splice

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "reference"
BIN = Path(sys.executable).parent


def test_the_options_reference_is_generated_from_the_parser() -> None:
    page = (REFERENCE / "cli.md").read_text(encoding="utf-8")
    assert page == splice(page), (
        'docs/reference/cli.md is stale: run `.venv/bin/python -c "from pathlib import Path; '
        "from checker.cli.reference import splice; p = Path('docs/reference/cli.md'); "
        'p.write_text(splice(p.read_text()))"`'
    )
    for command in ("validate", "report", "init", "diff", "list", "explain", "schema"):
        assert f"### `{command}`" in render()


def _help(*cmd: str) -> str:
    tool = BIN / cmd[0]
    if not tool.exists() and shutil.which(cmd[0]) is None:
        pytest.skip(f"{cmd[0]} is not installed")
    proc = subprocess.run(
        [str(tool) if tool.exists() else cmd[0], *cmd[1:]], capture_output=True, text=True
    )
    return " ".join((proc.stdout + proc.stderr).split())


def test_the_conventions_table_matches_the_peers_help() -> None:
    page = (REFERENCE / "cli-conventions.md").read_text(encoding="utf-8")
    ruff = _help("ruff", "check", "--help")
    for option in ("--exit-zero", "--stdin-filename", "--show-files", "--color", "--exclude"):
        assert option in ruff
    assert "rule Explain a rule" in _help("ruff", "help")
    yamllint = _help("yamllint", "--help")
    for option in ("--list-files", "--no-warnings", "-s, --strict", "read from standard input"):
        assert option in yamllint
    assert "parsable,standard,colored,github,auto" in yamllint
    cjs = _help("check-jsonschema", "--help")
    assert "--color [auto|always|never]" in cjs and "-o, --output-format [text|json]" in cjs
    assert "INSTANCEFILES..." in cjs
    for number in ("0.17.6", "1.38.0", "0.39.0"):
        assert number in page  # the versions the table was read from
