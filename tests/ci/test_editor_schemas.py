"""The answers schemas `init` writes, as editors read them: JSON Schema's `pattern` is an
ECMA-262 regular expression (check-jsonschema's default regex variant and Ajv compile it in
Unicode mode, through regress here), not a Python one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import regress
from hypothesis import given
from hypothesis import strategies as st

from checker.cli.answers_schema import answers_schema_text, ecma_escape
from checker.registry import ChecklistRegistry, bundled_dir

ROOT = Path(__file__).resolve().parents[2]
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]
BUNDLED = sorted(p.stem for p in bundled_dir().glob("*.yaml"))


def _write_schemas(tmp_path: Path) -> dict[str, Path]:
    registry = ChecklistRegistry([bundled_dir()])
    out = {}
    for cid in BUNDLED:
        path = tmp_path / f"{cid}.schema.json"
        checklist = registry.get(cid)
        assert checklist is not None, cid
        path.write_text(answers_schema_text(checklist), encoding="utf-8")
        out[cid] = path
    return out


def test_every_schema_written_for_editors_is_valid_with_ecma_262_patterns(tmp_path: Path) -> None:
    """The per-checklist answers schemas and the published ones (`schema answers|checklist|
    topology|report`) against their metaschema, `pattern`s checked as ECMA-262 regexes."""
    schemas = _write_schemas(tmp_path)
    assert any("-" in cid for cid in schemas)  # the ids that re.escape broke
    published = sorted((ROOT / "src" / "checker" / "schemas").glob("*.schema.json"))
    assert len(published) >= 4
    proc = subprocess.run(
        [
            *CHECK_JSONSCHEMA,
            "--regex-variant",
            "default",
            "--check-metaschema",
            *schemas.values(),
            *published,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("cid", BUNDLED)
def test_the_examples_answers_validate_against_their_schema_in_ecma_mode(
    tmp_path: Path, cid: str
) -> None:
    schema = _write_schemas(tmp_path)[cid]
    answers = sorted((ROOT / "examples").glob(f"*/{cid}.yaml"))
    assert answers, cid
    proc = subprocess.run(
        [*CHECK_JSONSCHEMA, "--regex-variant", "default", "--schemafile", schema, *answers],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_ecma_escape_matches_the_text_literally_in_unicode_mode(text: str) -> None:
    pattern = regress.Regex(f"^{ecma_escape(text)}$", "u")
    assert pattern.find(text) is not None
    assert pattern.find(text + "x") is None
