"""Colour for terminal output: on for a terminal, off in pipes and files.

``--color always|never|auto`` decides first; with ``auto`` (the default) ``NO_COLOR`` (any
non-empty value) turns colour off, then ``FORCE_COLOR`` (any non-empty value) turns it on,
then colour is used when the stream is a terminal and ``TERM`` is not ``dumb``
(https://no-color.org, https://force-color.org). Only our own labels are coloured: the text a
team wrote is already made safe by the report formats and is never wrapped in escapes.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

CHOICES = ("auto", "always", "never")

_STYLE = {
    "error": "1;31",
    "high": "1;31",
    "warning": "1;33",
    "medium": "33",
    "low": "36",
    "hint": "32",
    "advice": "32",
}

# A label after a line's first position (``file:1:2: error:``), or at the start of an indented
# line. Nothing before the position may hold ": ": a line that starts with a file name and then
# team text (``file.yaml: x:1:2: error: spoofed — ...``) is the team's text, not our label.
_LABEL = re.compile(
    r"(?P<pre>^(?:(?!: )[^\n])*?:\d+:\d+: |^playbook-check: )"
    r"(?P<label>error|warning|high|medium|low)"
    r"(?=: )|^(?P<indent>  )(?P<sub>hint|advice)(?=: )",
    re.M,
)


def use_color(choice: str, stream: TextIO) -> bool:
    """Whether to colour output written to ``stream``."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def paint(text: str) -> str:
    """Colour the severity and risk labels and the hint/advice labels in report text."""

    def sub(m: re.Match[str]) -> str:
        if m.group("sub"):
            return f"{m.group('indent')}\x1b[{_STYLE[m.group('sub')]}m{m.group('sub')}\x1b[0m"
        label = m.group("label")
        return f"{m.group('pre')}\x1b[{_STYLE[label]}m{label}\x1b[0m"

    return _LABEL.sub(sub, text)
