"""Constants shared by every stage: one home for each, so copies cannot drift apart."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = PACKAGE_DIR / "schemas"
BUNDLED_CHECKLISTS = PACKAGE_DIR / "checklists"
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

FORMATS = ("text", "json", "markdown", "junit", "sarif", "github")
"""Report formats, in the order the CLI lists them."""
