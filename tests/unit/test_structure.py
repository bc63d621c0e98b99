"""The package's shape: every module imports on its own (no import cycles), the precompiled
schema validators match the schemas, and the code type-checks under ``mypy --strict``."""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.constants import PACKAGE_DIR
from checker.validate import compile_schemas

ROOT = Path(__file__).resolve().parents[2]


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        rel = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        if "compiled" in parts or rel.name == "__main__":
            continue
        names.append(".".join(parts))
    return names


@pytest.mark.slow  # one interpreter per module: `make test` runs it, `make check` does not
def test_every_module_imports_alone() -> None:
    """Each module is imported first in a fresh interpreter, so a cycle cannot hide behind an
    import order that happens to work."""
    modules = _modules()
    assert len(modules) > 30

    def problem(name: str) -> str | None:
        proc = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True
        )
        return f"{name}: {proc.stderr.strip()}" if proc.returncode else None

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        failed = [p for p in pool.map(problem, modules) if p is not None]
    assert failed == []


def test_validation_does_not_import_evaluation_or_output() -> None:
    code = (
        "import sys, checker.validate.answers, checker.validate.checklist, checker.conditions\n"
        "print(sorted(m for m in sys.modules if m.startswith(('checker.rules', 'checker.report',"
        " 'checker.cli', 'checker.sphinx'))))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("name", compile_schemas.NAMES)
def test_precompiled_validator_matches_its_schema(name: str) -> None:
    """Regenerate with ``python -m checker.validate.compile_schemas`` after editing a schema."""
    module = importlib.import_module(f"checker.validate.compiled.{name}")
    assert compile_schemas.schema_text(name) == module.SCHEMA_TEXT, (
        f"{name}.schema.json changed: run python -m checker.validate.compile_schemas"
    )
    if importlib.metadata.version("fastjsonschema") == module.VERSION:
        committed = (compile_schemas.COMPILED_DIR / f"{name}.py").read_text(encoding="utf-8")
        assert committed == compile_schemas.generate(name)


def test_schema_validation_uses_the_precompiled_module() -> None:
    from checker.validate import schema

    schema._fast_validator.cache_clear()
    fast = schema._fast_validator("answers")
    assert fast.__module__ == "checker.validate.compiled.answers"


def test_a_stale_precompiled_module_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.validate import schema

    module = importlib.import_module("checker.validate.compiled.answers")
    monkeypatch.setattr(module, "SCHEMA_TEXT", "{}")
    schema._fast_validator.cache_clear()
    try:
        assert schema._fast_validator("answers").__module__ != module.__name__
    finally:
        schema._fast_validator.cache_clear()


def test_mypy_strict_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    api = pytest.importorskip("mypy.api")
    monkeypatch.chdir(ROOT)
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml")])
    assert status == 0, stdout + stderr


def test_the_browser_scripts_cite_python_names_that_exist() -> None:
    """The engine says which Python function each part mirrors; a rename must not leave it
    citing a module that is gone (it cited six)."""
    import importlib
    import re

    cited: set[str] = set()
    for script in (PACKAGE_DIR / "sphinx" / "static").glob("*.js"):
        cited |= set(
            re.findall(
                r"\bchecker(?:\.[A-Za-z_][A-Za-z0-9_]*)+", script.read_text(encoding="utf-8")
            )
        )
    assert cited
    for name in sorted(cited):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj: object = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                assert hasattr(obj, attr), f"{name}: {'.'.join(parts[:cut])} has no {attr}"
                obj = getattr(obj, attr)
            break
        else:  # pragma: no cover - a failure message
            raise AssertionError(f"{name} names no module")


def test_the_import_contracts_hold() -> None:
    """The layers and the absence of cycles in ``[tool.importlinter]`` (also in `make lint`)."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    if not lint_imports.exists():  # pragma: no cover - the dev extra installs it
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    proc = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_engine_data_matches_its_sources() -> None:
    """``static/playbook-engine-data.js`` is generated: regenerate with ``make generate``."""
    from checker.sphinx import engine_data

    assert engine_data.DATA.read_text(encoding="utf-8") == engine_data.render_data(), (
        "the browser engine's data is stale: run make generate"
    )


def test_the_answers_validator_matches_its_schema() -> None:
    """``static/playbook-answers-validator.js`` is generated by node (Ajv, esbuild): its stamp
    is the hash of what it was made from, so this needs neither npm nor node."""
    from checker.sphinx import engine_data

    assert engine_data.committed_stamp() == engine_data.validator_stamp(), (
        "answers.schema.json, the date format, tools/answers-validator.js or the versions of Ajv "
        "and esbuild changed: run make generate"
    )


def test_the_validator_stamp_follows_the_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.sphinx import engine_data
    from checker.validate import schema

    before = engine_data.validator_stamp()
    changed = json.loads(json.dumps(schema.load_schema("answers")))
    changed["properties"]["team"]["minLength"] = 2
    monkeypatch.setattr(schema, "load_schema", lambda name: changed)
    assert engine_data.validator_stamp() != before


def test_a_keyword_the_engine_does_not_word_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine words each keyword's errors as checker.validate.schema does; a schema with
    another keyword cannot be generated until the engine learns it."""
    from checker.sphinx import engine_data
    from checker.validate import schema

    changed = json.loads(json.dumps(schema.load_schema("answers")))
    changed["properties"]["team"]["maxLength"] = 200
    monkeypatch.setattr(schema, "load_schema", lambda name: changed)
    with pytest.raises(ValueError, match="uses maxLength"):
        engine_data.validator_input()


def test_patterns_are_read_in_javascript_as_the_cli_reads_them() -> None:
    """``\\s`` is Python's whitespace in both (U+001F and U+0085 yes, U+FEFF no); the escapes
    JavaScript reads otherwise are refused."""
    import re

    from checker.sphinx.engine_data import ecma_pattern, python_space

    space = python_space()
    js = ecma_pattern(r"[^\s\u180e]x\s", space)
    node = shutil.which("node")
    if node is not None:
        script = (
            f"const re = new RegExp({json.dumps(js)}, 'u');"
            "const texts = ['ax\\u001f', 'ax\\u0085', 'ax\\ufeff', '\\u001fx '];"
            "console.log(JSON.stringify(texts.map((t) => re.test(t))))"
        )
        out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
        python = [
            re.search(r"[^\s\u180e]x\s", t) is not None
            for t in ["ax\x1f", "ax\x85", "ax\ufeff", "\x1fx "]
        ]
        assert json.loads(out.stdout) == python == [True, True, False, False]
    for escape in (r"\d", r"\w", r"\b", r"\S"):
        with pytest.raises(ValueError, match="means something else"):
            ecma_pattern(f"a{escape}", space)
    assert ecma_pattern(r"a\\d", space) == r"a\\d"  # an escaped backslash, then a d
