"""Constants shared by every stage: one home for each, so copies cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = PACKAGE_DIR / "schemas"
BUNDLED_CHECKLISTS = PACKAGE_DIR / "checklists"
ARCHIVE = "archive"
"""The folder, beside a checklist, that keeps the last release of each earlier major version
verbatim as ``<id>@<major>.yaml``; discovery never looks inside it."""
STATIC_DIR = PACKAGE_DIR / "sphinx" / "static"

MAX_BYTES = 1024 * 1024
"""Largest input file read by default (``--max-bytes``)."""

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
ID_RE = re.compile(ID_PATTERN)
"""Checklist, section, question, choice, finding and pitfall ids: kebab-case."""

RISKS = ("high", "medium", "low")
"""Finding risk levels, most severe first."""
FAIL_ON_LEVELS = (*RISKS, "none")

YES_NO = {"yes": True, "true": True, "no": False, "false": False}
"""Spellings of a yes-no answer (compared lower-case) and their values."""

FORMATS = ("text", "json", "markdown", "junit", "sarif", "github", "gitlab")
"""Report formats, in the order the CLI lists them."""

MAX_REPORT_BYTES = 256 * 1024 * 1024
"""Largest JSON report read back (``--baseline``, ``diff``); 10,000 files make about 50 MB."""

MAX_SAFE_INTEGER = 2**53 - 1
"""Whole numbers beyond this lose precision as 64-bit floats (the browser form's numbers)."""

MAX_CHECKLIST_NUMBER = 10**9
"""Weights, points, bounds and condition values stay within this (sums cannot overflow)."""

MAX_ECHO = 200
"""At most this many characters of a user's value are quoted in a message."""

MAX_MESSAGE = 600
"""A diagnostic's message or hint is clipped to this many characters."""

MAX_DIAGNOSTICS = 100
"""At most this many diagnostics are kept for one file; one more says how many were left out."""

DEPRECATION_WINDOW = 2
"""Answers for a major version at most this many majors behind the newest are checked against
its archived release, with a warning (PC420) that names the upgrade; older ones are refused
(PC402). ``playbook-check upgrade`` works from any version the migrations reach."""
