"""The generated part of the browser form's engine: its data and its answers validator.

``static/playbook-engine.js`` is the hand-written evaluator; what it would otherwise repeat comes
from the one source, in two generated scripts:

- ``static/playbook-engine-data.js``: the error codes (severity, title, hint) from
  :mod:`checker.codes`, the bounds from :mod:`checker.constants`, the structural messages,
  hints and tables from :mod:`checker.validate.schema`, the answers' hints, and Python's
  whitespace (what ``str.strip`` and ``re``'s ``\\s`` mean). Written by this module alone.
- ``static/playbook-answers-validator.js``: ``answers.schema.json`` compiled by Ajv (its
  standalone code, with the Ajv runtime it needs inlined by esbuild), from the schema with its
  patterns read as the CLI reads them (:func:`ecma_pattern`) and the CLI's date format. node
  runs ``tools/answers-validator.js`` with the npm packages of ``package.json``.

Run ``make generate`` (``python -m checker.sphinx.engine_data``) after changing any of those.
``tests/unit/test_structure.py`` fails when a generated script is stale: the data by its text,
the validator by its stamp (the hash of what it was generated from), so tests never need npm.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from typing import Any

from checker import codes, constants
from checker.load.yaml import MAX_DEPTH, MAX_VALUES
from checker.textsafe import INVISIBLE
from checker.validate import answers, compile_schemas, schema

ROOT = constants.PACKAGE_DIR.parent.parent
"""The repository (generation runs from a checkout)."""
DATA = constants.STATIC_DIR / "playbook-engine-data.js"
VALIDATOR = constants.STATIC_DIR / "playbook-answers-validator.js"
GENERATOR = ROOT / "tools" / "answers-validator.js"
TOOLS = ("ajv", "esbuild")
"""The npm packages the validator's code comes from (their versions are part of its stamp)."""
ENGINE_FAMILIES = ("PC1", "PC2", "PC4")
"""The code families the engine reports: reading YAML, structure, answers."""
_ANNOTATIONS = ("$schema", "$id", "title", "description")
WORDED = frozenset(
    {
        "type",
        "properties",
        "additionalProperties",
        "required",
        "if",
        "then",
        "not",
        "anyOf",
        "items",
        "propertyNames",
        "pattern",
        "format",
        "minLength",
        "minItems",
    }
)
"""The keywords whose errors ``playbook-engine.js`` words as :mod:`checker.validate.schema`
does (its ``report``); a schema with another is refused until the engine learns it."""
_STAMP = re.compile(r"^ \* stamp: ([0-9a-f]{64})$", re.M)


def python_space() -> str:
    """Python's whitespace (``str.isspace``, which ``re``'s ``\\s`` matches) as the body of a
    regex character class, in ``\\uXXXX`` escapes that JavaScript reads alike."""
    spaces = [c for c in range(0x110000) if chr(c).isspace()]
    runs: list[list[int]] = []
    for c in spaces:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    assert all(hi <= 0xFFFF for _, hi in runs), "astral whitespace needs the u flag"
    return "".join(f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in runs)


def engine_limits() -> dict[str, int]:
    """The CLI's bounds, for ``playbook-engine.js`` (one source: checker.constants)."""
    return {
        "max_bytes": constants.MAX_BYTES,
        "max_values": MAX_VALUES,
        "max_depth": MAX_DEPTH,
        "max_safe_integer": constants.MAX_SAFE_INTEGER,
        "max_echo": constants.MAX_ECHO,
        "max_message": constants.MAX_MESSAGE,
        "max_diagnostics": constants.MAX_DIAGNOSTICS,
    }


def engine_data() -> dict[str, Any]:
    """Everything ``playbook-engine.js`` reads from ``PlaybookEngineData``."""
    return {
        "codes": {
            c.code: {"severity": c.severity.value, "title": c.title, "hint": c.hint}
            for c in codes.CODES.values()
            if c.code.startswith(ENGINE_FAMILIES)
        },
        "limits": engine_limits(),
        "risks": constants.RISKS,
        "yesNo": constants.YES_NO,
        "space": python_space(),
        "invisible": _js_class(INVISIBLE),
        "structure": {
            "messages": schema.MESSAGES,
            "typeNames": schema.TYPE_NAMES,
            "meanings": schema.MEANINGS,
            "idMeaning": schema.ID_MEANING,
            "dateMeaning": schema.DATE_MEANING,
            "schemaHint": schema.SCHEMA_HINT,
            "typeHint": schema.TYPE_HINT,
            "commaHint": schema.COMMA_HINT,
            "idHint": schema.ID_HINT,
        },
        "answers": {"upgradeHint": answers.UPGRADE_HINT, "newerHint": answers.NEWER_HINT},
    }


def _js_class(body: str) -> str:
    """A Python regex class body of literal characters and ranges, in ``\\uXXXX`` escapes."""
    return "".join(
        c if c == "-" else f"\\u{ord(c):04x}" for c in body
    )  # the bodies here hold no escapes or astral characters


