"""``playbook-check collect`` and ``playbook-check org init``.

Their options are in :mod:`checker.cli.parser`; exit codes are the checker's: 0 done, 2 a report
refused, a file that would be overwritten without ``--force``, or invalid usage.
"""

from __future__ import annotations

import argparse
import datetime as dt

from checker.codes import EXIT_INVALID, EXIT_OK
from checker.diagnostics import CheckerError


def collect_command(args: argparse.Namespace) -> int:
    from checker.cli.streams import say
    from checker.org.store import collect
    from checker.report.util import plural

    outcome = collect(
        args.reports,
        args.into,
        repository=args.repository,
        today=args.today or dt.date.today(),
    )
    for d in [*outcome.warnings, *outcome.refused]:
        say(d.format())
    parts = [f"collected {plural(outcome.added, 'report')}"]
    if outcome.already:
        parts.append(f"{outcome.already} collected before")
    if outcome.refused:
        parts.append(f"{len({d.file for d in outcome.refused})} refused")
    n = outcome.repositories
    say(
        f"{args.into}: {', '.join(parts)}; {n} {'repository' if n == 1 else 'repositories'} "
        "in the collection"
    )
    return EXIT_INVALID if outcome.refused else EXIT_OK


def org_command(args: argparse.Namespace) -> int:
    command = getattr(args, "org_command", None)
    if command != "init":
        from checker.cli.streams import say

        say("playbook-check org: error: choose a subcommand: init")
        return EXIT_INVALID
    return _init(args)


def _init(args: argparse.Namespace) -> int:
    from checker.cli.streams import say
    from checker.org.scaffold import site_files
    from checker.output import check_target, write_atomic

    files = site_files(
        args.dir,
        organisation=args.organisation,
        theme=args.theme,
        collection=args.collection,
        groups=args.groups,
    )
    refused = []
    for path, _text in files:
        try:
            check_target(path, force=args.force)
        except CheckerError as exc:
            refused += exc.diagnostics
    if refused:
        raise CheckerError(refused)
    try:
        args.dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CheckerError.one("PC502", f"cannot create the folder: {exc}", str(args.dir)) from None
    for path, text in files:
        write_atomic(path, text, force=args.force)
        say(f"wrote {path}")
    from checker.org.scaffold import theme_missing

    missing = theme_missing(args.theme)
    if missing:
        say(f"note: the theme {args.theme!r} is not installed here: {missing}")
    say(
        f"next: playbook-check collect REPORT... --into {args.dir / args.collection}, then "
        f"sphinx-build -n -W {args.dir} {args.dir / '_build' / 'html'}"
    )
    return EXIT_OK
