"""``playbook-check topology ...``: check, draw, diff and scaffold topology files.

Its options are in :mod:`checker.cli.parser`; exit codes are the checker's: 0 clean, 1 open
findings at or above ``--fail-on`` (``diff``: the new version is worse), 2 invalid input or usage.
"""

from __future__ import annotations

import argparse

from checker.cli.streams import refused, say_errors, write_result
from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK


def run(args: argparse.Namespace) -> int:
    command = getattr(args, "topology_command", None)
    if command is None:
        from checker.cli.streams import say

        say("playbook-check topology: error: choose a subcommand: check, draw, diff or init")
        return EXIT_INVALID
    handler = {"check": _check, "draw": _draw, "diff": _diff, "init": _init}[command]
    return handler(args)


def _check(args: argparse.Namespace) -> int:
    """Like ``report``: the configuration fills what the command line leaves out, the document
    is judged against the baseline and rendered by :func:`checker.cli.app.emit`."""
    from checker.cli.finish import emit, judged
    from checker.report.document import assemble
    from checker.topology.check import check_topology
    from checker.topology.report import entry

    _settings(args)
    if refused(args.output, args.force):
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

    if refused(args.output, args.force):
        return EXIT_INVALID
    result = check_topology(args.file, today=args.today, max_bytes=args.max_bytes)
    if not result.valid:
        return say_errors(d for d in result.diagnostics if d.severity.value == "error")
    return write_result(args.output, draw(result), args.force)


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
        return say_errors(d for r in invalid for d in r.diagnostics if d.severity.value == "error")
    change = compare(old, new)
    if args.format == "json":
        text = json_safe(json.dumps(change, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        text = render_text(change)
    write_out(text)
    return EXIT_FINDINGS if worse(change) else EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from checker.cli.accepted import refuse_unless_accepted, topology_problems
    from checker.diagnostics import CheckerError
    from checker.topology.scaffold import template

    if refused(args.output, args.force):
        return EXIT_INVALID
    text = template(args.organisation)
    name = str(args.output) if args.output is not None else "<stdout>"
    try:  # what topology check would refuse is not written
        refuse_unless_accepted(topology_problems(text, name), "--organisation")
        if args.output is not None:  # as `init` does: missing folders are created
            from checker.output import make_parents

            make_parents(args.output)
    except CheckerError as exc:
        return say_errors(exc.diagnostics)
    return write_result(args.output, text, args.force)
