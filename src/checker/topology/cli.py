"""``playbook-check topology ...``: check, draw, diff and scaffold topology files.

The main parser calls :func:`add_parser`; exit codes are the checker's: 0 clean, 1 open
findings at or above ``--fail-on`` (``diff``: the new version is worse), 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from checker.constants import FAIL_ON_LEVELS, FORMATS, MAX_BYTES

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def add_parser(sub: Any) -> None:
    """Register ``topology`` and its subcommands on the main parser's subparsers."""
    top = sub.add_parser(
        "topology",
        help="check, draw and compare a team topology (teams and interactions)",
        description="Team topology as code: see docs/reference/topology-format.md.",
    )
    top.set_defaults(handler=run)
    cmds = top.add_subparsers(
        dest="topology_command",
        metavar="SUBCOMMAND",
        help="check, draw, diff or init (see playbook-check topology SUBCOMMAND --help)",
    )

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--today",
            type=_date,
            metavar="DATE",
            help="date to judge exemption expiry by (default: today)",
        )
        p.add_argument(
            "--max-bytes", type=int, default=MAX_BYTES, metavar="N", help=argparse.SUPPRESS
        )

    p = cmds.add_parser("check", help="check topology files for the pitfalls")
    p.add_argument("files", nargs="+", metavar="FILE", help="topology files (YAML)")
    p.add_argument("-f", "--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to a file")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON_LEVELS,
        default="high",
        help="exit 1 when an open finding has this risk or higher (default high)",
    )
    common(p)

    p = cmds.add_parser("draw", help="draw a topology as SVG in Team Topologies' notation")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="SVG file (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    common(p)

    p = cmds.add_parser("diff", help="what changed between two versions of a topology")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    common(p)

    p = cmds.add_parser("init", help="write a starting topology file")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")
    p.add_argument("--organisation", default="", help="organisation name to fill in")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


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
    from checker.cli.output import check_target
    from checker.diagnostics import CheckerError

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
    from checker.cli.output import write_atomic
    from checker.cli.streams import say, write_out
    from checker.diagnostics import CheckerError

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
    from checker.report import render_document
    from checker.report.document import assemble
    from checker.topology.check import check_topology
    from checker.topology.report import entry

    if _refuse(args.output, args.force):
        return EXIT_INVALID
    entries = [
        entry(check_topology(f, today=args.today, max_bytes=args.max_bytes)) for f in args.files
    ]
    doc = assemble(entries, fail_on=args.fail_on)
    code = _write(args.output, render_document(doc, args.format), args.force)
    return code or int(doc["exit_code"])


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
