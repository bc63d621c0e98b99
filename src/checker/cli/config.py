"""Configuration from ``[tool.playbook-check]`` in the nearest ``pyproject.toml``.

Looked up from the working directory upwards (as ruff and pytest do). Paths in it are relative
to the folder of that ``pyproject.toml``. Command-line options override it; lists given on the
command line replace the configured ones.

As in ruff, ``extend = "../org-playbook.toml"`` names a base configuration that this one
overrides key by key (a ``pyproject.toml`` is read at ``[tool.playbook-check]``, any other TOML
file at its top level; paths in it are relative to its own folder; it may extend another), and
``required-version = ">=0.3"`` stops every command of a playbook-check it does not allow (PC010).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from checker.constants import FAIL_ON_LEVELS, MAX_BYTES
from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import is_dir
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
    "extend": "a base configuration (a TOML file, relative to this one) whose settings this "
    "one overrides, key by key",
    "required-version": "the playbook-check versions allowed, as PEP 440 specifiers, e.g. "
    "'>=0.3,<1'; others stop with PC010",
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
    directory), with the configurations it extends. Raises :class:`CheckerError`: PC001 for a
    broken section, PC011 for a base that cannot be read, PC010 when this playbook-check is not
    a ``required-version``."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    text, too_large = _read_pyproject(path)
    if too_large:
        raise CheckerError(
            [
                Diagnostic(
                    "PC001",
                    f"pyproject.toml is over {MAX_BYTES:,} bytes and names playbook-check; "
                    f"settings are read from at most {MAX_BYTES:,} bytes, so [{SECTION}] "
                    "was not read",
                    str(path),
                    hint="keep pyproject.toml under 1 MiB, or give the settings as options",
                )
            ]
        )
    if "playbook-check" not in text:
        return Config()  # not ours: no need to parse TOML (keeps start-up fast)
    import tomllib

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        if f"[{SECTION}]" not in text:
            return Config()  # not ours to judge
        why = str(exc) if isinstance(exc, tomllib.TOMLDecodeError) else "nested too deep"
        raise CheckerError(
            [Diagnostic("PC001", f"cannot read pyproject.toml: {why}", str(path))]
        ) from None
    tool = data.get("tool")
    section = tool.get("playbook-check") if isinstance(tool, dict) else None
    if section is None:
        return Config()
    values = _chain(section, path, text, SECTION, [path.resolve()])
    _check_version(values)
    return Config(
        path=path,
        files=values.get("files"),
        exclude=values.get("exclude"),
        fail_on=values.get("fail-on"),
        checklists=values.get("checklists"),
        baseline=values.get("baseline"),
        site_url=values.get("site-url"),
        topology=values.get("topology"),
        topology_baseline=values.get("topology-baseline"),
    )


MAX_EXTEND_DEPTH = 10


def _chain(section: Any, path: Path, text: str, where: str, seen: list[Path]) -> dict[str, Any]:
    """The settings of ``section`` (read from ``path``) over those of the base it extends."""
    values = _parse(section, path, text, where)
    extend = values.pop("extend", None)
    if extend is None:
        return values

    def fail(message: str) -> CheckerError:
        return CheckerError(
            [
                Diagnostic(
                    "PC011",
                    f"[{where}] extend: {message}" if where else f"extend: {message}",
                    str(path),
                    _line_of(text, "extend", where),
                    1,
                    hint="extend names a TOML file by a path relative to the file that says extend",
                )
            ]
        )

    base_path = Path(os.path.normpath(path.parent / extend))  # an absolute path stays itself
    resolved = base_path.resolve()
    if resolved in seen:
        raise fail(f"{extend!r} is extended already on the way here (a cycle)")
    if len(seen) > MAX_EXTEND_DEPTH:
        raise fail(f"configurations extend each other more than {MAX_EXTEND_DEPTH} deep")
    if not resolved.is_file():
        raise fail(f"{extend!r} {'is not a file' if resolved.exists() else 'does not exist'}")
    import tomllib

    base_text = _safe_read(resolved, strict=True)
    if base_text is None:
        raise fail(f"cannot read {extend!r}")
    try:
        data = tomllib.loads(base_text)
    except tomllib.TOMLDecodeError as exc:
        raise fail(f"{extend!r} is not TOML: {exc}") from None
    except RecursionError:
        raise fail(f"{extend!r} is nested too deep") from None
    base_where = ""
    base_section: Any = data
    if resolved.name == "pyproject.toml":
        base_where = SECTION
        tool = data.get("tool")
        base_section = tool.get("playbook-check") if isinstance(tool, dict) else None
        if base_section is None:
            raise fail(f"{extend!r} has no [{SECTION}] table")
    base = _chain(base_section, base_path, base_text, base_where, [*seen, resolved])
    return {**base, **values}


def _check_version(values: dict[str, Any]) -> None:
    from checker import __version__
    from checker.cli.versions import allows

    required = values.get("required-version")
    if required is None:
        return
    spec, origin, line = required
    if not allows(spec, __version__):
        raise CheckerError(
            [
                Diagnostic(
                    "PC010",
                    f"required-version is {spec!r}; this is playbook-check {__version__}",
                    str(origin),
                    line,
                    1,
                    hint="install a version it allows (pip install "
                    f"'ml-team-playbook-checker{spec}'), or change required-version",
                )
            ]
        )


_NAME = b"playbook-check"
_CHUNK = 1024 * 1024
MAX_SCANNED = 64 * 1024 * 1024
"""A pyproject.toml over :data:`MAX_BYTES` is searched this far for our name, in chunks."""


def _read_pyproject(path: Path) -> tuple[str, bool]:
    """The file's text (at most :data:`MAX_BYTES`; '' when unreadable or larger), and whether
    it is larger and names playbook-check somewhere (searched in bounded chunks, up to
    :data:`MAX_SCANNED`): a larger file that does not is not ours, and nothing is lost."""
    try:
        with path.open("rb") as handle:
            head = handle.read(MAX_BYTES + 1)
            if len(head) <= MAX_BYTES:
                return head.decode("utf-8", errors="replace"), False
            seen, tail, found = len(head), head[-len(_NAME) :], _NAME in head
            while not found and seen < MAX_SCANNED:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    break
                found = _NAME in tail + chunk
                seen, tail = seen + len(chunk), chunk[-len(_NAME) :]
            return "", found or seen >= MAX_SCANNED
    except OSError:
        return "", False


def _safe_read(path: Path, strict: bool = False) -> str | None:
    """The file's text, at most :data:`MAX_BYTES` of it ('' when unreadable; with ``strict``,
    None when unreadable)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None if strict else ""


