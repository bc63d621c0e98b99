"""Configuration from ``[tool.playbook-check]`` in the nearest ``pyproject.toml``.

Looked up from the working directory upwards (as ruff and pytest do). Paths in it are relative
to the folder of that ``pyproject.toml``. Command-line options override it; lists given on the
command line replace the configured ones.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from checker.constants import FAIL_ON_LEVELS, MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic
from checker.records import Record
from checker.suggest import did_you_mean

SECTION = "tool.playbook-check"

KEYS: dict[str, str] = {
    "files": "answers files or directories to check when none are given",
    "exclude": "glob patterns of paths never checked when a directory is searched",
    "fail-on": "lowest open-finding risk that fails the run: high, medium, low or none",
    "checklists": "directories of checklists, searched before the bundled ones",
    "baseline": "a JSON report to ratchet against",
    "site-url": "address of the published playbook, for links to pitfall pages in reports",
    "topology": "topology files `playbook-check topology check` checks when none are given",
    "topology-baseline": "a JSON report of `topology check` to ratchet the topology against",
}
"""Every configuration key and what it sets (shown in ``--help`` and in docs/reference/cli.md)."""


class Config(Record):
    """Settings read from ``pyproject.toml`` (empty when there is none)."""

    __slots__ = (
        "baseline",
        "checklists",
        "exclude",
        "fail_on",
        "files",
        "path",
        "site_url",
        "topology",
        "topology_baseline",
    )

    def __init__(
        self,
        path: Path | None = None,
        files: list[str] | None = None,
        exclude: list[str] | None = None,
        fail_on: str | None = None,
        checklists: list[str] | None = None,
        baseline: str | None = None,
        site_url: str | None = None,
        topology: list[str] | None = None,
        topology_baseline: str | None = None,
    ) -> None:
        self.path = path
        self.files = files or []
        self.exclude = exclude or []
        self.fail_on = fail_on
        self.checklists = checklists or []
        self.baseline = baseline
        self.site_url = site_url
        self.topology = topology or []
        self.topology_baseline = topology_baseline


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """The ``[tool.playbook-check]`` settings that apply in ``start`` (default: the working
    directory). Raises :class:`CheckerError` (PC001) for a broken section."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    text = _safe_read(path)
    if "playbook-check" not in text:
        return Config()  # not ours: no need to parse TOML (keeps start-up fast)
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if f"[{SECTION}]" not in text:
            return Config()  # not ours to judge
        raise CheckerError(
            [Diagnostic("PC001", f"cannot read pyproject.toml: {exc}", str(path))]
        ) from None
    section = data.get("tool", {}).get("playbook-check")
    if section is None:
        return Config()
    return _parse(section, path, text)


def _safe_read(path: Path) -> str:
    """The file's text, at most :data:`MAX_BYTES` of it ('' when unreadable)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _parse(section: Any, path: Path, text: str) -> Config:
    def fail(key: str, message: str, hint: str = "") -> CheckerError:
        return CheckerError(
            [
                Diagnostic(
                    "PC001",
                    f"[{SECTION}] {message}",
                    str(path),
                    _line_of(text, key),
                    1,
                    hint=hint or "see `playbook-check --help` for the configuration keys",
                )
            ]
        )

    if not isinstance(section, dict):
        raise fail("", f"{SECTION} must be a table")
    for key in section:
        if key not in KEYS:
            raise fail(key, f"unknown key {key!r}", did_you_mean(key, KEYS))

    def strings(key: str) -> list[str]:
        value = section.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(key, f"{key} should be a list of strings")
        return list(value)

    def string(key: str) -> str | None:
        value = section.get(key)
        if value is not None and not isinstance(value, str):
            raise fail(key, f"{key} should be a string")
        return value

    fail_on = string("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON_LEVELS:
        raise fail(
            "fail-on",
            f"fail-on is {fail_on!r}; expected one of: {', '.join(FAIL_ON_LEVELS)}",
            did_you_mean(fail_on, FAIL_ON_LEVELS),
        )
    base = path.parent

    def rel(p: str) -> str:
        return p if Path(p).is_absolute() else os.path.relpath(base / p)

    baseline = string("baseline")
    topology_baseline = string("topology-baseline")
    return Config(
        path=path,
        files=[rel(f) for f in strings("files")],
        exclude=strings("exclude"),
        fail_on=fail_on,
        checklists=[rel(d) for d in strings("checklists")],
        baseline=rel(baseline) if baseline else None,
        site_url=string("site-url"),
        topology=[rel(f) for f in strings("topology")],
        topology_baseline=rel(topology_baseline) if topology_baseline else None,
    )


def _line_of(text: str, key: str) -> int:
    """The line of ``key`` inside our section (1 when not found)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == f"[{SECTION}]"), None)
    if start is None:
        return 1
    if not key:
        return start + 1
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for i in range(start + 1, len(lines)):
        if lines[i].lstrip().startswith("["):
            break
        if pattern.match(lines[i]):
            return i + 1
    return start + 1
