"""Writing output files safely: atomically, never over a user's file without --force, never
over anything but a regular file, and never leaving a temporary file behind."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from checker.diagnostics import CheckerError, Diagnostic
from checker.load.files import kind_of, os_reason

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def _error(code: str, message: str, path: str | Path, hint: str = "") -> CheckerError:
    return CheckerError([Diagnostic(code, message, str(path), hint=hint)])


def _exists(path: str | Path) -> CheckerError:
    return _error("PC501", "file exists; not overwriting it", path, "pass --force to replace it")


def check_target(path: str | Path, *, force: bool) -> Path:
    """The regular file to write for ``path`` (a symlink's target with ``force``), or a
    :class:`CheckerError`: PC501 (exists, no ``force``), PC502 (unusable path) or PC504 (a
    dangling symlink, a directory, a device, a FIFO: refused even with ``force``)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Path(path)
    except (OSError, ValueError) as exc:
        raise _error("PC502", f"cannot write here: {os_reason(exc)}", path) from None
    target = Path(path)
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except (OSError, ValueError) as exc:
            reason = "it points nowhere" if isinstance(exc, FileNotFoundError) else os_reason(exc)
            raise _error(
                "PC504",
                f"is a symlink that cannot be followed ({reason}); not replacing it",
                path,
                "write to a regular file, or remove the link first",
            ) from None
        target = Path(os.path.realpath(path))
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else kind_of(info.st_mode)
        raise _error(
            "PC504",
            f"is {kind}, not a regular file; not writing to it",
            path,
            "write to a regular file (--force replaces only regular files)",
        )
    if not force:
        raise _exists(path)
    return target


def write_atomic(path: str | Path, text: str | bytes, *, force: bool = False) -> None:
    """Write ``text`` (UTF-8 with ``\n`` line ends, or bytes as they are) to ``path`` via a
    temporary file in the same directory.

    Without ``force`` the file is created exclusively (a hard link of the finished temporary
    file, which fails if anything appeared at ``path`` meanwhile); with ``force`` it replaces
    a regular file by rename. Raises :class:`CheckerError` (PC501/PC502/PC504). Any exception,
    including a terminating signal turned into one by the CLI, removes the temporary file."""
    target = check_target(path, force=force)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except (OSError, ValueError) as exc:
        raise _error("PC502", f"cannot write here: {os_reason(exc)}", path) from None
    try:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force and target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
            os.replace(tmp, target)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
            _create_exclusively(tmp, target, path)
    except OSError as exc:
        raise _error("PC502", f"cannot write file: {os_reason(exc)}", path) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _create_exclusively(tmp: str, target: Path, shown: str | Path) -> None:
    """Give the finished ``tmp`` the name ``target`` unless that name exists (atomic)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(shown) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: create exclusively, then copy.
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise _exists(shown) from None
        with os.fdopen(fd, "wb") as out, open(tmp, "rb") as src:
            out.write(src.read())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
