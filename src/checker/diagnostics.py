"""Diagnostics: what went wrong, where, and what to do about it.

Every user-facing problem is a :class:`Diagnostic` with a stable code (documented in
``docs/reference/error-codes.md``), a position (``file:line:column``, 1-based) and a hint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from checker.codes import EXIT_INVALID, Severity, exit_code_of
from checker.constants import MAX_DIAGNOSTICS, MAX_MESSAGE
from checker.textsafe import clip, neutralise

__all__ = [
    "CheckerError",
    "Diagnostic",
    "DiagnosticSink",
    "Position",
    "Severity",
    "SourceMapLike",
    "bounded_tail",
    "limit_diagnostics",
]

LEFT_OUT = "PC113"


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int = 1
    column: int = 1


_FIELDS = ("code", "message", "file", "line", "column", "severity", "hint")


class Diagnostic:
    """One problem found in an input file: an immutable value (equal to another with the same
    fields, hashable). Bounded output: a message or hint never echoes more than MAX_MESSAGE
    characters."""

    __slots__ = _FIELDS
    code: str
    message: str
    file: str
    line: int
    column: int
    severity: Severity
    hint: str

    def __init__(
        self,
        code: str,
        message: str,
        file: str,
        line: int = 1,
        column: int = 1,
        severity: Severity = Severity.ERROR,
        hint: str = "",
    ) -> None:
        init = object.__setattr__
        init(self, "code", code)
        init(self, "message", clip(message) if len(message) > MAX_MESSAGE else message)
        init(self, "file", file)
        init(self, "line", line)
        init(self, "column", column)
        init(self, "severity", severity)
        init(self, "hint", clip(hint) if len(hint) > MAX_MESSAGE else hint)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, n) for n in _FIELDS)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r} of a Diagnostic")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r} of a Diagnostic")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Diagnostic:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return "Diagnostic(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in _FIELDS) + ")"

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        return (Diagnostic, self._fields())

    def format(self) -> str:
        """Format like a compiler: ``path:line:col: error: message [code]`` plus the hint,
        with every control character neutralised (see :mod:`checker.textsafe`). Without a
        position (line 0) the file stands alone: ``playbook-check: error: ...``."""
        where = neutralise(self.file)
        if self.line > 0:
            where += f":{self.line}:{self.column}"
        text = f"{where}: {self.severity.value}: {neutralise(self.message)}"
        if self.code.startswith("PC"):
            text += f" [{self.code}]"
        if self.hint:
            text += f"\n  hint: {neutralise(self.hint)}"
        return text

    def sort_key(self) -> tuple[str, bool, int, int, str, str]:
        """File, then position; the PC113 "left out" line comes last in its file."""
        return (self.file, self.code == LEFT_OUT, self.line, self.column, self.code, self.message)


class CheckerError(Exception):
    """Raised when input cannot be used; carries one or more diagnostics (all errors).

    Like click's exceptions it knows its exit code (from :mod:`checker.codes`) and renders
    itself, so callers print ``str(exc)`` and exit with ``exc.exit_code``.
    """

    def __init__(self, diagnostics: list[Diagnostic] | None = None) -> None:
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        super().__init__(self.diagnostics)

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        """The most severe exit code of the diagnostics' codes (2 for input errors)."""
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

    def __init__(
        self, file: str, source_map: SourceMapLike | None = None, *, limit: int = MAX_DIAGNOSTICS
    ) -> None:
        self.file = file
        self.source_map = source_map
        self.limit = limit
        self.items: list[Diagnostic] = []
        self.left_out: list[Diagnostic] = []  # the first one left out, and a count below
        self.left_out_count = 0
        self.left_out_errors = 0
        self.error_count = 0

    def add(
        self,
        code: str,
        message: str,
        path: tuple[object, ...] = (),
        *,
        hint: str | Callable[[], str] = "",
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Diagnostic:
        """Record a diagnostic at the value (or key) found under ``path`` in the document.
        A ``hint`` that costs something to find (a did-you-mean) can be given as a function:
        it is called only for a diagnostic that is kept (24,000 unknown keys ask for 100)."""
        if callable(hint):
            hint = hint() if len(self.items) < self.limit else ""
        pos = Position()
        if self.source_map is not None:
            pos = self.source_map.key_position(path) if at_key else self.source_map.position(path)
        diag = Diagnostic(code, message, self.file, pos.line, pos.column, severity, hint)
        self.error_count += severity is Severity.ERROR
        if len(self.items) < self.limit:
            self.items.append(diag)
        else:
            if not self.left_out:
                self.left_out.append(diag)
            self.left_out_count += 1
            self.left_out_errors += severity is Severity.ERROR
        return diag

    @property
    def full(self) -> bool:
        """Whether the next diagnostic will be left out, so a costly hint need not be made."""
        return len(self.items) >= self.limit

    @property
    def errors(self) -> list[Diagnostic]:
        kept = [d for d in self.items if d.severity is Severity.ERROR]
        return kept + self.left_out[: 1 if self.left_out_errors else 0]

    def bounded(self) -> list[Diagnostic]:
        """The kept diagnostics, plus one (PC113) saying how many were left out."""
        return self.items + bounded_tail(self.file, self.left_out_count, self.left_out_errors)

    def raise_if_errors(self) -> None:
        if self.errors:
            kept = [d for d in self.items if d.severity is Severity.ERROR]
            tail = bounded_tail(self.file, self.left_out_count, self.left_out_errors)
            raise CheckerError(sorted(kept + tail, key=Diagnostic.sort_key))


def bounded_tail(file: str, left_out: int, errors: int) -> list[Diagnostic]:
    """The PC113 diagnostic for ``left_out`` diagnostics not shown (an error if any was)."""
    if not left_out:
        return []
    return [
        Diagnostic(
            LEFT_OUT,
            f"{left_out:,} more diagnostic(s) left out ({errors:,} error(s)); only the first "
            f"{MAX_DIAGNOSTICS} are shown",
            file,
            severity=Severity.ERROR if errors else Severity.WARNING,
            hint="fix the problems shown, then run again",
        )
    ]


def limit_diagnostics(
    items: list[Diagnostic], file: str, left_out: int = 0, left_out_errors: int = 0
) -> list[Diagnostic]:
    """At most :data:`MAX_DIAGNOSTICS` of ``items`` (in order), plus one PC113 for the rest and
    for ``left_out`` diagnostics a sink already dropped."""
    rest = items[MAX_DIAGNOSTICS:]
    errors = sum(1 for d in rest if d.severity is Severity.ERROR) + left_out_errors
    return items[:MAX_DIAGNOSTICS] + bounded_tail(file, len(rest) + left_out, errors)


class SourceMapLike:
    """Protocol-like base for objects that map document paths to positions."""

    def position(self, path: tuple[object, ...]) -> Position:  # pragma: no cover - interface
        raise NotImplementedError

    def key_position(self, path: tuple[object, ...]) -> Position:  # pragma: no cover
        raise NotImplementedError
