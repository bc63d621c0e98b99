"""The topology commands shown in the README and the guide run as documented."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.helpers import playbook_check
from tests.topology.conftest import ROOT

SOURCES = [ROOT / "README.md", ROOT / "docs" / "guides" / "writing-a-topology.md"]


def _commands(path: Path) -> list[list[str]]:
    text = path.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            if line.startswith("playbook-check topology"):
                out.append(shlex.split(line.split(">>")[0].split("#")[0]))
    return out


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_documented_topology_commands_run(tmp_path: Path, source: Path) -> None:
    commands = _commands(source)
    assert commands, f"no topology commands in {source.name}"
    for argv in commands:
        if argv[2] == "diff" and not (tmp_path / "org" / "next.yaml").exists():
            shutil.copy(tmp_path / "org" / "topology.yaml", tmp_path / "org" / "next.yaml")
        proc = playbook_check(*argv[1:], cwd=tmp_path)
        assert proc.returncode == 0, (argv, proc.stdout, proc.stderr)
    assert (tmp_path / "org" / "topology.yaml").is_file()
