"""Structural validation against the published JSON Schemas, with errors at file:line:col."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.constants import SCHEMA_DIR
from checker.diagnostics import DiagnosticSink
from checker.suggest import did_you_mean
from checker.textsafe import brief
from checker.validate.precompiled_errors import PrecompiledSchemaError

if TYPE_CHECKING:
    from jsonschema import ValidationError

SCHEMA_NAMES = ("checklist", "answers")


def schema_path(name: str) -> Path:
    """Filesystem path of a published schema (``checklist`` or ``answers``)."""
    return SCHEMA_DIR / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed JSON Schema called ``name``."""
    schema: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return schema


#: An unescaped ``$``: in a JSON Schema pattern (ECMA-262, no multiline flag) it matches only
#: at the very end of the text; Python's ``$`` also matches before a final line break, so
#: ``"search\n"`` would pass ``^[a-z0-9-]+$``. fastjsonschema translates it the same way.
_DOLLAR = re.compile(r"(?<!\\)\$")


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A schema ``pattern`` compiled with ECMA-262's end of text (``$`` as ``\\Z``)."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


def _pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Any:
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(name: str) -> Any:
    """jsonschema's validator for ``name``, with the fast path's reading of ``pattern`` (so
    the two engines agree on what matches)."""
    from jsonschema import Draft202012Validator, validators  # heavy: only when validating

    cls = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    return cls(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _fast_validator(name: str) -> Any:
    """The schema compiled to Python (~20x faster than jsonschema on valid input): the
    committed, precompiled module while its stamp matches the schema, else compiled now."""
    from importlib import import_module

    from checker.validate.compile_schemas import FORMATS, schema_text

    try:
        module = import_module(f"checker.validate.compiled.{name}")
    except ImportError:
        module = None
    if module is not None and getattr(module, "SCHEMA_TEXT", None) == schema_text(name):
        return module.validate
    import fastjsonschema

    return fastjsonschema.compile(load_schema(name), formats=FORMATS)


def is_valid(data: Any, name: str) -> bool:
    """Quick yes/no validation with the compiled schema (the fast path for valid files)."""
    validator = _fast_validator(name)
    try:
        validator(data)
    except PrecompiledSchemaError:
        return False
    except Exception as exc:  # a validator compiled at run time raises fastjsonschema's own
        from fastjsonschema import JsonSchemaException

        if isinstance(exc, JsonSchemaException):
            return False
        raise
    return True


SCHEMA_HINT = "`playbook-check explain {code}` says more; `playbook-check schema` prints the format"
"""The hint for a structural error the schema alone explains (``str.format`` with ``code``)."""
TYPE_HINT = 'quote text that YAML would read as a number or boolean, e.g. "1.10"'
COMMA_HINT = (
    "a comma inside {...} starts a new key; if this is part of the text "
    'before it, quote that text, e.g. label: "Yes, always"'
)
ID_HINT = "ids use lower-case letters, digits and dashes, e.g. 'team-size'"

MESSAGES = {
    "unknown key": "unknown key {key!r} in {where}",
    "missing key": "{where} is missing the required key {key!r}",
    "wrong type": "{where} should be {expected}, not {actual}",
    "not in set": "{where} is {actual}; expected one of: {options}",
    "key not an id": "key {key!r} in {where} is not a kebab-case id",
    "wrong format": "{where} is {actual}; expected {meaning}",
    "other": "{where}: {message}",
}
"""The structural messages (``str.format`` templates; ``!r`` is Python's repr). The browser
form's engine reads them, the hints above and the tables below from the generated
``static/playbook-engine-data.js`` (see :mod:`checker.sphinx.engine_data`)."""

TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}
"""How a message names each JSON Schema type."""

MEANINGS = {
    "checklist": "checklist-id@MAJOR.MINOR, e.g. team-shape@1.2",
    "version": "MAJOR.MINOR.PATCH, e.g. 1.2.0",
    "changed": 'a quoted "MAJOR.MINOR", e.g. "1.2"',
    "assessed": "an ISO date YYYY-MM-DD",
    "expires": "an ISO date YYYY-MM-DD",
    "as_of": "an ISO date YYYY-MM-DD",
    "since": "an ISO date YYYY-MM-DD",
    "until": "an ISO date YYYY-MM-DD",
    "team": "a name with at least one visible character",
    "name": "a name with at least one visible character",
    "organisation": "a name with at least one visible character",
    "owner": "a name with at least one visible character",
    "reason": "a reason with at least one visible character",
}
"""What a value under each key should look like when it breaks a ``pattern``."""
ID_MEANING = "a kebab-case id such as 'team-shape'"
"""What a value under any other key should look like when it breaks a ``pattern``."""
DATE_MEANING = "a valid ISO date YYYY-MM-DD"
"""What a value that breaks ``format: date`` should look like."""


