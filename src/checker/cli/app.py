"""The ``playbook-check`` command line.

Exit codes: 0 clean; 1 open findings at or above ``--fail-on``; 2 invalid input or usage.
Errors look like a compiler's (``path:line:col: error: message [code]``); no tracebacks
(set ``PLAYBOOK_DEBUG=1`` to see one for an internal error). Heavy modules load lazily so that
``playbook-check --version`` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker import __version__
from checker.constants import FAIL_ON_LEVELS, FORMATS, ID_RE, MAX_BYTES
from checker.topology import cli as topology_cli

EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="playbook-check",
        description="Check a team's answers to ML Team Playbook checklists.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 invalid input or usage.",
    )
    parser.add_argument("--version", action="version", version=f"playbook-check {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def checking(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="answers files (YAML), or directories of them",
        )
        p.add_argument(
            "--checklists",
            action="append",
            default=[],
            metavar="DIR",
            help="directory of checklists (repeatable; default: ./checklists, "
            "else the bundled checklists)",
        )
        p.add_argument(
            "--fail-on",
            choices=FAIL_ON_LEVELS,
            default="high",
            help="exit 1 when an open finding has this risk or higher (default high)",
        )
        p.add_argument(
            "--today",
            type=_date,
            metavar="DATE",
            help="date to judge exemption expiry by (default: today)",
        )
        p.add_argument(
            "--evidence-root",
            type=Path,
            metavar="DIR",
            help="root for evidence paths (default: the enclosing git repository)",
        )
        p.add_argument(
            "--allow-incomplete",
            action="store_true",
            help="report unanswered questions as warnings, not errors",
        )
        p.add_argument(
            "--max-bytes",
            type=int,
            default=MAX_BYTES,
            metavar="N",
            help="refuse answers files larger than N bytes (default 1 MiB)",
        )
        p.add_argument(
            "--baseline",
            type=Path,
            metavar="REPORT",
            help="a JSON report to ratchet against: exit 1 only when an assessment "
            "is worse (a new or riskier finding at or above --fail-on, a lower score)",
        )

    p = sub.add_parser("validate", help="validate answers files and report findings (text)")
    checking(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p = sub.add_parser("report", help="report on answers files in a chosen format")
    checking(p)
    p.add_argument("-f", "--format", choices=FORMATS, default="text")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write to a file")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")

    p = sub.add_parser("init", help="write an answers template for a checklist")
    p.add_argument("checklist", metavar="CHECKLIST", help="checklist id, e.g. team-shape")
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write (default: standard output)"
    )
    p.add_argument("--team", default="", help="team name to fill in")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.add_argument("--checklists", action="append", default=[], metavar="DIR")

    p = sub.add_parser("lint", help="check checklists themselves")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="checklist files or directories (default: ./checklists)",
    )
    p.add_argument(
        "--docs",
        type=Path,
        metavar="DIR",
        help="docs directory whose pitfall directives define the pitfall ids "
        "(default: ./docs if it exists)",
    )

    p = sub.add_parser("diff", help="progress between two assessments of the same team")
    p.add_argument("old", type=Path, metavar="OLD")
    p.add_argument("new", type=Path, metavar="NEW")
    p.add_argument("-f", "--format", choices=("text", "json"), default="text")
    p.add_argument("--checklists", action="append", default=[], metavar="DIR")
    p.add_argument("--today", type=_date, metavar="DATE")

    p = sub.add_parser("new-checklist", help="scaffold a new checklist and its docs page")
    p.add_argument("id", metavar="ID", help="kebab-case id, e.g. data-quality")
    p.add_argument("--title", default="", help="checklist title")
    p.add_argument(
        "--pitfall",
        default="missing-engineering-practices",
        help="pitfall id for the example finding",
    )
    p.add_argument("--checklists-dir", type=Path, default=Path("checklists"), metavar="DIR")
    p.add_argument("--docs-dir", type=Path, default=Path("docs/checklists"), metavar="DIR")
    p.add_argument("--force", action="store_true", help="overwrite existing files")

    p = sub.add_parser("schema", help="print the path of a published JSON Schema")
    p.add_argument("name", choices=("checklist", "answers", "report", "topology"))
    topology_cli.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    from checker.cli.streams import OutputError, Terminated, flush_out, terminations_raise

    try:
        with terminations_raise():
            handler = _COMMANDS.get(args.command) or args.handler  # topology: its own module
            code: int = handler(args)
            flush_out()
        return code
    except KeyboardInterrupt:
        return 130
    except Terminated as exc:
        _error("", f"interrupted by {exc.name}; no output file was written", "PC505")
        return 128 + exc.signum
    except OutputError as exc:
        from checker.cli.streams import discard_stdout

        discard_stdout()
        _error(
            "<stdout>",
            f"cannot write the output: {exc.reason}",
            "PC503",
            "write to a file with -o, or check the disk and the command reading the output",
        )
        return EXIT_INVALID
    except Exception as exc:  # never show a traceback to users
        from checker.diagnostics import CheckerError

        if isinstance(exc, CheckerError):  # e.g. an unreadable --baseline
            return _emit_errors(exc)
        if os.environ.get("PLAYBOOK_DEBUG"):
            raise
        from checker.cli.streams import say

        say(
            f"playbook-check: internal error: {type(exc).__name__}: {exc}"[:2000]
            + "\n  hint: please report this; set PLAYBOOK_DEBUG=1 to see the traceback"
        )
        return EXIT_INVALID


def _error(file: str, message: str, code: str, hint: str = "") -> int:
    """Print one error like a diagnostic (``file:1:1: error: ...``; no file: the program's
    name) on standard error, neutralised; return the exit code for invalid input."""
    from checker.cli.streams import say
    from checker.diagnostics import Diagnostic

    text = Diagnostic(code, message, file or "playbook-check", hint=hint).format()
    if not file:
        text = text.replace("playbook-check:1:1:", "playbook-check:", 1)
    say(text)
    return EXIT_INVALID


def _emit_errors(exc: Any) -> int:
    """Print the errors among ``exc.diagnostics`` (a CheckerError or a FileResult)."""
    from checker.cli.streams import say

    for d in exc.diagnostics:
        if d.severity.value == "error":
            say(d.format())
    return EXIT_INVALID


def _check(args: argparse.Namespace) -> list[Any]:
    import gc

    # Results for thousands of files stay alive until the report is written; with the default
    # thresholds the cyclic collector rescans them again and again (a third of the run time on
    # 10,000 files). They hold no reference cycles worth collecting early.
    gc.set_threshold(100_000, 50, 100)
    from checker.pipeline import CheckOptions, check_answers
    from checker.registry import ChecklistRegistry, default_dirs

    registry = ChecklistRegistry(default_dirs(args.checklists))
    options = CheckOptions(
        max_bytes=getattr(args, "max_bytes", MAX_BYTES),
        today=args.today,
        evidence_root=args.evidence_root,
        allow_incomplete=args.allow_incomplete,
    )
    return [check_answers(f, registry, options) for f in _expand(args.files)]


def _expand(paths: list[str]) -> list[str]:
    """Files as given; a directory stands for the YAML files directly inside it, sorted."""
    from checker.load.files import is_dir

    out: list[str] = []
    for path in paths:
        folder = Path(path)
        if is_dir(folder):
            # Every YAML name but sub-directories: FIFOs and devices are reported, not skipped.
            out.extend(
                str(p)
                for p in sorted(folder.iterdir())
                if p.suffix in (".yaml", ".yml") and not is_dir(p)
            )
        else:
            out.append(path)
    return out


def _exit_code(doc: dict[str, Any], args: argparse.Namespace) -> int:
    """0/1/2 for a report document (already judged against --baseline when given)."""
    from checker.cli.baseline import verdict_lines
    from checker.cli.streams import say
    from checker.textsafe import neutralise

    for line in verdict_lines(doc):
        say(neutralise(line))
    return int(doc["exit_code"])


def cmd_validate(args: argparse.Namespace) -> int:
    from checker.cli.finish import finish
    from checker.cli.streams import write_out
    from checker.report import render_document
    from checker.report.document import build

    doc = finish(build(_check(args), fail_on=args.fail_on), args)
    text = render_document(doc, "text")
    if args.quiet:
        text = "".join(
            line + "\n"
            for line in text.splitlines()
            if ": error: " in line or ": warning: " in line or ": high: " in line
        )
    write_out(text)
    return _exit_code(doc, args)


def cmd_report(args: argparse.Namespace) -> int:
    from checker.cli.finish import finish
    from checker.cli.output import check_target, write_atomic
    from checker.cli.streams import write_out
    from checker.diagnostics import CheckerError
    from checker.report import render_document
    from checker.report.document import build

    try:
        if args.output is not None:  # fail early, before the work; checked again on writing
            check_target(args.output, force=args.force)
        doc = finish(build(_check(args), fail_on=args.fail_on), args)
        text = render_document(doc, args.format)
        if args.output is None:
            write_out(text)
        else:
            write_atomic(args.output, text, force=args.force)
    except CheckerError as exc:
        return _emit_errors(exc)
    return _exit_code(doc, args)


def cmd_init(args: argparse.Namespace) -> int:
    from checker.cli.output import write_atomic
    from checker.cli.streams import say, write_out
    from checker.cli.template import render_template
    from checker.diagnostics import CheckerError
    from checker.load.files import safe_resolve
    from checker.registry import ChecklistRegistry, default_dirs
    from checker.suggest import did_you_mean
    from checker.textsafe import brief
    from checker.validate.schema import schema_path

    registry = ChecklistRegistry(default_dirs(args.checklists))
    try:
        checklist = registry.get(args.checklist)
    except CheckerError as exc:
        return _emit_errors(exc)
    if checklist is None:
        known = registry.ids()
        hint = did_you_mean(args.checklist, known) or "known: " + ", ".join(known)
        return _error("", f"unknown checklist {brief(args.checklist)}", "PC410", hint)
    schema = schema_path("answers")
    resolved = safe_resolve(args.output) if args.output is not None else Path.cwd()
    base = resolved.parent if args.output is not None and resolved is not None else Path.cwd()
    schema_ref = os.path.relpath(schema, base) if schema.anchor == base.anchor else str(schema)
    text = render_template(checklist, team=args.team, schema_ref=Path(schema_ref).as_posix())
    if args.output is None:
        write_out(text)
        return EXIT_OK
    try:
        write_atomic(args.output, text, force=args.force)
    except CheckerError as exc:
        return _emit_errors(exc)
    say(f"wrote {args.output}")
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from checker.cli.lint import checklist_files, lint, pitfalls_in_docs
    from checker.cli.streams import write_out
    from checker.load.files import is_dir, path_problem

    paths = args.paths or [Path("checklists")]
    problems = [(p, path_problem(p)) for p in paths]
    for p, problem in problems:
        if problem is not None:
            missing = problem == "does not exist"
            _error(str(p), "no such file or directory" if missing else problem, "PC100")
    if any(problem for _p, problem in problems):
        return EXIT_INVALID
    if args.docs is not None and not is_dir(args.docs):
        return _error(str(args.docs), "docs directory not found", "PC100")
    docs = args.docs if args.docs is not None else (Path("docs") if is_dir(Path("docs")) else None)
    pitfalls = pitfalls_in_docs(docs) if docs is not None else None
    diagnostics = lint(paths, pitfalls)
    write_out("".join(d.format() + "\n" for d in diagnostics))
    errors = sum(1 for d in diagnostics if d.severity.value == "error")
    n = len(checklist_files(paths))
    write_out(
        f"{n} checklist(s) linted: {errors} error(s), {len(diagnostics) - errors} warning(s)"
        + ("" if pitfalls is not None else " (pitfall ids not checked: no docs directory)")
        + "\n"
    )
    return EXIT_INVALID if errors else EXIT_OK


def _entry(path: Path, args: argparse.Namespace) -> dict[str, Any] | None:
    """A report file entry from an answers file or a JSON report (its first file)."""
    from checker.diagnostics import CheckerError
    from checker.load.report import load_report
    from checker.report.document import build

    if path.suffix == ".json":
        try:
            doc = load_report(path)
        except CheckerError as exc:
            _emit_errors(exc)
            return None
        if not doc["files"]:
            _error(str(path), "the report has no files", "PC412")
            return None
        entry = doc["files"][0]
        if not entry["valid"]:
            _error(str(path), "the report's first file is not valid; nothing to compare", "PC412")
            return None
    else:
        ns = argparse.Namespace(
            **{**vars(args), "files": [path], "evidence_root": None, "allow_incomplete": True}
        )
        results = _check(ns)
        if len(results) != 1:
            _error(str(path), "diff compares two files, not directories", "PC100")
            return None
        _emit_errors(results[0])
        entry = build(results)["files"][0]
    return dict(entry) if entry["valid"] else None


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from checker.cli.diff import compare, render_text, worse
    from checker.cli.streams import write_out
    from checker.textsafe import brief, json_safe

    old, new = _entry(args.old, args), _entry(args.new, args)
    if old is None or new is None:
        return EXIT_INVALID
    if old["checklist"]["id"] != new["checklist"]["id"]:
        return _error(
            str(args.new),
            f"compares checklist {brief(new['checklist']['id'])} with "
            f"{brief(old['checklist']['id'])}",
            "PC413",
        )
    change = compare(old, new)
    if args.format == "json":
        text = json.dumps(change, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        write_out(json_safe(text))
    else:
        write_out(render_text(change))
    return EXIT_FINDINGS if worse(change) else EXIT_OK


def cmd_new_checklist(args: argparse.Namespace) -> int:

    from checker.cli.output import check_target, write_atomic
    from checker.cli.scaffold import checklist_text, page_text
    from checker.cli.streams import say
    from checker.diagnostics import CheckerError
    from checker.load.files import os_reason
    from checker.textsafe import brief

    if not ID_RE.fullmatch(args.id):
        return _error(
            "",
            f"{brief(args.id)} is not a kebab-case id",
            "PC205",
            "use lower-case letters, digits and dashes, e.g. data-quality",
        )
    title = args.title or args.id.replace("-", " ").capitalize()
    targets = [
        (args.checklists_dir / f"{args.id}.yaml", checklist_text(args.id, title, args.pitfall)),
        (args.docs_dir / f"{args.id}.md", page_text(args.id, title, args.pitfall)),
    ]
    refused: list[CheckerError] = []
    for p, _ in targets:
        try:
            check_target(p, force=args.force)
        except CheckerError as exc:
            refused.append(exc)
    for error in refused:
        _emit_errors(error)
    if refused:
        return EXIT_INVALID
    try:
        for path, text in targets:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                return _error(str(path), f"cannot write here: {os_reason(exc)}", "PC502")
            write_atomic(path, text, force=args.force)
            say(f"wrote {path}")
    except CheckerError as exc:
        return _emit_errors(exc)
    say(
        f"next: add {args.docs_dir.name}/{args.id} to a toctree, write the questions, then "
        "run `make lint`"
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from checker.cli.streams import write_out
    from checker.validate.schema import schema_path

    write_out(f"{schema_path(args.name)}\n")
    return EXIT_OK


_COMMANDS = {
    "validate": cmd_validate,
    "report": cmd_report,
    "init": cmd_init,
    "lint": cmd_lint,
    "diff": cmd_diff,
    "new-checklist": cmd_new_checklist,
    "schema": cmd_schema,
}
