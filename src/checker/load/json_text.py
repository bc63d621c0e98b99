"""Strict JSON (RFC 8259) with the position of every value, as machine-written documents need.

:func:`parse` refuses what Python's ``json`` module accepts but JSON (or its consumers) does
not: ``NaN`` and ``Infinity``, numbers that overflow to infinity (``1e400``), whole numbers
beyond 2⁵³ - 1 (the browser's exact range), duplicate keys, and escaped unpaired surrogates
(not Unicode: they cannot be written out again). Each problem is a :class:`JsonProblem` at
its offset in the text.

:class:`JsonMap` finds where a value is (a path of keys and indexes) only when first asked:
parsing stays at the C decoder's speed, and only a document with a problem is scanned.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterator
from typing import Any

from checker.constants import MAX_SAFE_INTEGER
from checker.diagnostics import Position, SourceMapLike

# One token after optional JSON whitespace: a string, a punctuation mark, or a bare word
# (number, true, false, null, or something that is not JSON).
_TOKEN = re.compile(r'[ \t\n\r]*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))')
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONSTANTS = {"NaN", "Infinity", "-Infinity"}

PathKey = tuple[object, ...]


class JsonProblem(ValueError):
    """Text that is not strict JSON: what is wrong, and at which character offset."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _Found(Exception):
    """Raised by a parse hook; the scan then finds where."""


def _constant(name: str) -> Any:
    raise _Found(name)


def _int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > 16 or int(digits) > MAX_SAFE_INTEGER:
        raise _Found(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Found(text)
    return value


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Found("duplicate key")
    return out


def parse(text: str) -> Any:
    """The JSON value in ``text``. Raises :class:`JsonProblem` for anything but strict JSON,
    and ``RecursionError`` when nested deeper than the decoder can go."""
    try:
        data = json.loads(
            text,
            parse_constant=_constant,
            parse_int=_int,
            parse_float=_float,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as exc:
        raise JsonProblem(exc.msg, exc.pos) from None
    except (_Found, ValueError):
        raise first_problem(text) from None
    if _SURROGATE_ESCAPE.search(text) and _has_surrogate(data):
        raise first_problem(text) from None
    return data


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def number_problem(token: str) -> str | None:
    """Why a bare JSON token is refused as a number (``None``: it is fine)."""
    if token in _CONSTANTS:
        return f"{token} is not a JSON number"
    try:
        _int(token) if token.lstrip("-").isdigit() else _float(token)
    except _Found:
        return f"the number {token[:40]}{'…' if len(token) > 40 else ''} is out of range"
    except ValueError:
        pass  # not a number at all: the decoder says what it is
    return None


def first_problem(text: str) -> JsonProblem:
    """The first thing in ``text`` (which the decoder otherwise reads) that strict JSON refuses."""
    keys: list[set[str]] = []
    for kind, _path, offset, token in walk(text, keys):
        if kind in ("key", "string") and _SURROGATE.search(token):
            return JsonProblem(
                "an escaped unpaired surrogate (\\ud800-\\udfff) is not text", offset
            )
        if kind == "key":
            if token in keys[-1]:
                return JsonProblem(f"duplicate key {json.dumps(token)[:80]}", offset)
            keys[-1].add(token)
        elif kind == "bare":
            why = number_problem(token)
            if why is not None:
                return JsonProblem(why, offset)
    return JsonProblem("not strict JSON", 0)


def walk(text: str, keys: list[set[str]] | None = None) -> Iterator[tuple[str, PathKey, int, Any]]:
    """Every key and value of the JSON ``text`` in order: (kind, path, offset, token), where
    kind is ``key`` (token: the key), ``open`` (``{`` or ``[``), ``string`` (the decoded
    string) or ``bare`` (a number or constant, as written). ``keys`` (optional) gets one empty
    set pushed per object, popped at its end."""
    # A frame per open container: [path, is_object, current key or index, expecting a key]
    stack: list[list[Any]] = []
    for match in _TOKEN.finditer(text):
        string, punct, bare = match.groups()
        offset = match.start(match.lastindex or 0)
        top = stack[-1] if stack else None
        if punct == ",":
            if top is not None:
                if top[1]:
                    top[3] = True
                else:
                    top[2] += 1
            continue
        if punct == ":":
            if top is not None:
                top[3] = False
            continue
        if punct in ("}", "]"):
            if stack and stack.pop()[1] and keys is not None:
                keys.pop()
            continue
        if top is not None and top[1] and top[3] and string is not None:
            key = json.loads(string)
            top[2] = key
            yield "key", (*top[0], key), offset, key
            continue
        path: PathKey = () if top is None else (*top[0], top[2])
        if punct is not None:  # { or [
            yield "open", path, offset, punct
            stack.append([path, punct == "{", 0, punct == "{"])
            if punct == "{" and keys is not None:
                keys.append(set())
        elif string is not None:
            try:
                decoded = json.loads(string)
            except ValueError:
                decoded = string
            yield "string", path, offset, decoded
        else:
            yield "bare", path, offset, bare


class JsonMap(SourceMapLike):
    """Positions of the values and keys of a JSON text, by path; scanned on first use."""

    __slots__ = ("_keys", "_lines", "_text", "_values")

    def __init__(self, text: str) -> None:
        self._text = text
        self._values: dict[PathKey, int] | None = None
        self._keys: dict[PathKey, int] = {}
        self._lines: list[int] | None = None

    def _scan(self) -> dict[PathKey, int]:
        if self._values is None:
            values: dict[PathKey, int] = {}
            for kind, path, offset, _token in walk(self._text):
                if kind == "key":
                    self._keys[path] = offset
                else:
                    values[path] = offset
            self._values = values
        return self._values

    def at(self, offset: int) -> Position:
        """The line and column (1-based, in characters) of ``offset``."""
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_left(self._lines, offset)
        start = self._lines[line - 1] + 1 if line else 0
        return Position(line + 1, offset - start + 1)

    def position(self, path: PathKey) -> Position:
        values = self._scan()
        path = tuple(path)
        while path and path not in values:
            path = path[:-1]
        return self.at(values.get(path, 0))

    def key_position(self, path: PathKey) -> Position:
        self._scan()
        offset = self._keys.get(tuple(path))
        return self.position(path) if offset is None else self.at(offset)
