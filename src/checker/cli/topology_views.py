"""``playbook-check topology import``, ``topology draw --format mermaid`` and ``topology diff
--format markdown|svg``: the topology's views and imports beyond :mod:`checker.topology.cli`.

:func:`run` handles the command when it is one of these and returns None otherwise. Output
files are checked before the work and written atomically, never replaced without ``--force``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from checker.cli.streams import refused, say_errors, write_result
from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK


def run(args: argparse.Namespace) -> int | None:
    command = getattr(args, "topology_command", None)
    if command == "import":
        return _import(args)
    if command == "draw" and getattr(args, "format", "svg") == "mermaid":
        return _draw_mermaid(args)
    if command == "diff" and getattr(args, "format", "text") in ("markdown", "svg"):
        return _diff_view(args)
    return None


def _draw_mermaid(args: argparse.Namespace) -> int:
    from checker.topology.check import check_topology
    from checker.topology.mermaid import mermaid

    if refused(args.output, args.force):
        return EXIT_INVALID
    result = check_topology(args.file, today=args.today, max_bytes=args.max_bytes)
    if not result.valid:
        return say_errors(result.diagnostics)
    return write_result(args.output, mermaid(result), args.force)


def _diff_view(args: argparse.Namespace) -> int:
    from checker.cli.streams import write_out
    from checker.topology.changes import counts, merged, title
    from checker.topology.check import check_topology
    from checker.topology.diff import compare, worse
    from checker.topology.draw import draw
    from checker.topology.markdown import render_markdown

    old = check_topology(args.old, today=args.today, max_bytes=args.max_bytes)
    new = check_topology(args.new, today=args.today, max_bytes=args.max_bytes)
    invalid = [d for r in (old, new) if not r.valid for d in r.diagnostics]
    if invalid:
        return say_errors(invalid)
    change = compare(old, new)
    if args.format == "markdown":
        write_out(render_markdown(change, old, new))
    else:
        picture, marks = merged(old, new)
        summary = counts(marks)
        since = f"changes from {old.path} to {new.path}: {summary}"
        write_out(
            draw(picture, marks=marks, title=title(old, new), note=summary + ".", subtitle=since)
        )
    return EXIT_FINDINGS if worse(change) else EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from checker.cli.streams import say
    from checker.topology.imports import import_backstage, import_team_api

    command = getattr(args, "import_command", None)
    if command is None:
        say("playbook-check topology import: error: choose a format: team-api or backstage")
        return EXIT_INVALID
    if refused(args.output, args.force):
        return EXIT_INVALID
    if command == "team-api":
        result = import_team_api(Path(args.dir), organisation=args.organisation, as_of=args.as_of)
    else:
        result = import_backstage(
            [Path(f) for f in args.files], organisation=args.organisation, as_of=args.as_of
        )
    for d in sorted(result.diagnostics, key=lambda d: d.sort_key()):
        say(d.format())
    if result.text is None:
        return EXIT_INVALID
    return write_result(args.output, result.text, args.force)
