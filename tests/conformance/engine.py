"""Drive the browser form's DOM-free engine (playbook-engine.js) through node."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
NODE = shutil.which("node")


class NodeEngine:
    """One node process answering JSON requests line by line."""

    def __init__(self) -> None:
        if NODE is None:
            pytest.skip("node is not installed (.ci/run installs Debian's nodejs)")
        self.proc = subprocess.Popen(
            [NODE, str(HERE / "node_engine.js")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def request(
        self, op: str, checklist: dict[str, Any], raw: bytes, options: dict[str, Any]
    ) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        req = {
            "op": op,
            "checklist": checklist,
            "b64": base64.b64encode(raw).decode("ascii"),
            "options": options,
        }
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        reply: dict[str, Any] = json.loads(self.proc.stdout.readline())
        assert "crash" not in reply, reply["crash"]
        return reply

    def limits(self) -> dict[str, int]:
        """The engine's built-in bounds."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"op": "limits"}) + "\n")
        self.proc.stdin.flush()
        limits: dict[str, int] = json.loads(self.proc.stdout.readline())["limits"]
        return limits

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
