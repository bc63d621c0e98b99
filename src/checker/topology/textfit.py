"""Text in the drawing: made printable and escaped, measured and wrapped (never cut).

Widths are estimates from a table of advances measured in headless Chromium for DejaVu Sans,
the wide sans-serif ``system-ui`` falls back to on Linux (Segoe UI, San Francisco and Roboto
are narrower), plus a margin; East Asian wide characters and emoji count 1.3 em, other
characters outside ASCII 0.75 em. Layout wraps with the same estimate it measures by, and the
browser tests measure the real rendering.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape, quoteattr

from checker.textsafe import neutralise

MARGIN = 1.04  # on top of the measured advances
#: Advances of the printable ASCII characters (space to ~), in hundredths of an em.
ADVANCE = (
    32,
    40,
    46,
    84,
    64,
    95,
    78,
    27,
    39,
    39,
    50,
    84,
    32,
    36,
    32,
    34,
    64,
    64,
    64,
    64,
    64,
    64,
    64,
    64,
    64,
    64,
    34,
    34,
    84,
    84,
    84,
    53,
    100,
    71,
    69,
    70,
    77,
    63,
    58,
    77,
    75,
    29,
    29,
    66,
    56,
    86,
    75,
    79,
    60,
    79,
    69,
    63,
    60,
    73,
    68,
    99,
    69,
    61,
    69,
    39,
    34,
    39,
    84,
    50,
    50,
    61,
    63,
    55,
    63,
    62,
    34,
    63,
    63,
    28,
    28,
    58,
    28,
    97,
    63,
    61,
    63,
    63,
    40,
    52,
    39,
    63,
    59,
    82,
    59,
    59,
    52,
    64,
    34,
    64,
    84,
)
ADVANCE_BOLD = (
    35,
    46,
    52,
    84,
    70,
    100,
    87,
    31,
    46,
    46,
    52,
    84,
    38,
    42,
    38,
    37,
    70,
    70,
    70,
    70,
    70,
    70,
    70,
    70,
    70,
    70,
    40,
    40,
    84,
    84,
    84,
    58,
    100,
    77,
    76,
    73,
    83,
    68,
    68,
    82,
    84,
    37,
    37,
    77,
    64,
    100,
    84,
    85,
    73,
    85,
    77,
    68,
    70,
    81,
    77,
    110,
    77,
    72,
    73,
    46,
    37,
    46,
    84,
    50,
    50,
    67,
    72,
    59,
    72,
    68,
    41,
    72,
    71,
    34,
    34,
    67,
    34,
    104,
    71,
    69,
    72,
    72,
    49,
    60,
    48,
    71,
    65,
    92,
    65,
    65,
    58,
    71,
    37,
    71,
    84,
)


def text(value: str) -> str:
    """Text content: printable (control and bidi characters shown as escapes), XML-escaped."""
    return escape(neutralise(value))


def attr(value: str) -> str:
    """A quoted XML attribute value, printable and escaped."""
    return quoteattr(neutralise(value))


def _em(char: str, bold: bool) -> float:
    """A generous estimate of a glyph's advance, as a share of the font size."""
    code = ord(char)
    if 32 <= code < 127:
        return (ADVANCE_BOLD if bold else ADVANCE)[code - 32] / 100 * MARGIN
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.3
    return 0.85 if bold else 0.75


_ASCII = {chr(32 + i): v / 100 * MARGIN for i, v in enumerate(ADVANCE)}
_ASCII_BOLD = {chr(32 + i): v / 100 * MARGIN for i, v in enumerate(ADVANCE_BOLD)}


def measure(value: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of ``value`` at font ``size``."""
    table = _ASCII_BOLD if bold else _ASCII
    try:  # the common case: printable ASCII, one lookup a character
        return sum(map(table.__getitem__, value)) * size
    except KeyError:
        return sum(_em(c, bold) for c in value) * size


def _break_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word wider than ``width``, in pieces that fit (at least one character each)."""
    pieces, piece, used = [], "", 0.0
    for char in word:
        w = _em(char, bold) * size
        if piece and used + w > width:
            pieces.append(piece)
            piece, used = "", 0.0
        piece += char
        used += w
    if piece:
        pieces.append(piece)
    return pieces


def wrap(value: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``value`` (made printable) in lines no wider than ``width`` at font ``size``: broken at
    spaces, a word too long for a line broken between characters. Every character is kept."""
    value = neutralise(value)
    if measure(value, size, bold=bold) <= width:
        return [value]
    lines: list[str] = []
    line = ""
    for word in value.split(" "):
        candidate = f"{line} {word}" if line else word
        if measure(candidate, size, bold=bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        if measure(word, size, bold=bold) <= width:
            line = word
        else:
            *whole, line = _break_word(word, width, size, bold) or [""]
            lines += whole
    lines.append(line)
    return lines
