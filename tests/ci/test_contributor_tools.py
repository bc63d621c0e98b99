"""The contributor's tools: the pre-commit configuration runs the pinned tools from .venv, and
``make generate`` runs every generator whose output a test compares with the committed file."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CONFIG = ROOT / ".pre-commit-config.yaml"


def test_the_contributor_pre_commit_configuration_is_valid() -> None:
    proc = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(CONFIG)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_hook_runs_a_tool_that_make_installs() -> None:
    hooks = [h for repo in yaml.safe_load(CONFIG.read_text())["repos"] for h in repo["hooks"]]
    for hook in hooks:
        program = shlex.split(hook["entry"])[0]
        if program.startswith(".venv/bin/"):
            assert (BIN / Path(program).name).is_file(), hook["id"]
        else:
            assert program in {"bash"}, hook["id"]


def test_the_tools_are_pinned_exactly() -> None:
    """ruff and mypy decide what `make lint` accepts: a fresh .venv gets the same versions."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for tool in ("ruff", "mypy"):
        assert re.search(rf'"{tool}==[0-9.]+"', pyproject), tool


def test_make_generate_runs_every_generator() -> None:
    """Each module whose output a test compares with a committed file is in `make generate`."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\ngenerate:", 1)[1].split("\n\n", 1)[0]
    modules = (
        "checker.validate.compile_schemas",
        "checker.codes",
        "checker.cli.reference",
        "checker.sphinx.engine_data",
    )
    for module in modules:
        assert f"-m {module}" in target, module
