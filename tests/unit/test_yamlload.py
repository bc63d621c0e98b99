"""The safe, positioned YAML loader."""

from __future__ import annotations

import pytest

from checker.diagnostics import CheckerError
from checker.load.yaml import load_bytes, load_text


def first_error(text: str) -> tuple[str, int, int, str]:
    with pytest.raises(CheckerError) as info:
        load_text(text, "f.yaml")
    d = info.value.diagnostics[0]
    return d.code, d.line, d.column, d.hint


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("~", None),
        ("null", None),
        ("1:20", "1:20"),
        ("2026-11-20", "2026-11-20"),
        ("0777", 777),
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ('"1"', "1"),
        ("'true'", "true"),
        ("!!str 3", "3"),
        ("!!float 3", 3.0),
        ("1.10", 1.1),
    ],
)
def test_core_schema_scalars(text: str, value: object) -> None:
    assert load_text(f"v: {text}\n").data == {"v": value}


def test_positions_of_values_and_keys() -> None:
    doc = load_text("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert doc.source_map.position(("b", 1, "c")).line == 4
    assert doc.source_map.position(("b", 1, "c")).column == 9
    assert (
        doc.source_map.key_position(("b",)).line,
        doc.source_map.key_position(("b",)).column,
    ) == (2, 1)
    # An unknown deeper path falls back to its nearest known ancestor.
    assert doc.source_map.position(("b", 0, "missing")).line == 3


def test_duplicate_key_names_both_lines() -> None:
    code, line, col, _hint = first_error("a: 1\nb: 2\na: 3\n")
    assert (code, line, col) == ("PC102", 3, 1)
    with pytest.raises(CheckerError, match="first defined at line 1"):
        load_text("a: 1\nb: 2\na: 3\n")


def test_nested_duplicate_key() -> None:
    assert first_error("x:\n  a: 1\n  a: 2\n")[:3] == ("PC102", 3, 3)


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("a: !!python/object:os.system x\n", "PC107", 1, 4),
        ("a: !custom x\n", "PC107", 1, 4),
        ("a: !!int abc\n", "PC107", 1, 4),
        ("a: [1\n", "PC101", 2, 1),
        ("a: 1\n---\nb: 2\n", "PC109", 2, 1),
        ("? [a]\n: 1\n", "PC110", 1, 3),
        ("a: &x 1\n*x : 2\n", "PC110", 2, 1),
        ("# just a comment\n", "PC106", 1, 1),
        ("", "PC106", 1, 1),
        ("a: b\x07\n", "PC101", 1, 5),
    ],
)
def test_errors_have_codes_and_positions(text: str, code: str, line: int, col: int) -> None:
    assert first_error(text)[:3] == (code, line, col)


def test_tab_indentation_gets_a_hint() -> None:
    code, line, col, hint = first_error("a:\n\tb: 1\n")
    assert (code, line, col) == ("PC101", 2, 1)
    assert "tabs" in hint


def test_alias_bomb_fails_fast() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    assert first_error("\n".join(lines) + "\n")[0] == "PC104"


def test_small_aliases_are_fine() -> None:
    doc = load_text("base: &b {x: 1}\nother: *b\n")
    assert doc.data == {"base": {"x": 1}, "other": {"x": 1}}


def test_deep_nesting_is_bounded() -> None:
    assert first_error("[" * 200 + "]" * 200)[0] == "PC108"
    assert first_error("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)))[0] == "PC108"


def test_bytes_checks() -> None:
    assert load_bytes(b"\xef\xbb\xbfa: 1\n", "f.yaml").data == {"a": 1}
    with pytest.raises(CheckerError) as info:
        load_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"), "f.yaml")
    d = info.value.diagnostics[0]
    assert (d.code, d.line, d.column) == ("PC105", 2, 7)
    with pytest.raises(CheckerError, match="UTF-16"):
        load_bytes("a: 1\n".encode("utf-16"), "f.yaml")
    with pytest.raises(CheckerError) as info:
        load_bytes(b"a: 1\n" * 10, "f.yaml", max_bytes=20)
    assert info.value.diagnostics[0].code == "PC103"


def test_mapping_keys_are_source_text() -> None:
    assert load_text("1: a\nyes: b\ntrue: c\n").data == {"1": "a", "yes": "b", "true": "c"}
