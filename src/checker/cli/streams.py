"""The CLI's standard streams and signals: a full disk or a closed pipe on standard output is
a located error (PC503), and SIGTERM/SIGHUP unwind like Ctrl-C so no temporary file is left."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from checker.load.files import os_reason
from checker.textsafe import neutralise

if TYPE_CHECKING:
    from checker.diagnostics import Diagnostic


class OutputError(Exception):
    """Standard output could not be written."""

    def __init__(self, exc: OSError) -> None:
        broken = isinstance(exc, BrokenPipeError)
        self.reason = "the reader closed the pipe" if broken else os_reason(exc)
        super().__init__(self.reason)


class Terminated(BaseException):
    """A terminating signal (SIGTERM, SIGHUP) raised as an exception, like KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def write_out(text: str) -> None:
    """Write ``text`` to standard output; :class:`OutputError` when it cannot be written."""
    try:
        sys.stdout.write(text)
    except OSError as exc:
        raise OutputError(exc) from None


def flush_out() -> None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise OutputError(exc) from None


def say(text: str) -> None:
    """One line on standard error, neutralised; a closed standard error is ignored."""
    with contextlib.suppress(OSError):
        print(neutralise(text, multiline=True), file=sys.stderr)


def discard_stdout() -> None:
    """After a failed write, point standard output at /dev/null so the interpreter's final
    flush does not print a second error."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


_SIGNALS = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def terminations_raise() -> Iterator[None]:
    """While active, SIGTERM and SIGHUP raise :class:`Terminated` (main thread only)."""
    try:
        previous = {s: signal.signal(s, _raise) for s in _SIGNALS}
    except ValueError:  # not the main thread, where handlers cannot be set
        yield
        return
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def write(text: str, args: argparse.Namespace, stream: TextIO) -> None:
    """Write text that is already safe (neutralised) to standard output or standard error,
    coloured when ``args.color`` says so. A failed standard output is :class:`OutputError`
    (PC503); a closed standard error is ignored."""
    if text:
        from checker.cli.color import paint, use_color

        if use_color(getattr(args, "color", "never"), stream):
            text = paint(text)
    if stream is sys.stdout:
        write_out(text)
    else:
        with contextlib.suppress(OSError):
            stream.write(text)


def say_errors(diagnostics: Iterable[Diagnostic]) -> int:
    """Print the errors among ``diagnostics`` on standard error; the exit code for them."""
    from checker.codes import EXIT_INVALID

    for d in diagnostics:
        if d.severity.value == "error":
            say(d.format())
    return EXIT_INVALID


def refused(path: Path | None, force: bool) -> bool:
    """Check an output path before the work (PC501/PC502/PC504), saying why it is refused;
    True when it is."""
    from checker.diagnostics import CheckerError
    from checker.output import check_target

    if path is None:
        return False
    try:
        check_target(path, force=force)
    except CheckerError as exc:
        say_errors(exc.diagnostics)
        return True
    return False


def write_result(path: Path | None, text: str, force: bool) -> int:
    """Write ``text`` to ``path`` atomically (saying so), or to standard output; the exit code."""
    from checker.codes import EXIT_OK
    from checker.diagnostics import CheckerError
    from checker.output import write_atomic

    if path is None:
        write_out(text)
        return EXIT_OK
    try:
        write_atomic(path, text, force=force)
    except CheckerError as exc:
        return say_errors(exc.diagnostics)
    say(f"wrote {path}")
    return EXIT_OK
