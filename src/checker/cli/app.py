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
    try:
        return _COMMANDS.get(args.command, getattr(args, "handler", None))(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never show a traceback to users
        if os.environ.get("PLAYBOOK_DEBUG"):
            raise
        print(
            f"playbook-check: internal error: {type(exc).__name__}: {exc}\n"
            "  hint: please report this; set PLAYBOOK_DEBUG=1 to see the traceback",
            file=sys.stderr,
        )
        return EXIT_INVALID


def _emit_errors(exc: Any) -> int:
    for d in exc.diagnostics:
        print(d.format(), file=sys.stderr)
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
    out: list[str] = []
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            out.extend(
                str(p)
                for p in sorted(folder.iterdir())
                if p.suffix in (".yaml", ".yml") and p.is_file()
            )
        else:
            out.append(path)
    return out


def _exit_code(doc: dict[str, Any], args: argparse.Namespace) -> int:
    """0/1/2 for a report document, judged against --baseline when given."""
    from checker.cli.baseline import load_baseline, ratchet
    from checker.diagnostics import CheckerError

    if args.baseline is None:
        return int(doc["exit_code"])
    try:
        baseline = load_baseline(args.baseline)
    except CheckerError as exc:
        return _emit_errors(exc)
    code, lines = ratchet(doc, baseline)
    for line in lines:
        print(line, file=sys.stderr)
    return code


def cmd_validate(args: argparse.Namespace) -> int:
    from checker.report import render_document
    from checker.report.document import build

    doc = build(_check(args), fail_on=args.fail_on)
    text = render_document(doc, "text")
    if args.quiet:
        text = "".join(
            line + "\n"
            for line in text.splitlines()
            if ": error: " in line or ": warning: " in line or ": high: " in line
        )
    sys.stdout.write(text)
    return _exit_code(doc, args)


def cmd_report(args: argparse.Namespace) -> int:
    from checker.cli.output import write_atomic
    from checker.diagnostics import CheckerError
    from checker.report import render_document
    from checker.report.document import build

    if args.output is not None and args.output.exists() and not args.force:
        print(
            f"{args.output}:1:1: error: file exists; not overwriting it [PC501]\n"
            "  hint: pass --force to replace it",
            file=sys.stderr,
        )
        return EXIT_INVALID
    doc = build(_check(args), fail_on=args.fail_on)
    text = render_document(doc, args.format)
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(args.output, text, force=args.force)
        except CheckerError as exc:
            return _emit_errors(exc)
    return _exit_code(doc, args)


def cmd_init(args: argparse.Namespace) -> int:
    from checker.cli.output import write_atomic
    from checker.cli.template import render_template
    from checker.diagnostics import CheckerError
    from checker.registry import ChecklistRegistry, default_dirs
    from checker.suggest import did_you_mean
    from checker.validate.schema import schema_path

    registry = ChecklistRegistry(default_dirs(args.checklists))
    try:
        checklist = registry.get(args.checklist)
    except CheckerError as exc:
        return _emit_errors(exc)
    if checklist is None:
        known = registry.ids()
        hint = did_you_mean(args.checklist, known) or "known: " + ", ".join(known)
        print(
            f"playbook-check: error: unknown checklist {args.checklist!r} [PC410]\n  hint: {hint}",
            file=sys.stderr,
        )
        return EXIT_INVALID
    schema = schema_path("answers")
    base = args.output.resolve().parent if args.output is not None else Path.cwd()
    schema_ref = os.path.relpath(schema, base) if schema.anchor == base.anchor else str(schema)
    text = render_template(checklist, team=args.team, schema_ref=Path(schema_ref).as_posix())
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        write_atomic(args.output, text, force=args.force)
    except CheckerError as exc:
        return _emit_errors(exc)
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def cmd_lint(args: argparse.Namespace) -> int:
    from checker.cli.lint import checklist_files, lint, pitfalls_in_docs

    paths = args.paths or [Path("checklists")]
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        print(f"{p}:1:1: error: no such file or directory [PC100]", file=sys.stderr)
    if missing:
        return EXIT_INVALID
    if args.docs is not None and not args.docs.is_dir():
        print(f"{args.docs}:1:1: error: docs directory not found [PC100]", file=sys.stderr)
        return EXIT_INVALID
    docs = args.docs if args.docs is not None else (Path("docs") if Path("docs").is_dir() else None)
    pitfalls = pitfalls_in_docs(docs) if docs is not None else None
    diagnostics = lint(paths, pitfalls)
    for d in diagnostics:
        print(d.format())
    errors = sum(1 for d in diagnostics if d.severity.value == "error")
    n = len(checklist_files(paths))
    print(
        f"{n} checklist(s) linted: {errors} error(s), {len(diagnostics) - errors} warning(s)"
        + ("" if pitfalls is not None else " (pitfall ids not checked: no docs directory)")
    )
    return EXIT_INVALID if errors else EXIT_OK


def _entry(path: Path, args: argparse.Namespace) -> dict[str, Any] | None:
    """A report file entry from an answers file or a JSON report (its first file)."""
    import json

    from checker.report.document import build

    if path.suffix == ".json":
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            entry = doc["files"][0]
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            print(
                f"{path}:1:1: error: not a playbook-check JSON report ({exc}) [PC412]",
                file=sys.stderr,
            )
            return None
    else:
        ns = argparse.Namespace(
            **{**vars(args), "files": [path], "evidence_root": None, "allow_incomplete": True}
        )
        entry = build(_check(ns))["files"][0]
        for d in entry["diagnostics"]:
            if d["severity"] == "error":
                print(
                    f"{d['file']}:{d['line']}:{d['column']}: error: {d['message']} [{d['code']}]",
                    file=sys.stderr,
                )
    if not entry.get("valid"):
        return None
    return entry


def cmd_diff(args: argparse.Namespace) -> int:
    import json

    from checker.cli.diff import compare, render_text, worse

    old, new = _entry(args.old, args), _entry(args.new, args)
    if old is None or new is None:
        return EXIT_INVALID
    if old["checklist"]["id"] != new["checklist"]["id"]:
        print(
            f"{args.new}:1:1: error: compares checklist {new['checklist']['id']!r} with "
            f"{old['checklist']['id']!r} [PC413]",
            file=sys.stderr,
        )
        return EXIT_INVALID
    change = compare(old, new)
    if args.format == "json":
        sys.stdout.write(json.dumps(change, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(change))
    return EXIT_FINDINGS if worse(change) else EXIT_OK


def cmd_new_checklist(args: argparse.Namespace) -> int:

    from checker.cli.output import write_atomic
    from checker.cli.scaffold import checklist_text, page_text
    from checker.diagnostics import CheckerError

    if not ID_RE.fullmatch(args.id):
        print(
            f"playbook-check: error: {args.id!r} is not a kebab-case id [PC205]\n"
            "  hint: use lower-case letters, digits and dashes, e.g. data-quality",
            file=sys.stderr,
        )
        return EXIT_INVALID
    title = args.title or args.id.replace("-", " ").capitalize()
    targets = [
        (args.checklists_dir / f"{args.id}.yaml", checklist_text(args.id, title, args.pitfall)),
        (args.docs_dir / f"{args.id}.md", page_text(args.id, title, args.pitfall)),
    ]
    existing = [str(p) for p, _ in targets if p.exists()]
    if existing and not args.force:
        for p in existing:
            print(
                f"{p}:1:1: error: file exists; not overwriting it [PC501]\n"
                "  hint: pass --force to replace it",
                file=sys.stderr,
            )
        return EXIT_INVALID
    try:
        for path, text in targets:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text, force=args.force)
            print(f"wrote {path}", file=sys.stderr)
    except CheckerError as exc:
        return _emit_errors(exc)
    print(
        f"next: add {args.docs_dir.name}/{args.id} to a toctree, write the questions, then "
        "run `make lint`",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from checker.validate.schema import schema_path

    print(schema_path(args.name))
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
