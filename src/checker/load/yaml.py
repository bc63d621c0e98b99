"""Safe YAML loading with the source position of every value.

YAML is read as YAML 1.2 with the core schema (only ``true``/``false`` are booleans; ``yes``,
``no``, ``on``, ``off``, dates and base-60 numbers stay strings), one document per file, no tags
beyond the standard ones, duplicate keys rejected, and bounded size, depth and alias expansion.
Values are built from libyaml's event stream (PyYAML's C parser where present) without recursion,
so hostile input fails fast with a :class:`~checker.diagnostics.CheckerError` that names
``file:line:column``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple, cast

import yaml

from checker.constants import MAX_BYTES, MAX_SAFE_INTEGER
from checker.diagnostics import CheckerError, Diagnostic, Position, SourceMapLike
from checker.load.files import read_bounded, too_large
from checker.textsafe import clip

try:  # libyaml is much faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_VALUES = 100_000
"""At most this many values repeated by aliases (an "alias bomb" expands far beyond its bytes;
values written out are bounded by the file's size)."""
MAX_DEPTH = 64

PathKey = tuple[Any, ...]

_TAG = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


_SURROGATE = re.compile("[\ud800-\udfff]")


class NumberTooLarge(ValueError):
    """A whole-number literal beyond :data:`MAX_SAFE_INTEGER`."""


def _whole(text: str, digits: str, base: int) -> int:
    # Bound the digits before converting: int() of thousands of decimal digits is slow and
    # fails past Python's int_max_str_digits.
    if len(digits.lstrip("0")) > {10: 16, 8: 18, 16: 14}[base]:
        raise NumberTooLarge(text)
    value = int(digits, base)
    if value > MAX_SAFE_INTEGER:
        raise NumberTooLarge(text)
    return value


class SourceMap(SourceMapLike):
    """Positions of values and keys, by their path in the document (keys and list indexes)."""

    __slots__ = ("keys", "values")

    def __init__(
        self,
        values: dict[PathKey, Position] | None = None,
        keys: dict[PathKey, Position] | None = None,
    ) -> None:
        self.values = {} if values is None else values
        self.keys = {} if keys is None else keys

    def position(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of the nearest enclosing value that has one."""
        path = tuple(path)
        while path:
            pos = self.values.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return self.values.get((), Position())

    def key_position(self, path: PathKey) -> Position:
        """Position of the mapping key that introduces ``path`` (falls back to the value)."""
        pos = self.keys.get(tuple(path))
        return pos if pos is not None else self.position(path)


class Document(NamedTuple):
    """A loaded YAML document: plain Python data plus where each value came from."""

    path: str
    data: Any
    source_map: SourceMap


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema. Raises
    :class:`NumberTooLarge` for a whole number beyond :data:`MAX_SAFE_INTEGER`."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        value = _whole(text, text.lstrip("+-"), 10)
        return -value if text.startswith("-") else value
    if _OCT.fullmatch(text):
        return _whole(text, text[2:], 8)
    if _HEX.fullmatch(text):
        return _whole(text, text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.fullmatch(text):
        return float("nan")
    return text


def _error(file: str, code: str, message: str, line: int, col: int, hint: str = "") -> CheckerError:
    return CheckerError([Diagnostic(code, message, file, line, col, hint=hint)])


# Byte order marks of other encodings, longest first (UTF-32 LE starts as UTF-16 LE does).
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(raw: bytes, file: str, max_bytes: int = MAX_BYTES) -> str:
    """Check size and encoding of a file's bytes and return its text."""
    if len(raw) > max_bytes:
        raise too_large(file, len(raw), max_bytes)
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is not None:
        raise _error(
            file,
            "PC105",
            f"file is {encoding}; only UTF-8 is accepted",
            1,
            1,
            "save the file as UTF-8",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise _error(
            file,
            "PC105",
            f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            line,
            col,
            "save the file as UTF-8",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _error(
            file,
            "PC106",
            "file is empty",
            1,
            1,
            "write the document, or start from `playbook-check init CHECKLIST`",
        )
    return text


def load_path(
    path: str | Path, *, display: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    """Read and load one YAML file; ``display`` is the name used in diagnostics. Special
    files (FIFOs, devices) are refused and at most ``max_bytes`` are read."""
    name = display if display is not None else str(path)
    raw = read_bounded(path, display=name, max_bytes=max_bytes, what="YAML file")
    return load_text(decode(raw, name, max_bytes), name)


def load_bytes(raw: bytes, file: str, max_bytes: int = MAX_BYTES) -> Document:
    """Load YAML from bytes (size and encoding checked)."""
    return load_text(decode(raw, file, max_bytes), file)


class _Builder:
    """Builds Python values from parser events with an explicit stack (no recursion)."""

    __slots__ = (
        "anchors",
        "count",
        "expanded",
        "file",
        "keys",
        "max_depth",
        "max_values",
        "values",
    )

    def __init__(self, file: str, max_values: int, max_depth: int) -> None:
        self.file = file
        self.max_values = max_values
        self.max_depth = max_depth
        self.count = 0  # every value so far (an anchored collection's size is a difference)
        self.expanded = 0  # values repeated by aliases: what the limit bounds
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.values: dict[PathKey, Position] = {}
        self.keys: dict[PathKey, Position] = {}

    def fail(self, code: str, message: str, mark: Any, hint: str = "") -> CheckerError:
        return _error(self.file, code, message, mark.line + 1, mark.column + 1, hint)

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        text = event.value
        try:
            return self._scalar(event, tag, text)
        except NumberTooLarge:
            raise self.fail(
                "PC112",
                f"the number {clip(text, 24)} is too large: whole numbers are limited to "
                f"±{MAX_SAFE_INTEGER:,}",
                event.start_mark,
                'quote it if it is text, e.g. "12345678901234567890"',
            ) from None

    def _scalar(self, event: Any, tag: str | None, text: str) -> Any:
        if tag is None:
            return resolve_plain(text) if event.implicit[0] else text
        if tag == "!":
            return text
        if not tag.startswith(_TAG):
            raise self.fail(
                "PC107",
                f"unsupported tag {tag!r}",
                event.start_mark,
                "remove the tag; only plain YAML values are accepted",
            )
        kind = tag[len(_TAG) :]
        if kind == "str":
            return text
        value: Any = resolve_plain(text)
        types: dict[str, type | tuple[type, ...]] = {
            "int": int,
            "float": (float, int),
            "bool": bool,
            "null": type(None),
        }
        expected = types.get(kind)
        if expected is None:
            raise self.fail(
                "PC107",
                f"unsupported tag {tag!r}",
                event.start_mark,
                "remove the tag; only plain YAML values are accepted",
            )
        if (isinstance(value, bool) and kind != "bool") or not isinstance(value, expected):
            raise self.fail("PC107", f"{text!r} is not a valid !!{kind}", event.start_mark)
        return float(cast(float, value)) if kind == "float" else value

    def add_count(self, n: int, mark: Any, *, alias: bool = False) -> None:
        """Count ``n`` values; those an alias repeats are bounded by ``max_values`` (values
        written out are bounded by the file's size, however many there are)."""
        self.count += n
        if alias:
            self.expanded += n
            if self.expanded > self.max_values:
                raise self.fail(
                    "PC104",
                    f"aliases repeat more than {self.max_values:,} values",
                    mark,
                    "an alias bomb? write the values out, or repeat fewer with aliases (*name)",
                )


def load_text(
    text: str, file: str = "<string>", *, max_values: int = MAX_VALUES, max_depth: int = MAX_DEPTH
) -> Document:
    """Load one YAML document from text, keeping positions. Raises :class:`CheckerError`."""
    b = _Builder(file, max_values, max_depth)
    # Stack entries: [container, path, pending_key, key_mark, start_count, anchor]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    loader: Any = None
    try:
        loader = _Loader(text)
        while True:
            event: Any = loader.get_event()
            if event is None:
                break
            etype = type(event)
            if etype is yaml.ScalarEvent or etype is yaml.AliasEvent:
                if etype is yaml.AliasEvent:
                    anchored = b.anchors.get(event.anchor)
                    if anchored is None:  # libyaml reports this itself; be defensive
                        raise b.fail("PC101", f"unknown alias *{event.anchor}", event.start_mark)
                    value, size = anchored
                    b.add_count(size, event.start_mark, alias=True)
                    is_scalar = not isinstance(value, (dict, list))
                else:
                    b.add_count(1, event.start_mark)
                    value = None
                    is_scalar = True
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    # A mapping key.
                    top = stack[-1]
                    if etype is yaml.AliasEvent or not is_scalar:
                        raise b.fail(
                            "PC110",
                            "mapping keys must be plain text",
                            event.start_mark,
                            "write the key as text, not an alias or a collection",
                        )
                    key = event.value
                    if key in top[0]:
                        first = b.keys.get((*top[1], key))
                        where = f" (first defined at line {first.line})" if first else ""
                        raise b.fail(
                            "PC102",
                            f"duplicate key {key!r}{where}",
                            event.start_mark,
                            "remove or rename one of the two entries",
                        )
                    top[2] = key
                    top[3] = event.start_mark
                    continue
                if etype is yaml.ScalarEvent:
                    value = b.scalar(event)
                    if event.anchor:
                        b.anchors[event.anchor] = (value, 1)
                path = _attach(stack, b, value, event.start_mark)
                if stack is not None and not stack:
                    root = value
                    documents += 1
                del path
            elif etype is yaml.MappingStartEvent or etype is yaml.SequenceStartEvent:
                b.add_count(1, event.start_mark)
                if stack and type(stack[-1][0]) is dict and stack[-1][2] is None:
                    raise b.fail(
                        "PC110",
                        "mapping keys must be plain text",
                        event.start_mark,
                        "write the key as text, not an alias or a collection",
                    )
                if len(stack) >= b.max_depth:
                    raise b.fail(
                        "PC108",
                        f"nested more than {b.max_depth} levels deep",
                        event.start_mark,
                        "flatten the structure",
                    )
                tag = event.tag
                expected = "map" if etype is yaml.MappingStartEvent else "seq"
                if tag is not None and tag != "!" and tag != _TAG + expected:
                    raise b.fail(
                        "PC107",
                        f"unsupported tag {tag!r}",
                        event.start_mark,
                        "remove the tag; only plain YAML values are accepted",
                    )
                container: Any = {} if etype is yaml.MappingStartEvent else []
                path = _attach(stack, b, container, event.start_mark)
                stack.append([container, path, None, None, b.count, event.anchor])
            elif etype is yaml.MappingEndEvent or etype is yaml.SequenceEndEvent:
                container, _path, _k, _m, start, anchor = stack.pop()
                if anchor:
                    b.anchors[anchor] = (container, b.count - start + 1)
                if not stack:
                    root = container
                    documents += 1
            elif etype is yaml.DocumentStartEvent and documents >= 1:
                raise b.fail(
                    "PC109",
                    "more than one YAML document in the file",
                    event.start_mark,
                    "keep one document per file (remove '---')",
                )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = ""
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            hint = "indent with spaces; YAML does not allow tabs"
        if "found duplicate anchor" in problem:
            hint = "give each anchor (&name) a unique name"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = f"invalid YAML: {problem}"
        if "nesting depth" in problem:
            raise _error(
                file, "PC108", f"nested too deep ({problem})", line, col, "flatten the structure"
            ) from None
        if not hint:
            hint = "check the indentation, quotes and brackets on this line and the one before"
        raise _error(file, "PC101", msg, line, col, hint) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise _error(
            file,
            "PC101",
            f"invalid YAML: control character U+{ord(char):04X} is not allowed",
            line,
            col,
            'write it as an escape in a double-quoted string, e.g. "\\u0007"',
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise _error(file, "PC101", f"invalid YAML: {exc}", 1, 1) from None
    except UnicodeError:  # text (not from a file) holding a lone surrogate
        match = _SURROGATE.search(text)
        offset = match.start() if match else 0
        before = text[:offset]
        raise _error(
            file,
            "PC101",
            "invalid YAML: a lone surrogate (U+D800 to U+DFFF) is not a character",
            before.count("\n") + 1,
            offset - (before.rfind("\n") + 1) + 1,
            "save the text as UTF-8",
        ) from None
    except RecursionError:  # pragma: no cover - the builder does not recurse
        raise _error(file, "PC108", "nested too deep", 1, 1) from None
    finally:
        dispose = getattr(loader, "dispose", None) if loader is not None else None
        if dispose is not None:
            dispose()
    if documents == 0:
        raise _error(file, "PC106", "file is empty", 1, 1)
    return Document(file, root, SourceMap(b.values, b.keys))


def _attach(stack: list[list[Any]], b: _Builder, value: Any, mark: Any) -> PathKey:
    """Put ``value`` into the container on top of the stack; record and return its path."""
    pos = Position(mark.line + 1, mark.column + 1)
    if not stack:
        b.values[()] = pos
        return ()
    top = stack[-1]
    container = top[0]
    if type(container) is dict:
        key = top[2]
        path = (*top[1], key)
        container[key] = value
        key_mark = top[3]
        b.keys[path] = Position(key_mark.line + 1, key_mark.column + 1)
        top[2] = None
    else:
        path = (*top[1], len(container))
        container.append(value)
    b.values[path] = pos
    return path


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' when out of range."""
    lines = text.split("\n", line + 1)
    if line >= len(lines) or column >= len(lines[line]):
        return ""
    return lines[line][column]
