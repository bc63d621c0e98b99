"""``playbook-check topology ...``: check, draw, diff and scaffold topology files.

Its options are in :mod:`checker.cli.parser`; exit codes are the checker's: 0 clean, 1 open
findings at or above ``--fail-on`` (``diff``: the new version is worse), 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK


def run(args: argparse.Namespace) -> int:
    command = getattr(args, "topology_command", None)
    if command is None:
        from checker.cli.streams import say

        say("playbook-check topology: error: choose a subcommand: check, draw, diff or init")
        return EXIT_INVALID
    handler = {"check": _check, "draw": _draw, "diff": _diff, "init": _init}[command]
    return handler(args)


def _emit(diagnostics: Any) -> int:
    """Print the errors among ``diagnostics`` on standard error, neutralised."""
    from checker.cli.streams import say

    for d in diagnostics:
        if d.severity.value == "error":
            say(d.format())
    return EXIT_INVALID


def _refuse(path: Path | None, force: bool) -> bool:
    """Check an output path before the work (PC501/PC502/PC504); True when it is refused."""
    from checker.diagnostics import CheckerError
    from checker.output import check_target

    if path is None:
        return False
    try:
        check_target(path, force=force)
    except CheckerError as exc:
        _emit(exc.diagnostics)
        return True
    return False


def _write(path: Path | None, text: str, force: bool) -> int:
    """Write ``text`` to ``path`` atomically, or to standard output."""
    from checker.cli.streams import say, write_out
    from checker.diagnostics import CheckerError
    from checker.output import write_atomic

    if path is None:
        write_out(text)
        return EXIT_OK
    try:
        write_atomic(path, text, force=force)
    except CheckerError as exc:
        return _emit(exc.diagnostics)
    say(f"wrote {path}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Like ``report``: the configuration fills what the command line leaves out, the document
    is judged against the baseline and rendered by :func:`checker.cli.app.emit`."""
    from checker.cli.app import emit, judged
    from checker.report.document import assemble
    from checker.topology.check import check_topology
    from checker.topology.report import entry

    _settings(args)
    if _refuse(args.output, args.force):
        return EXIT_INVALID
    entries = [
        entry(check_topology(f, today=args.today, max_bytes=args.max_bytes)) for f in args.files
    ]
    return emit(judged(assemble(entries, fail_on=args.fail_on), args), args)


def _settings(args: argparse.Namespace) -> None:
    """Fill ``topology check``'s options not given on the command line from
    ``[tool.playbook-check]``: ``topology`` (the files), ``fail-on``, ``topology-baseline``
    and ``site-url``."""
    from checker.cli.config import load_config
    from checker.diagnostics import CheckerError, Diagnostic

    config = load_config()
    args.files = args.files or config.topology
    if not args.files:
        where = f" in {config.path}" if config.path else ""
        raise CheckerError(
            [
                Diagnostic(
                    "usage",
                    "no FILE given and no `topology` configured" + where,
                    "playbook-check",
                    0,
                    0,
                    hint="name topology files, e.g. `playbook-check topology check "
                    'org/topology.yaml`, or set topology = ["org/topology.yaml"] under '
                    "[tool.playbook-check] in pyproject.toml",
                )
            ]
        )
    args.fail_on = args.fail_on or config.fail_on or "high"
    args.baseline = args.baseline or config.topology_baseline
    args.site_url = args.site_url or config.site_url


def _draw(args: argparse.Namespace) -> int:
    from checker.topology.check import check_topology
    from checker.topology.draw import draw

    if _refuse(args.output, args.force):
        return EXIT_INVALID
    result = check_topology(args.file, today=args.today, max_bytes=args.max_bytes)
    if not result.valid:
        return _emit(d for d in result.diagnostics if d.severity.value == "error")
    return _write(args.output, draw(result), args.force)


def _diff(args: argparse.Namespace) -> int:
    import json

    from checker.cli.streams import write_out
    from checker.textsafe import json_safe
    from checker.topology.check import check_topology
    from checker.topology.diff import compare, render_text, worse

    old = check_topology(args.old, today=args.today, max_bytes=args.max_bytes)
    new = check_topology(args.new, today=args.today, max_bytes=args.max_bytes)
    invalid = [r for r in (old, new) if not r.valid]
    if invalid:
        return _emit(d for r in invalid for d in r.diagnostics if d.severity.value == "error")
    change = compare(old, new)
    if args.format == "json":
        text = json_safe(json.dumps(change, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        text = render_text(change)
    write_out(text)
    return EXIT_FINDINGS if worse(change) else EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from checker.topology.scaffold import template

    if _refuse(args.output, args.force):
        return EXIT_INVALID
    return _write(args.output, template(args.organisation), args.force)