def schema_hint(code: str) -> str:
    """The hint for a structural error the schema alone explains."""
    return SCHEMA_HINT.format(code=code)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _where(path: tuple[Any, ...]) -> str:
    parts = [str(p) if not isinstance(p, int) else f"[{p}]" for p in path]
    return ".".join(parts).replace(".[", "[") or "the document"


def _pick(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf errors, descend to the most specific sub-error."""
    from jsonschema.exceptions import best_match

    while error.context:
        deeper = best_match(error.context)
        if deeper is None or deeper is error:
            break
        error = deeper
    return error


def validate(data: Any, name: str, sink: DiagnosticSink) -> bool:
    """Validate ``data`` against schema ``name``; record PC2xx diagnostics. True when valid.

    Valid documents take the compiled fast path; only invalid ones pay for jsonschema's
    complete, positioned error report. Tests check that both engines agree.
    """
    if is_valid(data, name):
        return True
    errors = sorted(_validator(name).iter_errors(data), key=lambda e: list(map(str, e.path)))
    seen: set[tuple[Any, ...]] = set()
    for error in errors:
        _report(_pick(error), sink, seen)
    if not errors:  # never let the slow engine overturn the fast one's rejection
        sink.add(
            "PC206",
            "the document does not match the published schema",
            (),
            hint=schema_hint("PC206"),
        )
    return False


def _report(error: ValidationError, sink: DiagnosticSink, seen: set[tuple[Any, ...]]) -> None:
    path = tuple(error.absolute_path)
    where = _where(path)
    validator = error.validator
    if validator == "additionalProperties" and isinstance(error.instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = sorted((schema.get("properties") or {}).keys())
        extras = [k for k in error.instance if k not in allowed]
        for key in extras:
            if (*path, key) in seen:
                continue
            seen.add((*path, key))
            hint = did_you_mean(str(key), allowed)
            if not hint and error.instance.get(key) is None and len(error.instance) > 1:
                hint = COMMA_HINT
            if not hint and allowed:
                hint = "allowed keys: " + ", ".join(allowed)
            message = MESSAGES["unknown key"].format(key=key, where=where)
            sink.add("PC201", message, (*path, key), hint=hint, at_key=True)
        return
    if path in seen:
        return
    seen.add(path)
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        message = MESSAGES["missing key"].format(where=where, key=missing)
        sink.add("PC202", message, path, hint=schema_hint("PC202"))
    elif validator == "type":
        expected: Any = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        want = " or ".join(TYPE_NAMES.get(n, n) for n in names)
        actual = _describe(error.instance)
        message = MESSAGES["wrong type"].format(where=where, expected=want, actual=actual)
        sink.add("PC203", message, path, hint=TYPE_HINT)
    elif validator == "enum":
        values: Any = error.validator_value
        options = ", ".join(map(str, values))
        hint = did_you_mean(str(error.instance), [str(v) for v in values])
        actual = _describe(error.instance)
        message = MESSAGES["not in set"].format(where=where, actual=actual, options=options)
        sink.add("PC204", message, path, hint=hint)
    elif validator == "pattern" and "propertyNames" in error.absolute_schema_path:
        key = str(error.instance)
        message = MESSAGES["key not an id"].format(key=key, where=where)
        sink.add("PC205", message, (*path, key), hint=ID_HINT, at_key=True)
    elif validator in ("pattern", "format"):
        meaning = MEANINGS.get(str(path[-1]) if path else "", ID_MEANING)
        if validator == "format":
            meaning = DATE_MEANING
        actual = _describe(error.instance)
        message = MESSAGES["wrong format"].format(where=where, actual=actual, meaning=meaning)
        sink.add("PC205", message, path)
    else:
        # jsonschema quotes the whole value; a message quotes at most MAX_ECHO characters
        text = error.message.replace(repr(error.instance), brief(error.instance))
        sink.add(
            "PC206",
            MESSAGES["other"].format(where=where, message=text),
            path,
            hint=schema_hint("PC206"),
        )
