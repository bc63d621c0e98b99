"""Writing output files safely: atomically, and never over a user's file without --force."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from checker.diagnostics import CheckerError, Diagnostic


def write_atomic(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file and rename; refuse to overwrite an
    existing file unless ``force``. Raises :class:`CheckerError` (PC501/PC502)."""
    target = Path(path)
    if target.exists() and not force:
        raise CheckerError(
            [
                Diagnostic(
                    "PC501",
                    "file exists; not overwriting it",
                    str(path),
                    hint="pass --force to replace it",
                )
            ]
        )
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise CheckerError(
            [Diagnostic("PC502", f"cannot write here: {exc.strerror or exc}", str(path))]
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CheckerError(
            [Diagnostic("PC502", f"cannot write file: {exc.strerror or exc}", str(path))]
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
