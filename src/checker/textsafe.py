"""Text that is safe to show: one neutralising function for every human-readable output.

Team names, notes keys, titles and file names can carry terminal escapes (ANSI CSI, OSC that
sets the window title), C1 controls, bidi overrides, zero-width characters, line and paragraph
separators, newlines or lone surrogates. :func:`neutralise` turns each of those characters into
a visible ``\\uXXXX`` escape, so the text reaches a terminal, a CI log, Markdown or XML as
inert, printable text. The machine-readable formats keep the exact data: :func:`json_safe`
only rewrites those characters as JSON escapes, which parse back to the same strings.
"""

from __future__ import annotations

import json
import re
import reprlib
from functools import cache
from typing import Any, TypeVar, cast

from checker.constants import MAX_ECHO, MAX_MESSAGE

_T = TypeVar("_T")

# Unicode categories Cc, Cf, Zl, Zp and Cs (checked against unicodedata by the tests), a few
# format characters newer Unicode versions add, and U+FFFE/U+FFFF (not allowed in XML).
_OTHER_UNSAFE = (
    "\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)


@cache
def unsafe(multiline: bool = False) -> re.Pattern[str]:
    """A pattern matching one unsafe character (except ``\\n`` when ``multiline``); compiled
    on first use, since printable text (the common case) never needs it."""
    c0 = "\x00-\x09\x0b-\x1f" if multiline else "\x00-\x1f"
    return re.compile(f"[{c0}{_OTHER_UNSAFE}]")


# What json.dumps writes for the C0 controls it escapes (a literal backslash before one of
# these letters also matches; that only costs the slow path).
_JSON_ESCAPE = re.compile(r"\\[bfnrtu]")
INVISIBLE = "\u180e\u200b-\u200d\u2060\ufeff"
"""Characters (a regex class's body) that show nothing although they are not whitespace."""
_BLANK = re.compile(rf"[\s{INVISIBLE}]*")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def neutralise(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control, format, separator and surrogate character shown as a
    ``\\uXXXX`` escape. With ``multiline``, ``\\n`` line breaks are kept (nothing else is)."""
    text = str(text)
    if _printable(text, multiline):  # the common case, at C speed
        return text
    return unsafe(multiline).sub(_escape, text)


def _printable(text: str, multiline: bool) -> bool:
    """True when ``text`` (split at line breaks if ``multiline``) is all printable, so holds no
    unsafe character (every unsafe character is non-printable for ``str.isprintable``)."""
    if not multiline:
        return text.isprintable()
    return all(line.isprintable() for line in text.split("\n"))


def neutralise_data(value: _T) -> _T:
    """JSON-like data with every string (keys too) passed through :func:`neutralise`: the value
    itself when no string needs it (checked at C speed), else a neutralised copy (of the same
    shape, so of the same type)."""
    try:
        dumped = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return cast(_T, _neutralise_copy(value))
    if dumped.isprintable() and _JSON_ESCAPE.search(dumped) is None:
        return value
    return cast(_T, _neutralise_copy(value))


def _neutralise_copy(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dict):
        return {neutralise(k): _neutralise_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_neutralise_copy(v) for v in value]
    return value


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps``) with unsafe characters inside strings as JSON escapes.

    ``json.dumps`` already escapes C0 controls, so the line breaks of the indented layout are
    the only unsafe characters outside strings and stay as they are."""
    if _printable(text, multiline=True):
        return text
    return unsafe(multiline=True).sub(_json_escape, text)


def is_blank(text: str) -> bool:
    """Whether ``text`` holds nothing visible (only whitespace and zero-width characters)."""
    return _BLANK.fullmatch(text) is not None


def clip(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    more = len(text) - limit
    return f"{text[:limit]}… ({more:,} more character{'' if more == 1 else 's'} left out)"


_REPR = reprlib.Repr()
_REPR.maxstring = MAX_ECHO
_REPR.maxother = MAX_ECHO
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 8
_REPR.maxlevel = 3


def brief(value: Any) -> str:
    """A bounded ``repr`` of a user's value for a message (long strings and lists elided).

    Integers are shown by their size past a few hundred digits (``repr`` of a huge integer
    costs quadratic time and fails past Python's digit limit)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 640:
        return f"<a whole number of about {int(value.bit_length() * 0.30103):,} digits>"
    return _REPR.repr(value)