def render_data() -> str:
    """The text of ``static/playbook-engine-data.js``."""
    text = json.dumps(engine_data(), ensure_ascii=True, indent=1)
    return (
        "/* Generated by `python -m checker.sphinx.engine_data` (make generate) from\n"
        " * checker.codes, checker.constants, checker.textsafe, checker.validate.schema and\n"
        " * checker.validate.answers; do not edit. Read by playbook-engine.js. */\n"
        "(function (root, data) {\n"
        '  if (typeof module === "object" && module.exports) module.exports = data;\n'
        "  else root.PlaybookEngineData = data;\n"
        '})(typeof self !== "undefined" ? self : this, ' + text + ");\n"
    )


_UNPORTABLE = re.compile(r"\\[dDwWbBS]")


def ecma_pattern(pattern: str, space: str) -> str:
    """A schema ``pattern`` (ECMA-262, read by the CLI with Python's ``\\s``) for JavaScript:
    ``\\s`` spelt out as Python's whitespace (JavaScript's differs: U+001C-U+001F, U+0085 and
    U+FEFF). Escapes the two read differently otherwise are refused."""
    bad = _UNPORTABLE.search(pattern.replace("\\\\", ""))
    if bad:
        raise ValueError(f"pattern {pattern!r}: {bad.group()} means something else in JavaScript")
    out, in_class, i = [], False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            pair = pattern[i : i + 2]
            out.append(
                space if in_class and pair == "\\s" else f"[{space}]" if pair == "\\s" else pair
            )
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


_SUBSCHEMA = frozenset({"additionalProperties", "items", "propertyNames", "if", "then", "not"})


def _ecma_schema(node: Any, space: str) -> Any:
    """The schema for Ajv: patterns for JavaScript, annotations left out."""
    if not isinstance(node, dict):
        return node
    unknown = set(node) - WORDED - set(_ANNOTATIONS)
    if unknown:
        raise ValueError(
            f"answers.schema.json uses {', '.join(sorted(unknown))}: teach playbook-engine.js "
            "(report) to word its errors as checker.validate.schema does, then add it to WORDED"
        )
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "pattern":
            out[key] = ecma_pattern(value, space)
        elif key == "properties":
            out[key] = {name: _ecma_schema(sub, space) for name, sub in value.items()}
        elif key == "anyOf":
            out[key] = [_ecma_schema(sub, space) for sub in value]
        elif key in _SUBSCHEMA:
            out[key] = _ecma_schema(value, space)
        elif key not in _ANNOTATIONS:
            out[key] = value
    return out


def _ecma_format(python_regex: str) -> str:
    """A format's Python regex for JavaScript: ``\\Z`` is the end of the text."""
    if _UNPORTABLE.search(python_regex) or "\\A" in python_regex:
        raise ValueError(f"format {python_regex!r} is not portable to JavaScript")
    assert python_regex.endswith("\\Z") and python_regex.count("\\Z") == 1
    return python_regex[: -len("\\Z")] + "$"


def _tool_versions() -> dict[str, str]:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in TOOLS}


def validator_input() -> str:
    """What node compiles: the answers schema for JavaScript and the CLI's formats (JSON)."""
    space = python_space()
    return json.dumps(
        {
            "schema": _ecma_schema(schema.load_schema("answers"), space),
            "formats": {k: _ecma_format(v) for k, v in compile_schemas.FORMATS.items()},
        },
        ensure_ascii=True,
    )


def validator_stamp() -> str:
    """The hash of everything the validator is generated from: its input, the generator's
    text and the versions of Ajv and esbuild."""
    digest = hashlib.sha256()
    for part in (
        validator_input(),
        GENERATOR.read_text(encoding="utf-8"),
        json.dumps(_tool_versions()),
    ):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def committed_stamp() -> str | None:
    """The stamp in the committed ``playbook-answers-validator.js`` (None if it has none)."""
    found = _STAMP.search(VALIDATOR.read_text(encoding="utf-8")[:2000])
    return found.group(1) if found else None


def render_validator() -> str:
    """The text of ``static/playbook-answers-validator.js`` (runs node; needs ``npm ci``)."""
    if not (ROOT / "node_modules" / "ajv").is_dir():
        raise SystemExit("engine_data: run `npm ci` first (make generate does)")
    proc = subprocess.run(
        ["node", str(GENERATOR)],
        input=validator_input(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"engine_data: {GENERATOR.name} failed:\n{proc.stderr}")
    versions = _tool_versions()
    return (
        "/* Generated by `python -m checker.sphinx.engine_data` (make generate) from\n"
        " * src/checker/schemas/answers.schema.json: Ajv "
        f"{versions['ajv']}'s standalone code with the Ajv runtime it needs,\n"
        f" * bundled by esbuild {versions['esbuild']}; do not edit. Read by playbook-engine.js.\n"
        " * Ajv: MIT licence, Copyright (c) 2015-2021 Evgeny Poberezkin (vendor/ajv.LICENSE).\n"
        f" * stamp: {validator_stamp()}\n"
        " */\n" + proc.stdout
    )


def main() -> int:
    DATA.write_text(render_data(), encoding="utf-8")
    print(f"wrote {DATA}", file=sys.stderr)
    VALIDATOR.write_text(render_validator(), encoding="utf-8")
    print(f"wrote {VALIDATOR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
