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


class _Open:
    """A collection being built: its value and path, the mapping key waiting for its value, and
    what its anchor needs (the value count when it opened)."""

    __slots__ = ("anchor", "key", "key_mark", "path", "start", "value")

    def __init__(self, value: Any, path: PathKey, start: int, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.start = start
        self.anchor = anchor
        self.key: str | None = None
        self.key_mark: Any = None


class _Builder:
    """Builds Python values from parser events with an explicit stack (no recursion), one
    method per kind of event, recording the position of every value and key."""

    __slots__ = (
        "anchors",
        "count",
        "documents",
        "expanded",
        "file",
        "keys",
        "max_depth",
        "max_values",
        "root",
        "stack",
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
        self.stack: list[_Open] = []
        self.root: Any = None
        self.documents = 0

    def fail(self, code: str, message: str, mark: Any, hint: str = "") -> CheckerError:
        return _error(self.file, code, message, mark.line + 1, mark.column + 1, hint)

    def _unsupported_tag(self, tag: str, mark: Any) -> CheckerError:
        return self.fail(
            "PC107",
            f"unsupported tag {tag!r}",
            mark,
            "remove the tag; only plain YAML values are accepted",
        )

    def _key_not_text(self, mark: Any) -> CheckerError:
        return self.fail(
            "PC110",
            "mapping keys must be plain text",
            mark,
            "write the key as text, not an alias or a collection",
        )

    # --- the events ---------------------------------------------------------------------------

    def on_scalar(self, event: Any) -> None:
        """A scalar: a mapping's next key, or a value."""
        self.add_count(1, event.start_mark)
        stack = self.stack
        if stack and stack[-1].key is None and type(stack[-1].value) is dict:
            self._take_key(stack[-1], event)
            return
        value = self.scalar(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._leaf(value, event.start_mark)

    def on_alias(self, event: Any) -> None:
        """An alias: its anchor's value again, counted against ``max_values``; never a key."""
        anchored = self.anchors.get(event.anchor)
        if anchored is None:  # libyaml reports this itself; be defensive
            raise self.fail("PC101", f"unknown alias *{event.anchor}", event.start_mark)
        value, size = anchored
        self.add_count(size, event.start_mark, alias=True)
        stack = self.stack
        if stack and stack[-1].key is None and type(stack[-1].value) is dict:
            raise self._key_not_text(event.start_mark)
        self._leaf(value, event.start_mark)

    def on_start(self, event: Any, mapping: bool) -> None:
        """The start of a mapping or a sequence: bounded in depth, never a key."""
        self.add_count(1, event.start_mark)
        stack = self.stack
        if stack and stack[-1].key is None and type(stack[-1].value) is dict:
            raise self._key_not_text(event.start_mark)
        if len(stack) >= self.max_depth:
            raise self.fail(
                "PC108",
                f"nested more than {self.max_depth} levels deep",
                event.start_mark,
                "flatten the structure",
            )
        tag = event.tag
        if tag is not None and tag != "!" and tag != _TAG + ("map" if mapping else "seq"):
            raise self._unsupported_tag(tag, event.start_mark)
        container: Any = {} if mapping else []
        path = self._attach(container, event.start_mark)
        stack.append(_Open(container, path, self.count, event.anchor))

    def on_end(self) -> None:
        """The end of a mapping or a sequence: its anchor now names all of it."""
        top = self.stack.pop()
        if top.anchor:
            self.anchors[top.anchor] = (top.value, self.count - top.start + 1)
        if not self.stack:
            self.root = top.value
            self.documents += 1

    def on_document(self, event: Any) -> None:
        """The start of a document: only one per file."""
        if self.documents >= 1:
            raise self.fail(
                "PC109",
                "more than one YAML document in the file",
                event.start_mark,
                "keep one document per file (remove '---')",
            )

    # --- keys, values and positions -------------------------------------------------------------

    def _take_key(self, top: _Open, event: Any) -> None:
        """Hold a mapping's key until its value arrives; a key it already has is refused."""
        key = event.value
        if key in top.value:
            first = self.keys.get((*top.path, key))
            where = f" (first defined at line {first.line})" if first else ""
            raise self.fail(
                "PC102",
                f"duplicate key {key!r}{where}",
                event.start_mark,
                "remove or rename one of the two entries",
            )
        top.key = key
        top.key_mark = event.start_mark

    def _leaf(self, value: Any, mark: Any) -> None:
        """Attach a scalar or an alias's value; alone, it is the whole document."""
        self._attach(value, mark)
        if not self.stack:
            self.root = value
            self.documents += 1

    def _attach(self, value: Any, mark: Any) -> PathKey:
        """Put ``value`` into the open collection (under its pending key, or at the end of the
        list); record and return its path."""
        pos = Position(mark.line + 1, mark.column + 1)
        if not self.stack:
            self.values[()] = pos
            return ()
        top = self.stack[-1]
        container = top.value
        if type(container) is dict:
            key = top.key
            path = (*top.path, key)
            container[key] = value
            key_mark = top.key_mark
            self.keys[path] = Position(key_mark.line + 1, key_mark.column + 1)
            top.key = None
        else:
            path = (*top.path, len(container))
            container.append(value)
        self.values[path] = pos
        return path

    def scalar(self, event: Any) -> Any:
        """A scalar's value by the core schema and its tag; a number too large is refused."""
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
            raise self._unsupported_tag(tag, event.start_mark)
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
            raise self._unsupported_tag(tag, event.start_mark)
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
    loader: Any = None
    try:
        loader = _Loader(text)
        _build(loader, b)
    except (yaml.YAMLError, UnicodeError, RecursionError) as exc:
        raise _parse_error(exc, text, file) from None
    finally:
        dispose = getattr(loader, "dispose", None) if loader is not None else None
        if dispose is not None:
            dispose()
    if b.documents == 0:
        raise _error(file, "PC106", "file is empty", 1, 1)
    return Document(file, b.root, SourceMap(b.values, b.keys))


def _build(loader: Any, b: _Builder) -> None:
    """Feed the parser's events to the builder, in order, until the stream ends."""
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    while (event := loader.get_event()) is not None:
        etype = type(event)
        if etype is scalar:
            b.on_scalar(event)
        elif etype is mapping_start or etype is sequence_start:
            b.on_start(event, etype is mapping_start)
        elif etype is mapping_end or etype is sequence_end:
            b.on_end()
        elif etype is alias:
            b.on_alias(event)
        elif etype is yaml.DocumentStartEvent:
            b.on_document(event)


# --- the parser's errors, as diagnostics ----------------------------------------------------------


def _parse_error(exc: BaseException, text: str, file: str) -> CheckerError:
    """The diagnostic for an error the YAML parser raised while reading ``text``."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return _marked_error(exc, text, file)
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(exc, text, file)
    if isinstance(exc, yaml.YAMLError):  # pragma: no cover - unmarked errors are rare
        return _error(file, "PC101", f"invalid YAML: {exc}", 1, 1)
    if isinstance(exc, UnicodeError):  # text (not from a file) holding a lone surrogate
        return _surrogate_error(text, file)
    return _error(file, "PC108", "nested too deep", 1, 1)  # pragma: no cover - no recursion


def _marked_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> CheckerError:
    """A syntax error at a position: what to do about a tab, a duplicate anchor or nesting."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "nesting depth" in problem:
        return _error(
            file, "PC108", f"nested too deep ({problem})", line, col, "flatten the structure"
        )
    if "found duplicate anchor" in problem:
        hint = "give each anchor (&name) a unique name"
    elif mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        hint = "indent with spaces; YAML does not allow tabs"
    else:
        hint = "check the indentation, quotes and brackets on this line and the one before"
    return _error(file, "PC101", f"invalid YAML: {problem}", line, col, hint)


def _reader_error(exc: yaml.reader.ReaderError, text: str, file: str) -> CheckerError:
    """A character YAML does not allow, at its line and column."""
    before = text[: exc.position]
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return _error(
        file,
        "PC101",
        f"invalid YAML: control character U+{ord(char):04X} is not allowed",
        before.count("\n") + 1,
        exc.position - (before.rfind("\n") + 1) + 1,
        'write it as an escape in a double-quoted string, e.g. "\\u0007"',
    )


def _surrogate_error(text: str, file: str) -> CheckerError:
    """A lone surrogate in text that did not come from a file, at its line and column."""
    match = _SURROGATE.search(text)
    offset = match.start() if match else 0
    before = text[:offset]
    return _error(
        file,
        "PC101",
        "invalid YAML: a lone surrogate (U+D800 to U+DFFF) is not a character",
        before.count("\n") + 1,
        offset - (before.rfind("\n") + 1) + 1,
        "save the text as UTF-8",
    )


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column, or '' when out of range."""
    lines = text.split("\n", line + 1)
    if line >= len(lines) or column >= len(lines[line]):
        return ""
    return lines[line][column]
