"""The report document's types: generated from its schema, and strict enough that mypy names a
misspelt field."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.report import generate_types


def test_the_committed_types_are_generated_from_the_schema() -> None:
    """Regenerate with ``python -m checker.report.generate_types`` (``make generate``)."""
    committed = generate_types.TARGET.read_text(encoding="utf-8")
    assert committed == generate_types.generate(), (
        "report.schema.json changed: run python -m checker.report.generate_types"
    )


_GOOD = """
from report_types import FileEntry, ReportDocument

def failing(doc: ReportDocument) -> list[str]:
    return [f["id"] for e in doc["files"] for f in e.get("findings", []) if f["fails"]]

def where(entry: FileEntry) -> object:
    return entry["findings"][0]["triggers"][0]["line"]

def high(entry: FileEntry) -> bool:
    return entry["findings"][0]["risk"] == "high"
"""

_MISSPELT = """
from report_types import FileEntry, ReportDocument

def failing(doc: ReportDocument) -> list[str]:
    return [f["id"] for e in doc["files"] for f in e.get("findings", []) if f["fial"]]

def where(entry: FileEntry) -> object:
    return entry["findings"][0]["trigers"][0]["line"]

def high(entry: FileEntry) -> bool:
    return entry["findings"][0]["risk"] == "hihg"
"""


def test_mypy_names_a_misspelt_field(tmp_path: Path) -> None:
    """The generated module, type-checked with two snippets: the one that reads real fields
    passes, the one with misspelt fields and a misspelt risk fails at each of them."""
    api = pytest.importorskip("mypy.api")
    (tmp_path / "report_types.py").write_text(
        generate_types.TARGET.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "good.py").write_text(_GOOD, encoding="utf-8")
    (tmp_path / "misspelt.py").write_text(_MISSPELT, encoding="utf-8")
    stdout, stderr, status = api.run(
        [
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--config-file",
            "",
            str(tmp_path / "good.py"),
            str(tmp_path / "misspelt.py"),
            str(tmp_path / "report_types.py"),
        ]
    )
    assert status == 1, stdout + stderr
    errors = [line for line in stdout.splitlines() if ": error:" in line]
    assert all(line.startswith(str(tmp_path / "misspelt.py")) for line in errors), stdout
    assert any('"FindingEntry" has no key "fial"' in line for line in errors), stdout
    assert any('"FindingEntry" has no key "trigers"' in line for line in errors), stdout
    assert any("Non-overlapping equality check" in line for line in errors), stdout
    assert len(errors) == 3, stdout