def _parse(section: Any, path: Path, text: str, where: str = SECTION) -> dict[str, Any]:
    """The keys ``section`` sets, checked, with paths made relative to the working directory
    (``where``: the table's name, "" for a file's top level)."""
    label = f"[{where}] " if where else ""

    def fail(key: str, message: str, hint: str = "", code: str = "PC001") -> CheckerError:
        return CheckerError(
            [
                Diagnostic(
                    code,
                    f"{label}{message}",
                    str(path),
                    _line_of(text, key, where),
                    1,
                    hint=hint or "see `playbook-check --help` for the configuration keys",
                )
            ]
        )

    if not isinstance(section, dict):
        raise fail("", f"{where or 'the configuration'} must be a table")
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

    values: dict[str, Any] = {}
    if "files" in section:
        values["files"] = [rel(f) for f in strings("files")]
    if "exclude" in section:
        values["exclude"] = strings("exclude")
    if fail_on is not None:
        values["fail-on"] = fail_on
    if "checklists" in section:
        values["checklists"] = [rel(d) for d in strings("checklists")]
        for folder in values["checklists"]:
            if not is_dir(Path(folder)):
                raise fail(
                    "checklists",
                    f"checklists folder {folder!r} does not exist or is not a folder",
                    "fix the path (it is relative to pyproject.toml), or remove it",
                    code="PC004",
                )
    baseline = string("baseline")
    if baseline is not None:
        values["baseline"] = rel(baseline) if baseline else None
    if "site-url" in section:
        values["site-url"] = string("site-url")
    extend = string("extend")
    if extend is not None:
        if not extend.strip():
            raise fail("extend", "extend should name a TOML file")
        values["extend"] = extend
    required = string("required-version")
    if required is not None:
        from checker.cli.versions import parse_specifiers

        try:
            parse_specifiers(required)
        except ValueError as exc:
            raise fail(
                "required-version",
                f"required-version {required!r} is not a version specifier: {exc}",
                "write PEP 440 specifiers, e.g. '>=0.3,<1' or '==0.3.*'",
            ) from None
        values["required-version"] = (required, path, _line_of(text, "required-version", where))
    if "topology" in section:
        values["topology"] = [rel(f) for f in strings("topology")]
    topology_baseline = string("topology-baseline")
    if topology_baseline is not None:
        values["topology-baseline"] = rel(topology_baseline) if topology_baseline else None
    return values


def _line_of(text: str, key: str, where: str = SECTION) -> int:
    """The line of ``key`` inside the table ``where`` ("" for the top level; 1 when not
    found)."""
    lines = text.splitlines()
    if where:
        start = next((i for i, line in enumerate(lines) if line.strip() == f"[{where}]"), None)
        if start is None:
            return 1
        if not key:
            return start + 1
    else:
        start = -1
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for i in range(start + 1, len(lines)):
        if lines[i].lstrip().startswith("["):
            break
        if pattern.match(lines[i]):
            return i + 1
    return max(start + 1, 1)
