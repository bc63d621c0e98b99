"""Reading files that may be hostile: never block, never read more than a bound.

A FIFO, ``/dev/zero``, ``/dev/urandom`` or a symlink to one would hang a plain ``open().read()``
or exhaust memory (their ``st_size`` is 0). :func:`read_bounded` opens with ``O_NONBLOCK``,
checks the *opened* descriptor with ``fstat`` (no race between a check and the open), refuses
anything but a regular file and stops reading one byte past the limit. Operating-system errors
on paths (a NUL byte, a name too long, a symlink loop) become sentences, not exceptions.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from checker.diagnostics import CheckerError, Diagnostic

_CHUNK = 1 << 16
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def os_reason(exc: BaseException) -> str:
    """A short sentence for an error raised by a path operation."""
    if isinstance(exc, ValueError):  # os functions reject a NUL byte with ValueError
        return "the path contains a NUL byte"
    if isinstance(exc, RuntimeError):  # Path.resolve on Python 3.11 reports loops this way
        return "symlink loop"
    if isinstance(exc, OSError):
        if exc.errno == errno.ELOOP:
            return "symlink loop (too many levels of symbolic links)"
        if exc.errno == errno.ENAMETOOLONG:
            return "the path or one of its names is too long"
        return (exc.strerror or str(exc)).rstrip(".")
    return str(exc)


def kind_of(mode: int) -> str | None:
    """What a non-regular, non-directory file is (``None`` for a regular file)."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def _fail(name: str, code: str, message: str, hint: str = "") -> CheckerError:
    return CheckerError([Diagnostic(code, message, name, hint=hint)])


def read_bounded(path: str | Path, *, display: str, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a regular file, or a :class:`CheckerError`: PC100 (cannot be read),
    PC111 (not a regular file) or PC103 (more than ``max_bytes``). Never blocks."""
    try:
        fd = os.open(path, _FLAGS)
    except (OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise _fail(display, "PC100", "no such file", "check the path") from None
        if isinstance(exc, OSError) and exc.errno == errno.ENXIO:  # a socket cannot be opened
            raise _not_regular(display, "a socket") from None
        raise _fail(display, "PC100", f"cannot read {what}: {os_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(display, "PC100", f"is a directory, not a {what}")
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise _not_regular(display, kind)
        if info.st_size > max_bytes:
            raise too_large(display, info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise too_large(display, None, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise _fail(display, "PC100", f"cannot read {what}: {os_reason(exc)}") from None
    finally:
        os.close(fd)


def _not_regular(name: str, kind: str) -> CheckerError:
    return _fail(
        name,
        "PC111",
        f"is {kind}, not a regular file; not reading it",
        "give the path of an ordinary file",
    )


def too_large(name: str, size: int | None, max_bytes: int) -> CheckerError:
    """PC103 for a file over the size limit."""
    what = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return _fail(
        name,
        "PC103",
        f"file is {what}; the limit is {max_bytes:,}",
        "split the file, or raise the limit with --max-bytes if it is really this large",
    )


def safe_resolve(path: Path) -> Path | None:
    """``path.resolve()``, or ``None`` when the path cannot be resolved (NUL, loop, ...)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def path_problem(path: Path) -> str | None:
    """Why ``path`` cannot be used as an existing file or directory, or ``None`` if it can."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return "does not exist"
    except (OSError, ValueError) as exc:
        return os_reason(exc)
    return None


def is_dir(path: Path) -> bool:
    """``path.is_dir()`` that is ``False`` for paths the OS rejects (too long, NUL, ...)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def file_stamp(path: Path) -> tuple[int, int] | None:
    """The file's modification time (ns) and size, to tell whether a cached reading of it is
    still good; None when it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)
