"""Diagnostics: what went wrong, where, and what to do about it.

Every user-facing problem is a :class:`Diagnostic` with a stable code (documented in
``docs/reference/error-codes.md``), a position (``file:line:column``, 1-based) and a hint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a diagnostic is: errors make input invalid (exit code 2)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in an input file."""

    code: str
    message: str
    file: str
    line: int = 1
    column: int = 1
    severity: Severity = Severity.ERROR
    hint: str = ""

    def format(self) -> str:
        """Format like a compiler: ``path:line:col: error: message [code]`` plus the hint
        (``path: error: ...`` when there is no position, line 0)."""
        where = f"{self.file}:{self.line}:{self.column}" if self.line > 0 else self.file
        text = f"{where}: {self.severity.value}: {self.message}"
        if self.code.startswith("PC"):
            text += f" [{self.code}]"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "hint": self.hint,
        }


@dataclass
class CheckerError(Exception):
    """Raised when input cannot be used; carries one or more diagnostics (all errors).

    Like click's exceptions it knows its exit code (from :mod:`checker.codes`) and renders
    itself, so callers print ``str(exc)`` and exit with ``exc.exit_code``.
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        """The most severe exit code of the diagnostics' codes (2 for input errors)."""
        from checker.codes import EXIT_INVALID, exit_code_of

        return max((exit_code_of(d.code) for d in self.diagnostics), default=EXIT_INVALID)

    @classmethod
    def one(
        cls, code: str, message: str, file: str | None = None, *, hint: str = ""
    ) -> CheckerError:
        """An error about a whole file (reported at 1:1), or, without a file, about the
        command itself (``playbook-check: error: ...``)."""
        if file is None:
            return cls([Diagnostic(code, message, "playbook-check", 0, 0, hint=hint)])
        return cls([Diagnostic(code, message, file, hint=hint)])


class DiagnosticSink:
    """Collects diagnostics for one file, positioned through a :class:`SourceMap`."""

    def __init__(self, file: str, source_map: SourceMapLike | None = None) -> None:
        self.file = file
        self.source_map = source_map
        self.items: list[Diagnostic] = []

    def add(
        self,
        code: str,
        message: str,
        path: tuple[object, ...] = (),
        *,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Diagnostic:
        """Record a diagnostic at the value (or key) found under ``path`` in the document."""
        pos = Position()
        if self.source_map is not None:
            pos = self.source_map.key_position(path) if at_key else self.source_map.position(path)
        diag = Diagnostic(code, message, self.file, pos.line, pos.column, severity, hint)
        self.items.append(diag)
        return diag

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise CheckerError(sorted(self.errors, key=Diagnostic.sort_key))


class SourceMapLike:
    """Protocol-like base for objects that map document paths to positions."""

    def position(self, path: tuple[object, ...]) -> Position:  # pragma: no cover - interface
        raise NotImplementedError

    def key_position(self, path: tuple[object, ...]) -> Position:  # pragma: no cover
        raise NotImplementedError
