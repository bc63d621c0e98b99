"""The published JSON Schemas: the fast path and jsonschema agree; editors can use them."""

from __future__ import annotations

import json
import os
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.load.yaml import load_path
from checker.validate.schema import _validator as slow_validator
from checker.validate.schema import is_valid, load_schema, schema_path

from .conftest import ANSWERS, CHECKLISTS

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "150"))


def full(data: Any, name: str) -> bool:
    """The slow engine as the checker runs it: jsonschema, with ECMA-262's ``$``."""
    return bool(slow_validator(name).is_valid(data))


def test_the_slow_engine_reads_patterns_as_ecma_262() -> None:
    """Python's ``$`` also matches before a final line break; a JSON Schema pattern's does not
    (issue 24, item 11): plain jsonschema accepts what both of our engines refuse."""
    data = {"checklist": "staffing@1.2\n", "team": "T", "answers": {}}
    cls = jsonschema.Draft202012Validator
    assert cls(load_schema("answers")).is_valid(data)  # the trap
    assert is_valid(data, "answers") is full(data, "answers") is False


def test_schemas_are_valid_json_schema() -> None:
    for name in ("checklist", "answers"):
        schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)


def test_engines_agree_on_the_fixtures() -> None:
    for path in sorted(ANSWERS.glob("*.yaml")):
        data = load_path(path).data
        assert is_valid(data, "answers") is full(data, "answers") is True
    for path in sorted(CHECKLISTS.glob("*.yaml")):
        data = load_path(path).data
        assert is_valid(data, "checklist") is full(data, "checklist") is True


@pytest.mark.parametrize(
    "date", ["0000-01-01", "0000-02-29", "0001-01-01", "2024-02-29", "2023-02-29", "9999-12-31"]
)
def test_engines_agree_on_dates(date: str) -> None:
    """fastjsonschema's own date format accepts the year 0000, which jsonschema, the CLI's
    dates and the browser form refuse; the compiled validators check dates as jsonschema does."""
    data = {**load_path(ANSWERS / "high-risk.yaml").data, "assessed": date}
    assert is_valid(data, "answers") is full(data, "answers")


@pytest.mark.parametrize(
    "date",
    [
        "\uff12\uff10\uff12\uff14-01-01",
        "\u0662\u0660\u0662\u0664-01-01",
        "2024-01-0\u0661",
        "2024-01-01",
    ],
)
def test_the_date_format_reads_ascii_digits_as_jsonschema_does(date: str) -> None:
    """A schema with ``format: date`` and no pattern (the report's exemptions): the compiled
    validators accepted a year in other scripts' digits, which jsonschema refuses (Python's
    ``\\d`` is any decimal digit)."""
    import fastjsonschema

    from checker.validate.compile_schemas import FORMATS

    schema = {"type": "string", "format": "date"}
    fast = fastjsonschema.compile(schema, formats=FORMATS)
    try:
        fast(date)
        fast_valid = True
    except fastjsonschema.JsonSchemaException:
        fast_valid = False
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    slow = jsonschema.Draft202012Validator(schema, format_checker=checker)
    assert fast_valid is slow.is_valid(date)


BASE = load_path(ANSWERS / "high-risk.yaml").data
VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=12),
        st.sampled_from(
            [
                "2026-11-20",
                "2026-13-01",
                "0000-01-01",
                "x@1.2",
                "staffing@1.2",
                "staffing@1.2\n",
                "staffing\n",
            ]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "not_applicable",
                    "finding",
                    "owner",
                    "reason",
                    "expires",
                    "scientists",
                    "Bad Key",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=10,
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "checklist",
                "team",
                "assessed",
                "answers",
                "notes",
                "evidence",
                "exemptions",
                "assessor",
                "extra",
            ]
        ),
        VALUES,
        max_size=4,
    )
)
def test_engines_agree_on_mutated_answers(changes: dict[str, Any]) -> None:
    data = {**BASE, **changes}
    # Round-trip through YAML types only (what the loader can produce).
    data = yaml.safe_load(yaml.safe_dump(data))
    assert is_valid(data, "answers") is full(data, "answers")
