"""The package's shape: every module imports on its own (no import cycles), the precompiled
schema validators match the schemas, and the code type-checks under ``mypy --strict``."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
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


def test_every_module_imports_alone() -> None:
    """Each module is imported first in a fresh interpreter, so a cycle cannot hide behind an
    import order that happens to work."""
    script = (
        "import importlib, subprocess, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    proc = subprocess.run([sys.executable, '-c', f'import {name}'],"
        " capture_output=True, text=True)\n"
        "    if proc.returncode:\n"
        "        failed.append(name + ': ' + proc.stderr.strip().splitlines()[-1])\n"
        "print('\\n'.join(failed))\n"
    )
    modules = _modules()
    assert len(modules) > 30
    proc = subprocess.run(
        [sys.executable, "-c", script, *modules], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == ""


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
        cited |= set(re.findall(r"\bchecker(?:\.[a-z_]+)+", script.read_text(encoding="utf-8")))
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
