"""``playbook-check upgrade``: rewrite answers files for the newest version of their checklist.

Each file is upgraded on its own and written atomically in place (a symlink's target, with its
mode kept), only if it did not change while it was upgraded. ``--check`` and ``--diff`` write
nothing and exit 1 when an upgrade is due, for CI; ``--diff`` prints a unified diff on standard
output and everything else on standard error.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable
from typing import TextIO

from checker.codes import EXIT_FINDINGS, EXIT_INVALID, EXIT_OK
from checker.diagnostics import CheckerError, Diagnostic, Severity
from checker.textsafe import neutralise
from checker.upgrade.answers_file import Outcome, upgrade_file

Write = Callable[[str, TextIO], None]


def run(args: argparse.Namespace, write: Write) -> int:
    """Upgrade (or, with --check/--diff, examine) the files named; the exit code."""
    from checker.cli.config import load_config
    from checker.cli.discover import STDIN, discover
    from checker.registry import ChecklistRegistry, default_dirs

    config = load_config()
    files = args.files or config.files
    if not files:
        raise CheckerError.one(
            "usage",
            "no FILE given and no `files` configured",
            hint="name answers files or directories, e.g. `playbook-check upgrade playbook`",
        )
    if STDIN in files:
        raise CheckerError.one(
            "usage",
            "upgrade rewrites files in place and cannot read standard input",
            hint="name the file; `playbook-check upgrade --diff FILE` shows the change first",
        )
    registry = ChecklistRegistry(default_dirs(args.checklists or config.checklists))
    found = discover(files, args.exclude or config.exclude, args.max_bytes)
    dry = args.check or args.diff
    notes = sys.stderr if args.diff else sys.stdout
    for warning in found.warnings:
        write(warning.format() + "\n", sys.stderr)
    counts = {"due": 0, "current": 0, "invalid": 0}
    for name in found.files:
        outcome = upgrade_file(name, registry, args.max_bytes)
        if outcome.status == "due" and not dry:
            outcome = _write_file(outcome)
        counts[outcome.status] += 1
        shown = outcome.diagnostics
        if args.check and outcome.status == "due":
            shown = [_due(outcome)] + [d for d in shown if d.severity is Severity.ERROR]
        write("".join(d.format() + "\n" for d in shown), notes)
        if outcome.status != "due":
            continue
        if args.diff:
            write(_diff(outcome), sys.stdout)
        if not args.check:
            write(_done(outcome, dry) + "\n", notes)
    write(_summary(counts, dry) + "\n", notes)
    if counts["invalid"]:
        return EXIT_INVALID
    return EXIT_FINDINGS if dry and counts["due"] else EXIT_OK


def _write_file(outcome: Outcome) -> Outcome:
    """Write the upgraded text in place, unless the file changed since it was read (PC426)."""
    from checker.load.files import read_bounded
    from checker.output import write_atomic

    try:
        now = read_bounded(outcome.file, display=outcome.file, max_bytes=len(outcome.raw) + 1)
    except CheckerError:
        now = None
    if now != outcome.raw:
        error = Diagnostic(
            "PC426",
            "the file changed while it was upgraded; not writing it",
            outcome.file,
            hint="run the upgrade again",
        )
        return outcome._replace(status="invalid", diagnostics=[*outcome.diagnostics, error])
    try:
        write_atomic(outcome.file, outcome.after, force=True)
    except CheckerError as exc:
        return outcome._replace(status="invalid", diagnostics=outcome.diagnostics + exc.diagnostics)
    return outcome


def _due(outcome: Outcome) -> Diagnostic:
    assert outcome.plan is not None
    return Diagnostic(
        "PC421",
        f"{outcome.plan.source} can be upgraded to {outcome.plan.target}",
        outcome.file,
        *outcome.reference,
        severity=Severity.WARNING,
        hint="run `playbook-check upgrade FILE` and review the result",
    )


def _diff(outcome: Outcome) -> str:
    """A unified diff of the upgrade, every line neutralised."""
    before = outcome.before.replace("\r\n", "\n").lstrip("\ufeff").splitlines(keepends=True)
    after = outcome.after.replace("\r\n", "\n").lstrip("\ufeff").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, outcome.file, outcome.file)
    return "".join(neutralise(line.rstrip("\n")) + "\n" for line in lines)


def _done(outcome: Outcome, dry: bool) -> str:
    assert outcome.plan is not None
    p = outcome.plan
    verb = "would upgrade" if dry else "upgraded"
    text = f"{verb} {outcome.file}: {p.source} -> {p.target}; {_n(p.carried, 'answer')} carried"
    if p.new_questions:
        text += f"; new questions to answer: {', '.join(p.new_questions)}"
    if p.blanked:
        text += f"; to answer again (old answer in the note): {', '.join(p.blanked)}"
    return neutralise(text)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(counts: dict[str, int], dry: bool) -> str:
    due = _n(counts["due"], "file") + (" would be upgraded" if dry else " upgraded")
    return f"{due}, {counts['current']} already current, {counts['invalid']} invalid"
